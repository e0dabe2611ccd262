import { BASELINE_RULES } from '../../modules/policy';
import { CdnDistribution, MANAGED_CACHE_POLICIES, MINIMUM_VIEWER_TLS } from '../../modules/cdn-distribution';
import { SecureBucket } from '../../modules/secure-bucket';
import { cdnFixture } from './policy/rules/cloudfront/fixtures';
import { resourcesOf, synthJson, testStack, violatedRules } from '../support/stacks';

describe('CdnDistribution', () => {
  const fixture = cdnFixture({ pathBehaviours: [{ pathPattern: '/packages/react/*', cache: 'assets' }] });
  const json = synthJson(fixture.stack);
  const distribution = Object.values(json.resource.aws_cloudfront_distribution)[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  test('with every option, passes the whole policy baseline', () => {
    expect(violatedRules(fixture.stack, BASELINE_RULES)).toEqual([]);
  });

  test('HTTPS only, HTTP/2 and 3, IPv6, index.html root, price class, TLS 1.2 2021 on the alias', () => {
    expect(distribution).toMatchObject({
      enabled: true,
      http_version: 'http2and3',
      is_ipv6_enabled: true,
      default_root_object: 'index.html',
      price_class: 'PriceClass_100',
      aliases: ['www.example.com'],
      viewer_certificate: {
        acm_certificate_arn: expect.stringMatching(/^\$\{aws_acm_certificate_validation\./),
        ssl_support_method: 'sni-only',
        minimum_protocol_version: MINIMUM_VIEWER_TLS,
      },
      web_acl_id: expect.stringMatching(/^\$\{aws_wafv2_web_acl\./),
      logging_config: {
        bucket: expect.stringMatching(/bucket_domain_name\}$/),
        prefix: 'web/',
        include_cookies: false,
      },
      default_cache_behavior: { viewer_protocol_policy: 'redirect-to-https', compress: true },
    });
    expect(distribution.origin[0].origin_access_control_id).toMatch(/^\$\{aws_cloudfront_origin_access_control\./);
    expect(distribution.origin[0].s3_origin_config).toBeUndefined();
  });

  test('managed cache policies by name: long for assets and path behaviours, none for /index.html', () => {
    const policies = json.data.aws_cloudfront_cache_policy;
    expect(
      Object.values(policies)
        .map((p) => (p as { name: string }).name)
        .sort(),
    ).toEqual([MANAGED_CACHE_POLICIES.html, MANAGED_CACHE_POLICIES.assets]);
    const [html, react] = distribution.ordered_cache_behavior;
    expect(html).toMatchObject({ path_pattern: '/index.html', cache_policy_id: expect.stringContaining('cache-html') });
    expect(react).toMatchObject({
      path_pattern: '/packages/react/*',
      cache_policy_id: expect.stringContaining('cache-assets'),
    });
    expect(distribution.default_cache_behavior.cache_policy_id).toContain('cache-assets');
  });

  test('SPA fallback answers 403 and 404 with /index.html and 200; without it there are no error responses', () => {
    expect(distribution.custom_error_response).toEqual(
      [403, 404].map((code) => ({
        error_code: code,
        response_code: 200,
        response_page_path: '/index.html',
        error_caching_min_ttl: 10,
      })),
    );
    const plain = synthJson(cdnFixture({ spaFallback: false }).stack);
    expect(Object.values(plain.resource.aws_cloudfront_distribution)[0]).not.toHaveProperty('custom_error_response');
  });

  test('security headers: HSTS, nosniff, DENY framing, referrer policy and the configured CSP', () => {
    const policy = Object.values(json.resource.aws_cloudfront_response_headers_policy)[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(policy.security_headers_config).toEqual({
      strict_transport_security: {
        access_control_max_age_sec: 63072000,
        include_subdomains: true,
        preload: true,
        override: true,
      },
      content_type_options: { override: true },
      frame_options: { frame_option: 'DENY', override: true },
      referrer_policy: { referrer_policy: 'strict-origin-when-cross-origin', override: true },
      content_security_policy: { content_security_policy: "default-src 'self'", override: true },
    });
  });

  test('the origin bucket admits only CloudFront, conditioned on this distribution ARN', () => {
    const policies = Object.values(json.resource.aws_s3_bucket_policy) as { policy: string }[];
    const statements = policies.flatMap((p) => JSON.parse(p.policy).Statement);
    expect(statements).toContainEqual({
      Sid: 'AllowCloudFrontOriginAccessControl',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: expect.stringMatching(/^\$\{aws_s3_bucket\.origin_bucket_[A-Z0-9]+\.arn\}\/\*$/),
      Condition: {
        StringEquals: {
          'AWS:SourceArn': expect.stringMatching(
            /^\$\{aws_cloudfront_distribution\.web_distribution_[A-Z0-9]+\.arn\}$/,
          ),
        },
      },
    });
  });

  test('additional metrics subscription (origin latency) and alias A and AAAA records', () => {
    expect(Object.values(json.resource.aws_cloudfront_monitoring_subscription)).toEqual([
      expect.objectContaining({
        monitoring_subscription: {
          realtime_metrics_subscription_config: { realtime_metrics_subscription_status: 'Enabled' },
        },
      }),
    ]);
    const aliases = Object.values(json.resource.aws_route53_record).filter((r) => (r as { alias?: unknown }).alias);
    expect(aliases.map((r) => (r as { type: string }).type).sort()).toEqual(['A', 'AAAA']);
    expect(aliases[0]).toMatchObject({
      zone_id: 'Z1234567890ABC',
      name: 'www.example.com',
      alias: {
        name: expect.stringContaining('.domain_name}'),
        zone_id: expect.stringContaining('.hosted_zone_id}'),
        evaluate_target_health: false,
      },
    });
  });

  test('pins the construct ids of the distribution and its origin access control', () => {
    expect(Object.keys(json.resource.aws_cloudfront_distribution)).toEqual([
      expect.stringMatching(/^web_distribution_/),
    ]);
    expect(Object.keys(json.resource.aws_cloudfront_origin_access_control)).toEqual([
      expect.stringMatching(/^web_origin-access_/),
    ]);
  });

  describe('fails when', () => {
    const base = () => {
      const stack = testStack();
      return { stack, origin: new SecureBucket(stack, 'origin', { bucketName: 'svc-dev-origin' }) };
    };
    test('an existing certificate is outside us-east-1', () => {
      const { stack, origin } = base();
      const certificateArn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
      expect(
        () =>
          new CdnDistribution(stack, 'web', {
            name: 'svc-dev-web',
            origin,
            priceClass: 'PriceClass_100',
            contentSecurityPolicy: "default-src 'self'",
            domain: { name: 'www.example.com', hostedZoneId: 'Z1', certificateArn },
          }),
      ).toThrow(
        `CdnDistribution svc-dev-web: domain.certificateArn must be in us-east-1 (CloudFront uses certificates only from there), got "eu-west-1" in ${certificateArn}`,
      );
    });
    test('a path behaviour repeats or claims /index.html', () => {
      const { stack, origin } = base();
      const props = { name: 'svc-dev-web', origin, priceClass: 'PriceClass_100' as const, contentSecurityPolicy: 'x' };
      expect(
        () =>
          new CdnDistribution(stack, 'a', {
            ...props,
            pathBehaviours: [{ pathPattern: '/index.html', cache: 'html' }],
          }),
      ).toThrow('pathBehaviours: "/index.html" is given twice or is /index.html');
      expect(
        () =>
          new CdnDistribution(stack, 'b', {
            ...props,
            pathBehaviours: [
              { pathPattern: '/x/*', cache: 'assets' },
              { pathPattern: '/x/*', cache: 'html' },
            ],
          }),
      ).toThrow('pathBehaviours: "/x/*" is given twice');
    });
  });

  test('without additional metrics there is no subscription', () => {
    expect(
      resourcesOf(cdnFixture({ additionalMetrics: false }).stack, 'aws_cloudfront_monitoring_subscription'),
    ).toEqual({});
  });
});
