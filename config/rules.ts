/**
 * Reusable schema rules. Each carries the message users see, phrased so that the loader can append the value
 * received: `environments.prod.app.memoryMb: must be between 128 and 10240, got 64`.
 */
import { z } from 'zod';
import { AWS_PROVIDER_VERSION, AWS_REGIONS } from './aws-regions';

export function intRange(min: number, max: number) {
  const message = `must be a whole number between ${min} and ${max}`;
  return z
    .number({ invalid_type_error: message, required_error: message })
    .int(message)
    .min(min, message)
    .max(max, message);
}

export function oneOf<T extends readonly [string, ...string[]]>(values: T) {
  const message = `must be one of ${values.join(', ')}`;
  return z.enum(values as unknown as [T[number], ...T[number][]], {
    errorMap: () => ({ message }),
  });
}

export function oneOfNumbers<T extends readonly number[]>(values: T) {
  return z
    .number({ invalid_type_error: `must be one of ${values.join(', ')}` })
    .refine((v) => values.includes(v), { message: `must be one of ${values.join(', ')}` });
}

export function nonEmptyString(what = 'a non-empty string') {
  return z.string({ invalid_type_error: `must be ${what}`, required_error: `is required` }).min(1, `must be ${what}`);
}

/** IPv4 CIDR block with a valid prefix, for example 10.0.0.0/16; the address must be the network address. */
export const ipv4Cidr = z
  .string({ invalid_type_error: 'must be an IPv4 CIDR block such as 10.0.0.0/16' })
  .refine((v) => parseCidr(v) !== undefined, { message: 'must be an IPv4 CIDR block such as 10.0.0.0/16' })
  .refine((v) => (parseCidr(v)?.aligned ?? true) === true, {
    message: 'must start at its network address (host bits set)',
  });

export interface ParsedCidr {
  readonly network: number;
  readonly prefix: number;
  readonly aligned: boolean;
}

export function parseCidr(value: string): ParsedCidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(address / size) * size;
  return { network, prefix, aligned: network === address };
}

/** A region the pinned AWS provider knows (config/aws-regions.ts); a typo gets the nearest names as suggestions. */
export const awsRegion = z
  .string({ invalid_type_error: 'must be an AWS region code such as eu-west-1' })
  .superRefine((region, ctx) => {
    if ((AWS_REGIONS as readonly string[]).includes(region)) return;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must be a region of the AWS provider ${AWS_PROVIDER_VERSION} (nearest: ${nearest(region, AWS_REGIONS, 3).join(', ')})`,
    });
  });

/**
 * The candidates closest to a mistyped value by edit distance, closest first (ties in list order): suggestions for
 * messages. Only candidates within half the value's length are offered, at most `count`.
 */
export function nearest(value: string, candidates: readonly string[], count = 1): string[] {
  const scored = candidates.map((c, i) => ({ c, i, d: editDistance(value, c) }));
  const limit = Math.max(2, Math.ceil(value.length / 2));
  const close = scored.filter((s) => s.d <= limit);
  return (close.length > 0 ? close : scored)
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, count)
    .map((s) => s.c);
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

export const awsAccountId = z
  .string({ invalid_type_error: 'must be a 12-digit AWS account ID' })
  .regex(/^\d{12}$/, 'must be a 12-digit AWS account ID');

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const logRetentionDays = oneOfNumbers(LOG_RETENTION_DAYS);

export const emailAddress = z
  .string({ invalid_type_error: 'must be an email address' })
  .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'must be an email address');

export const acmCertificateArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, 'must be an ACM certificate ARN');

/** Region part of an ARN, for rules such as "CloudFront certificates live in us-east-1". */
export function arnRegion(arn: string): string {
  return arn.split(':')[3] ?? '';
}

/**
 * A custom domain: it needs either an existing certificate or a hosted zone in which the platform can validate a new
 * one by DNS. Without either, nothing could serve TLS for it.
 */
export const customDomain = z
  .object({
    name: z
      .string()
      .regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lower-case DNS name'),
    certificateArn: acmCertificateArn.optional(),
    hostedZoneId: z
      .string()
      .regex(/^Z[A-Z0-9]{1,31}$/, 'must be a Route 53 hosted zone ID such as Z1234567890ABC')
      .optional(),
  })
  .strict()
  .refine((d) => d.certificateArn !== undefined || d.hostedZoneId !== undefined, {
    message: 'a custom domain needs certificateArn or hostedZoneId (to issue a DNS-validated certificate)',
  });

export type CustomDomain = z.infer<typeof customDomain>;

/**
 * Reports a problem with a record's key (a route, a tag): the message shows the key, not the entry's value. The
 * issue sits at the record's path, so it reads `tags: tag keys must not ..., got key "aws:owner"`.
 */
export function addKeyIssue(ctx: z.RefinementCtx, path: (string | number)[], key: string, message: string): void {
  ctx.addIssue({ code: z.ZodIssueCode.custom, path, message, params: { recordKey: key } });
}

/** AWS tag limits: keys up to 128 characters, values up to 256, and the aws: prefix is reserved. */
export const tags = z
  .record(
    z.string().min(1).max(128, 'tag keys must be at most 128 characters'),
    z.string().max(256, 'tag values must be at most 256 characters'),
  )
  .superRefine((all, ctx) => {
    for (const key of Object.keys(all)) {
      if (key.toLowerCase().startsWith('aws:')) {
        addKeyIssue(ctx, [], key, 'tag keys must not start with aws: (reserved)');
      }
    }
  });
