/** What a credential looks like, by name and by value, for the rules that keep credentials out of plain text. */

const SECRET_NAME =
  /(^|[_-])(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|WEBHOOK(_URL)?)([_-]|$)/i;

/** Well-known credential formats: AWS access keys, GitHub tokens, Slack tokens and webhooks, PEM private keys. */
const CREDENTIAL_VALUE = [
  /^(AKIA|ASIA)[A-Z0-9]{16}$/,
  /^gh[pousr]_[A-Za-z0-9]{30,}$/,
  /^github_pat_[A-Za-z0-9_]{30,}$/,
  /^xox[abprs]-[A-Za-z0-9-]{10,}$/,
  /^https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+$/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function looksLikeCredential(value: string): boolean {
  return CREDENTIAL_VALUE.some((pattern) => pattern.test(value));
}

/** The same formats anywhere in a text (a file, a synthesized stack), not only as a whole value. */
const CREDENTIAL_IN_TEXT = CREDENTIAL_VALUE.map(
  (pattern) => new RegExp(pattern.source.replace(/^\^/, '').replace(/\$$/, ''), 'g'),
);

/** Every credential-shaped string in `text`. */
export function credentialsIn(text: string): string[] {
  return CREDENTIAL_IN_TEXT.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[0]));
}
