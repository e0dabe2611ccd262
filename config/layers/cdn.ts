/**
 * Configuration of the per-environment `cdn` layer: one CloudFront distribution per site, each in front of its own
 * private S3 origin, a WAF web ACL shared by the environment's distributions, access logging, and optionally the
 * package-deployment API that publishes versioned UI packages into one site's origin.
 */
import { z } from 'zod';
import { acmCertificateArn, arnRegion, intRange, oneOf } from '../rules';
import { COMPONENT_RULE } from '../../core/naming-rules';

/** CloudFront takes viewer certificates and CloudFront-scoped web ACLs only from this region. */
export const CDN_GLOBAL_REGION = 'us-east-1';

export const PRICE_CLASSES = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'] as const;
export type PriceClass = (typeof PRICE_CLASSES)[number];

/** How a path behaviour caches: `assets` long (hashed or versioned files), `html` not at all (always fresh). */
export const CACHE_KINDS = ['assets', 'html'] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];

/** Where WAF rules act: `count` only records matches, `block` answers 403. */
export const WAF_MODES = ['count', 'block'] as const;
export type WafMode = (typeof WAF_MODES)[number];

/** CloudFront path patterns: `/`-rooted, at most 255 characters of the characters CloudFront allows. */
const PATH_PATTERN_RULE = /^\/[A-Za-z0-9_\-.*$/~"'@:+&]{0,254}$/;

/** A conservative default: same-origin everything, no inline script, no framing. */
export const DEFAULT_CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

const componentName = (what: string) =>
  z.string().regex(COMPONENT_RULE, `must be a ${what} name of lower-case words of a-z and 0-9 joined by single -`);

/**
 * A custom domain of a site: the alias records go into `hostedZoneId`; the certificate is either issued there (DNS
 * validation) or, with `certificateArn`, an existing one, which must be in us-east-1.
 */
export const cdnDomainSchema = z
  .object({
    name: z
      .string()
      .regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lower-case DNS name'),
    hostedZoneId: z
      .string({ required_error: 'is required: the alias records (and a new certificate) are created in it' })
      .regex(/^Z[A-Z0-9]{1,31}$/, 'must be a Route 53 hosted zone ID such as Z1234567890ABC'),
    /** An existing certificate. @default a certificate issued in us-east-1 and validated in `hostedZoneId` */
    certificateArn: acmCertificateArn
      .refine((arn) => arnRegion(arn) === CDN_GLOBAL_REGION, {
        message: `must be in ${CDN_GLOBAL_REGION} (CloudFront uses certificates only from there)`,
      })
      .optional(),
  })
  .strict();
export type CdnDomainConfig = z.infer<typeof cdnDomainSchema>;

export const pathBehaviourSchema = z
  .object({
    /** For example `/packages/react/*`. */
    pathPattern: z
      .string()
      .regex(PATH_PATTERN_RULE, 'must start with / and use only the characters CloudFront path patterns allow'),
    cache: oneOf(CACHE_KINDS).default('assets'),
  })
  .strict();
export type PathBehaviourConfig = z.infer<typeof pathBehaviourSchema>;

export const cdnSiteSchema = z
  .object({
    /** Answer 403 and 404 from the origin with `/index.html` and 200, so a single-page app routes on the client. */
    spaFallback: z.boolean().default(false),
    /** Behaviours besides the default one and `/index.html`, in precedence order. */
    pathBehaviours: z.array(pathBehaviourSchema).max(20, 'must have at most 20 entries').default([]),
    contentSecurityPolicy: z
      .string()
      .min(1, 'must not be empty')
      .max(1783, 'must be at most 1783 characters (CloudFront header limit)')
      .default(DEFAULT_CONTENT_SECURITY_POLICY),
    /** @default the distribution's own `*.cloudfront.net` name */
    domain: cdnDomainSchema.optional(),
    comment: z.string().max(128, 'must be at most 128 characters').optional(),
  })
  .strict()
  .superRefine((site, ctx) => {
    const seen = new Set<string>();
    site.pathBehaviours.forEach((b, i) => {
      if (b.pathPattern === '/index.html' || seen.has(b.pathPattern)) {
        ctx.addIssue({
          code: 'custom',
          path: ['pathBehaviours', i, 'pathPattern'],
          message: "must be unique and not /index.html (the platform's own behaviour)",
        });
      }
      seen.add(b.pathPattern);
    });
  });
export type CdnSiteConfig = z.infer<typeof cdnSiteSchema>;

export const cdnWafSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** @default `block` in production environments, `count` elsewhere (see `wafModeOf`) */
    mode: oneOf(WAF_MODES).optional(),
    /** Requests per 5 minutes from one IP address above which the rate rule acts. */
    rateLimit: intRange(100, 2_000_000_000).default(2000),
    /** Why the sites go without WAF: required, and non-empty, when `enabled` is false; it becomes the suppression. */
    reason: z.string().optional(),
  })
  .strict();

export const cdnLoggingSchema = z
  .object({
    /** CloudFront standard access logs to the environment's log bucket; off needs `reason`. */
    enabled: z.boolean().default(true),
    /** Days access log objects are kept. */
    retentionDays: intRange(1, 3650).default(90),
    /** Why access logs are off: required, and non-empty, when `enabled` is false; it becomes the suppression. */
    reason: z.string().optional(),
  })
  .strict();

export const packageApiSchema = z
  .object({
    /** The site whose origin holds `packages/<framework>/<version>/`. */
    site: componentName('site'),
    /** Frameworks packages may be published for. */
    frameworks: z.array(componentName('framework')).min(1, 'must name at least one framework'),
    /** Files in one package. */
    maxFiles: intRange(1, 10000).default(1000),
    /** Total size of one package in MiB. */
    maxPackageMb: intRange(1, 1024).default(100),
    throttling: z
      .object({ rateLimit: intRange(1, 10000).default(5), burstLimit: intRange(1, 5000).default(10) })
      .strict()
      .default({}),
  })
  .strict();
export type PackageApiConfig = z.infer<typeof packageApiSchema>;

export const cdnLayerSchema = z
  .object({
    enabled: z.boolean().default(false),
    priceClass: oneOf(PRICE_CLASSES).default('PriceClass_100'),
    /** Sites by name; each is a distribution with its own origin bucket `<service>-<env>-<site>-origin`. */
    sites: z.record(componentName('site'), cdnSiteSchema).default({ web: {} }),
    logging: cdnLoggingSchema.default({}),
    waf: cdnWafSchema.default({}),
    /** @default no package API */
    packages: packageApiSchema.optional(),
  })
  .strict()
  .superRefine((cdn, ctx) => {
    // A security control turned off is a decision with a written reason, never a default (the reason is what the
    // policy check shows as the suppression).
    for (const control of ['logging', 'waf'] as const) {
      const settings = cdn[control];
      if (cdn.enabled && !settings.enabled && (settings.reason === undefined || settings.reason.trim() === '')) {
        ctx.addIssue({
          code: 'custom',
          path: [control, 'reason'],
          message: `must say why ${control === 'waf' ? 'WAF' : 'access logging'} is off (a non-empty reason beside enabled: false)`,
        });
      }
    }
    if (cdn.enabled && Object.keys(cdn.sites).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['sites'], message: 'must define at least one site when cdn is enabled' });
    }
    if (cdn.packages && cdn.sites[cdn.packages.site] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['packages', 'site'],
        message: `must be one of the sites (${Object.keys(cdn.sites).join(', ')})`,
      });
    }
  });
export type CdnLayerConfig = z.infer<typeof cdnLayerSchema>;
/** What a preset writes for the cdn layer (defaults not yet applied). */
export type CdnLayerInput = z.input<typeof cdnLayerSchema>;

/**
 * The WAF mode an environment runs: the configured one, else `block` in production and `count` elsewhere, where a
 * false positive should be seen before it blocks anyone.
 */
export function wafModeOf(cdn: CdnLayerConfig, production: boolean): WafMode {
  return cdn.waf.mode ?? (production ? 'block' : 'count');
}
