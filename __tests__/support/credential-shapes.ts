/**
 * Values shaped like credentials, for the tests of the rules that recognize them. They are put together at run time,
 * so that no tracked file holds a string a secret scanner would flag (the repository scan in
 * __tests__/no-secrets.test.ts included); none of them is or was ever a real credential.
 */
export const CREDENTIAL_SHAPED = {
  /** `AKIA` and 16 upper-case letters and digits: the shape of an AWS access key ID. */
  awsAccessKeyId: ['AKIA', 'EXAMPLE0'.repeat(2)].join(''),
  /** A Slack incoming-webhook URL. */
  slackWebhookUrl: ['https://hooks.slack.com', 'services', 'T00000000', 'B00000000', 'X'.repeat(24)].join('/'),
} as const;
