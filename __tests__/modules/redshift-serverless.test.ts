import { TerraformOutput, TerraformStack } from 'cdktf';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Naming } from '../../modules/naming';
import { rulesFor } from '../../modules/policy/rules';
import { RedshiftServerless, RedshiftServerlessProps } from '../../modules/redshift-serverless';
import { SecureBucket } from '../../modules/secure-bucket';
import { onlyResource, resourcesOf, synthJson, testStack, violatedRules } from '../support/stacks';

/** A value with its tokens resolved, as Terraform will see it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function resolved(stack: TerraformStack, value: unknown): any {
  new TerraformOutput(stack, `probe-${Object.keys(synthJson(stack).output ?? {}).length}`, { value });
  return (Object.values(synthJson(stack).output).pop() as { value: unknown }).value;
}

function build(props: Partial<RedshiftServerlessProps> = {}, subnetCount = 3) {
  const stack = testStack();
  const subnets = Array.from(
    { length: subnetCount },
    (_, i) => new Subnet(stack, `private-${i}`, { vpcId: 'vpc-1', cidrBlock: `10.0.${10 + i}.0/24` }),
  );
  const group = new SecurityGroup(stack, 'redshift-sg', { name: 'svc-dev-redshift', vpcId: 'vpc-1' });
  const processed = new SecureBucket(stack, 'processed', { bucketName: 'svc-dev-processed-data' });
  const kmsKey = new KmsKey(stack, 'key', { enableKeyRotation: true });
  const redshift = new RedshiftServerless(stack, 'redshift', {
    naming: new Naming('svc', 'dev'),
    subnets,
    securityGroups: [group],
    baseCapacityRpus: 8,
    logRetentionDays: 30,
    readBuckets: [processed],
    kmsKey,
    ...props,
  });
  return { stack, redshift };
}

describe('RedshiftServerless', () => {
  test('the namespace lets AWS generate and keep the admin password, encrypted with the key', () => {
    const { stack } = build();
    const namespace = onlyResource(stack, 'aws_redshiftserverless_namespace');
    expect(namespace).toMatchObject({
      namespace_name: 'svc-dev-analytics',
      db_name: 'analytics',
      admin_username: 'platform_admin',
      manage_admin_password: true,
      kms_key_id: '${aws_kms_key.key.arn}',
      admin_password_secret_kms_key_id: '${aws_kms_key.key.arn}',
    });
    expect(namespace.admin_user_password).toBeUndefined();
    expect(namespace.iam_roles).toEqual([namespace.default_iam_role_arn]);
    expect(namespace.lifecycle).toBeUndefined();
  });

  test('the workgroup sits in the private subnets behind the given group, private, TLS only', () => {
    const { stack } = build({ baseCapacityRpus: 32 });
    const workgroup = onlyResource(stack, 'aws_redshiftserverless_workgroup');
    expect(workgroup).toMatchObject({
      workgroup_name: 'svc-dev-analytics',
      base_capacity: 32,
      publicly_accessible: false,
      enhanced_vpc_routing: true,
      port: 5439,
      subnet_ids: ['${aws_subnet.private-0.id}', '${aws_subnet.private-1.id}', '${aws_subnet.private-2.id}'],
      security_group_ids: ['${aws_security_group.redshift-sg.id}'],
    });
    expect(workgroup.config_parameter).toContainEqual({ parameter_key: 'require_ssl', parameter_value: 'true' });
    expect(violatedRules(stack, [...rulesFor('kinesis', 'redshift'), ...rulesFor('iam')])).toEqual([]);
  });

  test('its role may only read the source buckets', () => {
    const { stack } = build();
    const role = onlyResource(stack, 'aws_iam_role');
    expect(role.name).toBe('svc-dev-analytics-redshift');
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({
      Service: ['redshift.amazonaws.com', 'redshift-serverless.amazonaws.com'],
    });
    const statements = JSON.parse(onlyResource(stack, 'aws_iam_role_policy').policy).Statement;
    expect(statements.map((s: { Action: unknown; Resource: unknown }) => [s.Action, s.Resource])).toEqual([
      [['s3:ListBucket', 's3:GetBucketLocation'], '${aws_s3_bucket.processed_bucket_9E794356.arn}'],
      ['s3:GetObject', '${aws_s3_bucket.processed_bucket_9E794356.arn}/*'],
    ]);
  });

  test('clients read the admin secret and decrypt it with the key', () => {
    const { stack, redshift } = build();
    expect(resolved(stack, redshift.adminSecretReadStatements())).toEqual([
      {
        actions: ['secretsmanager:GetSecretValue'],
        resources: ['${aws_redshiftserverless_namespace.redshift_namespace_02A83719.admin_password_secret_arn}'],
      },
      { actions: ['kms:Decrypt'], resources: ['${aws_kms_key.key.arn}'] },
    ]);
  });

  test('protect keeps the namespace from terraform destroy', () => {
    const { stack } = build({ protect: true });
    expect(onlyResource(stack, 'aws_redshiftserverless_namespace').lifecycle).toEqual({ prevent_destroy: true });
  });

  test('fails when the subnets span fewer than three zones', () => {
    expect(() => build({}, 2)).toThrow(
      'RedshiftServerless subnets: must be at least 3 private subnets in distinct availability zones (AWS requires three), got 2',
    );
  });

  test('fails when the base capacity is one AWS refuses', () => {
    expect(() => build({ baseCapacityRpus: 10 })).toThrow(
      'RedshiftServerless baseCapacityRpus: must be 4, a multiple of 8 from 8 to 512, or a multiple of 32 from 544 to 1024, got 10',
    );
  });

  test('fails when no security group is given', () => {
    expect(() => build({ securityGroups: [] })).toThrow(
      'RedshiftServerless securityGroups: must name at least one security group, got []',
    );
  });

  test('fails when the name is too long for Redshift', () => {
    expect(() => build({ name: 'a'.repeat(60) })).toThrow(/^RedshiftServerless name: "svc-dev-a+" must be 3 to 64/);
  });

  test('exports the three audit logs to log groups it creates first, with retention', () => {
    const { stack, redshift } = build();
    const namespace = onlyResource(stack, 'aws_redshiftserverless_namespace');
    expect(namespace.log_exports).toEqual(['connectionlog', 'userlog', 'useractivitylog']);
    const groups = resourcesOf(stack, 'aws_cloudwatch_log_group');
    expect(redshift.auditLogs.map((g) => groups[g.friendlyUniqueId])).toEqual(
      ['connectionlog', 'userlog', 'useractivitylog'].map((t) =>
        expect.objectContaining({ name: `/aws/redshift/svc-dev-analytics/${t}`, retention_in_days: 30 }),
      ),
    );
    expect(namespace.depends_on).toEqual(
      redshift.auditLogs.map((g) => `aws_cloudwatch_log_group.${g.friendlyUniqueId}`),
    );
  });

  test('leaves config_parameter to AWS after creation (AWS returns keys the provider refuses)', () => {
    expect(onlyResource(build().stack, 'aws_redshiftserverless_workgroup').lifecycle).toEqual({
      ignore_changes: ['config_parameter'],
    });
  });

  test('fails when the admin user name is a default one', () => {
    expect(() => build({ adminUsername: 'admin' })).toThrow(
      'RedshiftServerless adminUsername: must not be a default admin user name, got "admin"',
    );
  });
});
