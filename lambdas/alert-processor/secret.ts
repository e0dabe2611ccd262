import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Returns the SecretString of a secret. */
export type SecretFetcher = (secretId: string) => Promise<string>;

/** How long a read secret is reused before Secrets Manager is asked again (so a rotated webhook is picked up). */
export const DEFAULT_SECRET_MAX_AGE_SECONDS = 300;

/**
 * Reads through Powertools Parameters, which caches each secret for `maxAgeSeconds` and never caches a failed read.
 * Pass the client captured by the tracer, so that the trace shows the GetSecretValue call.
 */
export function secretsManagerFetcher(
  client: SecretsManagerClient,
  maxAgeSeconds = DEFAULT_SECRET_MAX_AGE_SECONDS,
): SecretFetcher {
  const provider = new SecretsProvider({ awsSdkV3Client: client });
  return async (secretId) => {
    const value = await provider.get(secretId, { maxAge: maxAgeSeconds });
    if (typeof value !== 'string' || value === '') throw new Error(`secret ${secretId} has no SecretString`);
    return value;
  };
}

/**
 * The webhook URL from a secret holding either the bare URL or `{"url": "..."}`. The errors never quote the secret:
 * the URL is itself the credential.
 */
export function webhookUrlFromSecret(secret: string): string {
  const value = secret.trim();
  let url: unknown = value;
  if (value.startsWith('{')) {
    try {
      url = (JSON.parse(value) as { url?: unknown }).url;
    } catch {
      throw new Error('Slack webhook secret starts with "{" but is not valid JSON');
    }
  }
  // A URL that fetch cannot parse would be quoted, credential and all, in fetch's error message.
  if (typeof url !== 'string' || !/^https?:\/\//.test(url) || !URL.canParse(url)) {
    throw new Error('Slack webhook secret must be the webhook URL or JSON {"url": "<webhook URL>"}');
  }
  return url;
}
