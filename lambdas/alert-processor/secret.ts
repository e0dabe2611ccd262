import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Returns the SecretString of a secret. */
export type SecretFetcher = (secretId: string) => Promise<string>;

export function secretsManagerFetcher(client = new SecretsManagerClient({})): SecretFetcher {
  return async (secretId) => {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!SecretString) throw new Error(`secret ${secretId} has no SecretString`);
    return SecretString;
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
