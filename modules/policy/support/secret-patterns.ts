/** What a credential looks like, by name and by value, for the rules that keep credentials out of plain text. */

const SECRET_NAME =
  /(^|[_-])(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|WEBHOOK(_URL)?)([_-]|$)/i;

/** Well-known credential formats: AWS access keys, GitHub tokens, Slack tokens and webhooks, PEM private keys. */
const CREDENTIAL_VALUE = [
  /^(AKIA|ASIA)[A-Z0-9]{16}$/,
  /^gh[pousr]_[A-Za-z0-9]{30,}$/,
  /^github_pat_[A-Za-z0-9_]{30,}$/,
  /^xox[abprs]-[A-Za-z0-9-]{10,}$/,
  /^https:\/\/hooks\.slack\.com\/services\//,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function looksLikeCredential(value: string): boolean {
  return CREDENTIAL_VALUE.some((pattern) => pattern.test(value));
}
