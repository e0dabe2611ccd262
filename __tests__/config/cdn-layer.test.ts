import { wafModeOf } from '../../config/layers/cdn';
import { validateConfig } from '../../config/load';
import { computeInput, problemsOf } from '../support/compute';

type CdnInput = Parameters<typeof computeInput>[0]['cdn'];
const withCdn = (cdn: CdnInput, env: Parameters<typeof computeInput>[0] = {}) => computeInput({ ...env, cdn });
const cdnOf = (cdn: CdnInput) => validateConfig(withCdn(cdn)).environments.dev.cdn;
const CERT = (region: string) => `arn:aws:acm:${region}:123456789012:certificate/12345678-1234-1234-1234-123456789012`;

describe('cdn layer schema', () => {
  test('is off by default, and applies the documented defaults', () => {
    expect(validateConfig(computeInput({})).environments.dev.cdn).toMatchObject({
      enabled: false,
      priceClass: 'PriceClass_100',
      logging: { enabled: true, retentionDays: 90 },
      waf: { enabled: true, rateLimit: 2000 },
    });
    const site = cdnOf({ enabled: true }).sites.web;
    expect(site).toMatchObject({ spaFallback: false, pathBehaviours: [] });
    expect(site.contentSecurityPolicy).toContain("default-src 'self'");
    expect(
      cdnOf({ enabled: true, sites: { ui: { pathBehaviours: [{ pathPattern: '/packages/react/*' }] } } }).sites.ui
        .pathBehaviours,
    ).toEqual([{ pathPattern: '/packages/react/*', cache: 'assets' }]);
  });

  test('accepts a domain with a new certificate (hosted zone only) or an existing one in us-east-1', () => {
    const zone = { name: 'www.example.com', hostedZoneId: 'Z1234567890ABC' };
    expect(cdnOf({ enabled: true, sites: { web: { domain: zone } } }).sites.web.domain).toEqual(zone);
    expect(
      cdnOf({ enabled: true, sites: { web: { domain: { ...zone, certificateArn: CERT('us-east-1') } } } }).sites.web
        .domain?.certificateArn,
    ).toBe(CERT('us-east-1'));
  });

  test('WAF blocks in production and counts elsewhere unless the mode is set', () => {
    const cdn = cdnOf({ enabled: true });
    expect(wafModeOf(cdn, true)).toBe('block');
    expect(wafModeOf(cdn, false)).toBe('count');
    expect(wafModeOf(cdnOf({ enabled: true, waf: { mode: 'count' } }), true)).toBe('count');
    expect(wafModeOf(cdnOf({ enabled: true, waf: { mode: 'block' } }), false)).toBe('block');
  });

  describe('fails when', () => {
    test.each([
      ['logging', 'access logging'],
      ['waf', 'WAF'],
    ] as const)('%s is off without a written reason', (control, what) => {
      const off = { enabled: false };
      expect(problemsOf(withCdn({ enabled: true, [control]: off }))).toEqual([
        `environments.dev.cdn.${control}.reason: must say why ${what} is off (a non-empty reason beside enabled: false)`,
      ]);
      expect(problemsOf(withCdn({ enabled: true, [control]: { ...off, reason: '  ' } }))).toHaveLength(1);
      expect(() =>
        validateConfig(withCdn({ enabled: true, [control]: { ...off, reason: 'a test site' } })),
      ).not.toThrow();
    });

    test('the price class is unknown', () => {
      expect(problemsOf(withCdn({ enabled: true, priceClass: 'PriceClass_1' as never }))).toEqual([
        'environments.dev.cdn.priceClass: must be one of PriceClass_100, PriceClass_200, PriceClass_All, got "PriceClass_1"',
      ]);
    });

    test('an existing certificate is outside us-east-1', () => {
      const domain = { name: 'www.example.com', hostedZoneId: 'Z1234567890ABC', certificateArn: CERT('eu-west-1') };
      expect(problemsOf(withCdn({ enabled: true, sites: { web: { domain } } }))).toEqual([
        `environments.dev.cdn.sites.web.domain.certificateArn: must be in us-east-1 (CloudFront uses certificates only from there), got "${CERT('eu-west-1')}"`,
      ]);
    });

    test('a certificate ARN is not an ACM ARN', () => {
      const domain = { name: 'www.example.com', hostedZoneId: 'Z1234567890ABC', certificateArn: 'cert-1' };
      expect(problemsOf(withCdn({ enabled: true, sites: { web: { domain } } }))[0]).toMatch(
        /^environments\.dev\.cdn\.sites\.web\.domain\.certificateArn: must be an ACM certificate ARN/,
      );
    });

    test('a domain has no hosted zone', () => {
      const domain = { name: 'www.example.com', certificateArn: CERT('us-east-1') } as never;
      expect(problemsOf(withCdn({ enabled: true, sites: { web: { domain } } }))).toEqual([
        'environments.dev.cdn.sites.web.domain.hostedZoneId: is required: the alias records (and a new certificate) are created in it',
      ]);
    });

    test('a domain name is not a DNS name', () => {
      const domain = { name: 'WWW.Example', hostedZoneId: 'Z1234567890ABC' };
      expect(problemsOf(withCdn({ enabled: true, sites: { web: { domain } } }))[0]).toMatch(
        /^environments\.dev\.cdn\.sites\.web\.domain\.name: must be a lower-case DNS name/,
      );
    });

    test("a path pattern does not start with / or repeats, or is the platform's /index.html", () => {
      expect(
        problemsOf(withCdn({ enabled: true, sites: { web: { pathBehaviours: [{ pathPattern: 'packages/*' }] } } }))[0],
      ).toMatch(/^environments\.dev\.cdn\.sites\.web\.pathBehaviours\.0\.pathPattern: must start with \//);
      expect(
        problemsOf(
          withCdn({
            enabled: true,
            sites: { web: { pathBehaviours: [{ pathPattern: '/a/*' }, { pathPattern: '/a/*' }] } },
          }),
        ),
      ).toEqual([
        'environments.dev.cdn.sites.web.pathBehaviours.1.pathPattern: must be unique and not /index.html (the platform\'s own behaviour), got "/a/*"',
      ]);
      expect(
        problemsOf(withCdn({ enabled: true, sites: { web: { pathBehaviours: [{ pathPattern: '/index.html' }] } } }))[0],
      ).toMatch(/pathBehaviours\.0\.pathPattern: must be unique and not \/index\.html/);
    });

    test('a site name is not a name component', () => {
      expect(problemsOf(withCdn({ enabled: true, sites: { Web_Site: {} } }))[0]).toMatch(
        /^environments\.dev\.cdn\.sites: must be a site name of lower-case words.*, got key "Web_Site"$/,
      );
    });

    test('the layer is on without a site', () => {
      expect(problemsOf(withCdn({ enabled: true, sites: {} }))).toEqual([
        'environments.dev.cdn.sites: must define at least one site when cdn is enabled, got {}',
      ]);
    });

    test('the package API names a site that does not exist, or no framework', () => {
      expect(problemsOf(withCdn({ enabled: true, packages: { site: 'ui', frameworks: ['react'] } }))).toEqual([
        'environments.dev.cdn.packages.site: must be one of the sites (web), got "ui"',
      ]);
      expect(problemsOf(withCdn({ enabled: true, packages: { site: 'web', frameworks: [] } }))).toEqual([
        'environments.dev.cdn.packages.frameworks: must name at least one framework, got []',
      ]);
    });

    test('the WAF rate limit or mode is out of range', () => {
      expect(problemsOf(withCdn({ enabled: true, waf: { rateLimit: 50 } }))).toEqual([
        'environments.dev.cdn.waf.rateLimit: must be a whole number between 100 and 2000000000, got 50',
      ]);
      expect(problemsOf(withCdn({ enabled: true, waf: { mode: 'deny' as never } }))).toEqual([
        'environments.dev.cdn.waf.mode: must be one of count, block, got "deny"',
      ]);
    });

    test('an unknown field is given', () => {
      expect(problemsOf(withCdn({ enabled: true, cacheTtl: 5 } as never))[0]).toMatch(
        /^environments\.dev\.cdn: unknown field\(s\) "cacheTtl"/,
      );
    });
  });
});
