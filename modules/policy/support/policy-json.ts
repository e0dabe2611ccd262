/** Reading IAM policy JSON out of synthesized attributes. */

export interface PolicyStatementJson {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly Principal?: unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly Condition?: Record<string, Record<string, any>>;
}

/** Parses a policy attribute; undefined when it is not literal JSON (for example a data-source reference). */
export function parsePolicy(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export function statementsOf(document: unknown): PolicyStatementJson[] {
  const statement = (document as { Statement?: unknown } | undefined)?.Statement;
  if (Array.isArray(statement)) return statement as PolicyStatementJson[];
  return statement !== undefined && statement !== null ? [statement as PolicyStatementJson] : [];
}

/** Whether a statement's principal is anyone: `"*"` or an AWS principal list containing `"*"`. */
export function isAnonymous(principal: unknown): boolean {
  if (principal === '*') return true;
  return asList((principal as { AWS?: string | string[] } | undefined)?.AWS).includes('*');
}

export function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
