import { Naming } from '../../modules/naming';
import { PackageDeployApi } from '../../modules/package-deploy-api';
import { BASELINE_RULES } from '../../modules/policy';
import { SecureBucket } from '../../modules/secure-bucket';
import { onlyResource, resourcesOf, testStack, violatedRules } from '../support/stacks';

describe('PackageDeployApi', () => {
  const stack = testStack();
  const origin = new SecureBucket(stack, 'origin', { bucketName: 'svc-dev-ui-origin' });
  new PackageDeployApi(stack, 'packages', {
    naming: new Naming('svc', 'dev'),
    origin,
    distribution: { distributionId: 'E2EXAMPLE', arn: 'arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE' },
    frameworks: ['react', 'vue'],
    maxFiles: 500,
    maxPackageMb: 50,
    throttling: { rateLimit: 5, burstLimit: 10 },
    logRetentionDays: 14,
  });

  test('passes the policy baseline', () => {
    expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
  });

  test('POST /packages requires IAM authorization; the stage throttles and writes access logs', () => {
    expect(onlyResource(stack, 'aws_apigatewayv2_route')).toMatchObject({
      route_key: 'POST /packages',
      authorization_type: 'AWS_IAM',
    });
    expect(onlyResource(stack, 'aws_apigatewayv2_stage')).toMatchObject({
      default_route_settings: { throttling_rate_limit: 5, throttling_burst_limit: 10 },
      access_log_settings: { destination_arn: expect.stringContaining('aws_cloudwatch_log_group.') },
    });
  });

  test('the function knows its buckets, distribution, frameworks and limits', () => {
    expect(onlyResource(stack, 'aws_lambda_function')).toMatchObject({
      function_name: 'svc-dev-package-deployer',
      tracing_config: { mode: 'Active' },
      environment: {
        variables: expect.objectContaining({
          STAGING_BUCKET: expect.stringContaining('aws_s3_bucket.packages_staging_bucket'),
          ORIGIN_BUCKET: expect.stringContaining('aws_s3_bucket.origin_bucket'),
          DISTRIBUTION_ID: 'E2EXAMPLE',
          FRAMEWORKS: 'react,vue',
          MAX_FILES: '500',
          MAX_BYTES: String(50 * 1024 * 1024),
        }),
      },
    });
  });

  test('the role reads staging, writes only packages/ of the origin, and invalidates only this distribution', () => {
    const policy = Object.values(resourcesOf(stack, 'aws_iam_role_policy'))
      .map((p) => JSON.parse(p.policy))
      .find((p) => p.Statement.some((s: { Sid?: string }) => s.Sid === 'PublishPackages'));
    const bySid = Object.fromEntries(policy.Statement.map((s: { Sid: string }) => [s.Sid, s]));
    expect(bySid.PublishPackages).toEqual({
      Sid: 'PublishPackages',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: expect.stringMatching(/^\$\{aws_s3_bucket\.origin_bucket_[A-Z0-9]+\.arn\}\/packages\/\*$/),
    });
    expect(bySid.ReadStagedUploads.Action).toBe('s3:GetObject');
    expect(bySid.InvalidatePackages).toMatchObject({
      Action: 'cloudfront:CreateInvalidation',
      Resource: 'arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE',
    });
    const actions = policy.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
    expect(actions).not.toContain('s3:DeleteObject');
  });

  test('staged uploads expire after a week', () => {
    const lifecycle = Object.values(resourcesOf(stack, 'aws_s3_bucket_lifecycle_configuration')).find((l) =>
      String(l.bucket).includes('packages_staging'),
    );
    expect(lifecycle.rule).toContainEqual(
      expect.objectContaining({ id: 'expire-staged-uploads', expiration: [{ days: 7 }] }),
    );
  });

  test('fails when no framework is given', () => {
    const other = testStack();
    expect(
      () =>
        new PackageDeployApi(other, 'p', {
          naming: new Naming('svc', 'dev'),
          origin: new SecureBucket(other, 'o', { bucketName: 'svc-dev-o' }),
          distribution: { distributionId: 'E1', arn: 'arn:aws:cloudfront::123456789012:distribution/E1' },
          frameworks: [],
          maxFiles: 1,
          maxPackageMb: 1,
          throttling: { rateLimit: 1, burstLimit: 1 },
          logRetentionDays: 7,
        }),
    ).toThrow('PackageDeployApi: frameworks must name at least one framework');
  });
});
