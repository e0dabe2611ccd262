import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { App, TerraformStack } from 'cdktf';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { environmentsOf, validateConfig } from '../../config/load';
import { SEVERITIES } from '../../core/severity';
import { CdnStack } from '../../stacks/cdn-stack';
import type { AlertingHandles } from '../../stacks/layer-handles';
import { synthPreset } from '../support/app';
import { computeInput, resources } from '../support/compute';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const all = (json: Json, type: string) => Object.values(resources(json, type)) as Json[];
const only = (json: Json, type: string) => {
  const list = all(json, type);
  if (list.length !== 1) throw new Error(`expected one ${type}, found ${list.length}`);
  return list[0];
};
const suppressions = (json: Json, type: string) =>
  Object.values(json.resource[type] as Record<string, Json>).map((r) => r['//']?.suppressions ?? {});

describe('CdnStack for Frigg (seed 000)', () => {
  const synth = synthPreset({ preset: 'frigg' });
  const dev = synth.json('frigg-dev-cdn');
  const staging = synth.json('frigg-staging-cdn');
  const prod = synth.json('frigg-prod-cdn');

  test('access logging off in dev (a written suppression), on in staging and prod into the log bucket', () => {
    expect(only(dev, 'aws_cloudfront_distribution').logging_config).toBeUndefined();
    expect(suppressions(dev, 'aws_cloudfront_distribution')).toEqual([
      {
        'cloudfront-access-logging':
          'environments.dev.cdn.logging.reason: the guide turns CloudFront logging off in dev (EnableLogging false) to save cost',
      },
    ]);
    expect(all(dev, 'aws_s3_bucket').map((b) => b.bucket)).not.toContain('frigg-dev-cdn-logs');
    for (const [json, env] of [
      [staging, 'staging'],
      [prod, 'prod'],
    ]) {
      expect(only(json, 'aws_cloudfront_distribution').logging_config).toMatchObject({ prefix: 'ui/' });
      expect(all(json, 'aws_s3_bucket').map((b) => b.bucket)).toContain(`frigg-${env}-cdn-logs`);
    }
  });

  test('one behaviour per framework under /packages/, after the uncached /index.html', () => {
    const behaviours = only(prod, 'aws_cloudfront_distribution').ordered_cache_behavior.map(
      (b: Json) => b.path_pattern,
    );
    expect(behaviours).toEqual(['/index.html', '/packages/react/*', '/packages/vue/*', '/packages/angular/*']);
  });

  test("prod serves the guide's domain with its existing us-east-1 certificate: no certificate issued, A and AAAA aliases", () => {
    expect(only(prod, 'aws_cloudfront_distribution')).toMatchObject({
      aliases: ['cdn.example.com'],
      viewer_certificate: {
        acm_certificate_arn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
        minimum_protocol_version: 'TLSv1.2_2021',
      },
    });
    expect(prod.resource.aws_acm_certificate).toBeUndefined();
    expect(
      all(prod, 'aws_route53_record')
        .map((r) => r.type)
        .sort(),
    ).toEqual(['A', 'AAAA']);
  });

  test('WAF blocks in prod and counts in dev, in us-east-1, attached to the distribution', () => {
    expect(only(prod, 'aws_wafv2_web_acl')).toMatchObject({ scope: 'CLOUDFRONT', provider: 'aws.global' });
    expect(only(prod, 'aws_wafv2_web_acl').rule.at(-1).action).toEqual({ block: {} });
    expect(only(dev, 'aws_wafv2_web_acl').rule.at(-1).action).toEqual({ count: {} });
    expect(only(dev, 'aws_cloudfront_distribution').web_acl_id).toMatch(/^\$\{aws_wafv2_web_acl\./);
    expect(prod.provider.aws).toContainEqual(expect.objectContaining({ alias: 'global', region: 'us-east-1' }));
  });

  test('the package API is IAM-authorized and publishes into the ui origin', () => {
    expect(only(prod, 'aws_apigatewayv2_route')).toMatchObject({
      route_key: 'POST /packages',
      authorization_type: 'AWS_IAM',
    });
    expect(only(prod, 'aws_lambda_function').environment.variables).toMatchObject({
      FRAMEWORKS: 'react,vue,angular',
      ORIGIN_BUCKET: expect.stringContaining('aws_s3_bucket.ui-origin_bucket'),
    });
  });

  test('CloudFront and WAF alarms live in us-east-1; the deployer alarms in the stack region', () => {
    const alarms = all(prod, 'aws_cloudwatch_metric_alarm');
    const byName = Object.fromEntries(alarms.map((a) => [a.alarm_name, a]));
    for (const name of [
      'frigg-prod-ui-cdn-5xx-rate',
      'frigg-prod-ui-cdn-origin-latency',
      'frigg-prod-cdn-waf-blocked',
    ]) {
      expect(byName[name]).toMatchObject({ provider: 'aws.global' });
    }
    expect(byName['frigg-prod-ui-cdn-origin-latency']).toMatchObject({
      namespace: 'AWS/CloudFront',
      extended_statistic: 'p90',
    });
    expect(byName['frigg-prod-package-deployer-errors'].provider).toBeUndefined();
    expect(all(prod, 'aws_cloudfront_monitoring_subscription')).toHaveLength(1);
    const stack = synth.stacks.environments.prod.cdn!;
    expect(stack.createdAlarms.map((a) => [a.alarmName, a.region])).toEqual(
      expect.arrayContaining([
        ['frigg-prod-ui-cdn-5xx-rate', 'us-east-1'],
        ['frigg-prod-package-deployer-errors', 'us-east-1'],
      ]),
    );
    expect(stack.watchedResources.map((r) => r.kind)).toEqual(['webAcl', 'distribution', 'function', 'httpApi']);
  });

  test('every output is described: distribution ID, domain, ARN, origin bucket, package API URL', () => {
    expect(
      Object.keys(prod.output)
        .filter((id) => !id.startsWith('cross-stack-output-'))
        .sort(),
    ).toEqual([
      'package-api-url',
      'package-staging-bucket',
      'ui-distribution-arn',
      'ui-distribution-domain',
      'ui-distribution-id',
      'ui-origin-bucket',
    ]);
    // cdktf's own cross-stack outputs (the observability stack reads the deployer's log group) carry no description.
    for (const [id, output] of Object.entries(prod.output) as [string, Json][]) {
      if (!id.startsWith('cross-stack-output-')) expect(output.description).toEqual(expect.any(String));
    }
  });

  test('pins the addresses of its stateful resources, protected in prod', () => {
    const buckets = Object.fromEntries(
      Object.entries(prod.resource.aws_s3_bucket as Record<string, Json>).map(([address, b]) => [b.bucket, address]),
    );
    expect(buckets).toEqual({
      'frigg-prod-ui-origin': expect.stringMatching(/^ui-origin_bucket_[A-Z0-9]{8}$/),
      'frigg-prod-cdn-logs': expect.stringMatching(/^access-logs_bucket_[A-Z0-9]{8}$/),
      'frigg-prod-packages-staging': expect.stringMatching(/^package-api_staging_bucket_[A-Z0-9]{8}$/),
    });
    for (const bucket of all(prod, 'aws_s3_bucket')) expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    expect(Object.keys(prod.resource.aws_cloudfront_distribution)).toEqual([
      expect.stringMatching(/^ui_distribution_/),
    ]);
  });

  test('depends on no other stack (its alarms reach the alert topics by name)', () => {
    for (const env of ['dev', 'staging', 'prod']) expect(synth.dependencies[`frigg-${env}-cdn`]).toEqual([]);
  });
});

describe('CdnStack for SmartPack (seed 003)', () => {
  const synth = synthPreset({ preset: 'smartpack' });
  const dev = synth.json('smartpack-dev-cdn');
  const prod = synth.json('smartpack-prod-cdn');

  test('PriceClass_100 and index.html as the error document (SPA fallback)', () => {
    expect(only(dev, 'aws_cloudfront_distribution')).toMatchObject({
      price_class: 'PriceClass_100',
      default_root_object: 'index.html',
      custom_error_response: [
        { error_code: 403, response_code: 200, response_page_path: '/index.html' },
        { error_code: 404, response_code: 200, response_page_path: '/index.html' },
      ],
    });
  });

  test("the guide's public-read website bucket is a private origin: all public access blocked, read only through OAC", () => {
    expect(dev.resource.aws_s3_bucket_website_configuration).toBeUndefined();
    expect(only(dev, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const statements = JSON.parse(only(dev, 'aws_s3_bucket_policy').policy).Statement;
    expect(statements.filter((s: Json) => s.Effect === 'Allow').map((s: Json) => s.Principal)).toEqual([
      { Service: 'cloudfront.amazonaws.com' },
    ]);
  });

  test('prod issues a DNS-validated certificate in us-east-1 and points A and AAAA at the distribution', () => {
    expect(only(prod, 'aws_acm_certificate')).toMatchObject({
      domain_name: 'smartpack.example.com',
      provider: 'aws.global',
    });
    expect(only(prod, 'aws_acm_certificate_validation')).toMatchObject({ provider: 'aws.global' });
    const records = all(prod, 'aws_route53_record');
    expect(
      records
        .filter((r) => r.alias)
        .map((r) => r.type)
        .sort(),
    ).toEqual(['A', 'AAAA']);
    expect(records.filter((r) => r.for_each)).toHaveLength(1);
    expect(only(prod, 'aws_cloudfront_distribution').viewer_certificate.acm_certificate_arn).toMatch(
      /^\$\{aws_acm_certificate_validation\..+\.certificate_arn\}$/,
    );
  });
});

describe('CdnStack alarm routing', () => {
  test('regional alarms notify the regional topics and us-east-1 alarms the us-east-1 topics, by severity', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cdn-stack-'));
    const app = new App({ outdir });
    const alerting = new TerraformStack(app, 'alerting');
    const regional = new AwsProvider(alerting, 'aws', { region: 'eu-west-1' });
    const global = new AwsProvider(alerting, 'global', { region: 'us-east-1', alias: 'global' });
    const topics = (provider: AwsProvider, suffix: string) =>
      Object.fromEntries(
        SEVERITIES.map((s) => [s, new SnsTopic(alerting, `${s}-${suffix}`, { name: `${s}-${suffix}`, provider })]),
      ) as unknown as AlertingHandles['topics'];
    const handles: AlertingHandles = { topics: topics(regional, 'regional'), globalTopics: topics(global, 'global') };
    const config = validateConfig(
      computeInput(
        { cdn: { enabled: true, packages: { site: 'web', frameworks: ['react'] } } },
        { region: 'eu-west-1' },
      ),
    );
    new CdnStack(app, { config, environment: environmentsOf(config)[0], alerting: handles });
    app.synth();
    const json = JSON.parse(readFileSync(join(outdir, 'stacks', 'svc-dev-cdn', 'cdk.tf.json'), 'utf8'));
    const byName = Object.fromEntries(all(json, 'aws_cloudwatch_metric_alarm').map((a) => [a.alarm_name, a]));
    expect(byName['svc-dev-web-cdn-5xx-rate']).toMatchObject({ provider: 'aws.global' });
    // The alert topics are reached by name (severityTopicArns): the topic of the severity, in the alarm's region.
    const topic = (region: string) => expect.stringMatching(new RegExp(`:sns:${region}:.*:svc-dev-warning-alerts$`));
    expect(byName['svc-dev-web-cdn-5xx-rate'].alarm_actions).toEqual([topic('us-east-1')]);
    expect(byName['svc-dev-cdn-waf-counted'].alarm_actions).toEqual([topic('us-east-1')]);
    expect(byName['svc-dev-package-deployer-errors'].alarm_actions).toEqual([topic('eu-west-1')]);
  });

  test('fails when the layer is off', () => {
    const config = validateConfig(computeInput({}));
    expect(() => new CdnStack(new App(), { config, environment: environmentsOf(config)[0] })).toThrow(
      'CdnStack: environments.dev.cdn.enabled is false',
    );
  });
});
