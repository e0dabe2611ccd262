"""Reads a function's configuration at run time (the Python twin of @platform/runtime-config).

SSM parameters live under PARAMETER_PATH (`/<service>/<env>/`) and Secrets Manager secrets under SECRET_PREFIX
(`<service>/<env>/`). Values are cached for a few minutes, so warm invocations make no call and a value changed out
of band is picked up without a deploy. The function's role may read only what its configuration lists. Uses the
boto3 the Python runtime ships, imported on first use.
"""

import json
import os
import threading
import time

DEFAULT_TTL_SECONDS = 300


def _sdk_fetchers():
    clients = {}

    def client(service):
        if service not in clients:
            import boto3

            clients[service] = boto3.client(service)
        return clients[service]

    def parameter(name):
        return client("ssm").get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]

    def secret(secret_id):
        value = client("secretsmanager").get_secret_value(SecretId=secret_id).get("SecretString")
        if value is None:
            raise ValueError(f"secret {secret_id} has no string value")
        return value

    return parameter, secret


class ConfigReader:
    """Cached reads of the function's own parameters and secrets."""

    def __init__(self, env=None, fetch_parameter=None, fetch_secret=None, ttl_seconds=DEFAULT_TTL_SECONDS, clock=None):
        self._env = os.environ if env is None else env
        if fetch_parameter is None or fetch_secret is None:
            sdk_parameter, sdk_secret = _sdk_fetchers()
            fetch_parameter = fetch_parameter or sdk_parameter
            fetch_secret = fetch_secret or sdk_secret
        self._fetch_parameter = fetch_parameter
        self._fetch_secret = fetch_secret
        self._ttl = ttl_seconds
        self._clock = clock or time.monotonic
        self._cache = {}
        self._lock = threading.Lock()

    def _variable(self, name, granted):
        value = self._env.get(name)
        if not value:
            raise KeyError(f"{name} is not set: the function was granted no {granted}")
        return value

    def _cached(self, key, load):
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[1] > self._clock():
                return hit[0]
        value = load()
        with self._lock:
            self._cache[key] = (value, self._clock() + self._ttl)
        return value

    def parameter(self, name):
        """The value of parameter `<PARAMETER_PATH><name>`, decrypted when it is a SecureString."""
        full = self._variable("PARAMETER_PATH", "parameters") + name
        return self._cached("parameter:" + full, lambda: self._fetch_parameter(full))

    def secret(self, name):
        """The string value of secret `<SECRET_PREFIX><name>`."""
        secret_id = self._variable("SECRET_PREFIX", "secrets") + name
        return self._cached("secret:" + secret_id, lambda: self._fetch_secret(secret_id))

    def secret_json(self, name):
        """A secret holding JSON, parsed."""
        return json.loads(self.secret(name))

    def clear(self):
        """Forgets every cached value, for example after a rotation."""
        with self._lock:
            self._cache.clear()
