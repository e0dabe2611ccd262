import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { RedshiftCluster } from '@cdktf/provider-aws/lib/redshift-cluster';
import { RedshiftserverlessNamespace } from '@cdktf/provider-aws/lib/redshiftserverless-namespace';
import { RedshiftserverlessWorkgroup } from '@cdktf/provider-aws/lib/redshiftserverless-workgroup';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { KinesisDataStream } from '../../../modules/kinesis-stream';
import { Naming } from '../../../modules/naming';
import { checkTerraformStack } from '../../../modules/policy';
import { KinesisEncryption } from '../../../modules/policy/rules/kinesis/KinesisEncryption';
import { RedshiftManagedPassword } from '../../../modules/policy/rules/redshift/RedshiftManagedPassword';
import { RedshiftNotPublic } from '../../../modules/policy/rules/redshift/RedshiftNotPublic';
import { RedshiftRequireSsl } from '../../../modules/policy/rules/redshift/RedshiftRequireSsl';
import { rulesFor } from '../../../modules/policy/rules';
import { RedshiftServerless } from '../../../modules/redshift-serverless';
import { testStack, violatedRules } from '../../support/stacks';

describe('data rules', () => {
  test('the platform stream and warehouse pass every data rule', () => {
    const stack = testStack();
    const kmsKey = new KmsKey(stack, 'key', { enableKeyRotation: true });
    new KinesisDataStream(stack, 'events', { streamName: 'svc-dev-events', kmsKey });
    new RedshiftServerless(stack, 'redshift', {
      naming: new Naming('svc', 'dev'),
      subnets: [0, 1, 2].map((i) => new Subnet(stack, `s${i}`, { vpcId: 'vpc-1', cidrBlock: `10.0.${i}.0/24` })),
      securityGroups: [new SecurityGroup(stack, 'sg', { vpcId: 'vpc-1' })],
      baseCapacityRpus: 8,
      logRetentionDays: 7,
    });
    expect(violatedRules(stack, rulesFor('kinesis', 'redshift'))).toEqual([]);
  });

  test('fails when a stream is not encrypted with KMS', () => {
    const stack = testStack();
    new KinesisStream(stack, 'plain', { name: 'plain', streamModeDetails: { streamMode: 'ON_DEMAND' } });
    new KinesisStream(stack, 'no-key', { name: 'no-key', encryptionType: 'KMS' });
    expect(violatedRules(stack, [KinesisEncryption])).toEqual(['kinesis-encryption', 'kinesis-encryption']);
  });

  test('fails when a workgroup or cluster does not say publicly_accessible = false', () => {
    const stack = testStack();
    new RedshiftserverlessWorkgroup(stack, 'public', {
      namespaceName: 'n',
      workgroupName: 'w',
      publiclyAccessible: true,
    });
    new RedshiftserverlessWorkgroup(stack, 'unset', { namespaceName: 'n', workgroupName: 'x' });
    new RedshiftCluster(stack, 'cluster', {
      clusterIdentifier: 'c',
      nodeType: 'ra3.xlplus',
      manageMasterPassword: true,
      publiclyAccessible: true,
    });
    expect(violatedRules(stack, [RedshiftNotPublic])).toEqual([
      'redshift-not-public',
      'redshift-not-public',
      'redshift-not-public',
    ]);
  });

  test('fails when an admin password is set instead of managed by AWS', () => {
    const stack = testStack();
    new RedshiftserverlessNamespace(stack, 'literal', {
      namespaceName: 'literal',
      adminUsername: 'admin',
      adminUserPassword: 'YourPassword123',
    });
    new RedshiftserverlessNamespace(stack, 'managed', {
      namespaceName: 'managed',
      adminUsername: 'admin',
      manageAdminPassword: true,
    });
    new RedshiftCluster(stack, 'cluster', {
      clusterIdentifier: 'c',
      nodeType: 'ra3.xlplus',
      masterUsername: 'admin',
      masterPassword: 'YourPassword123',
      publiclyAccessible: false,
    });
    expect(violatedRules(stack, [RedshiftManagedPassword])).toEqual([
      'redshift-managed-password',
      'redshift-managed-password',
    ]);
    expect(checkTerraformStack(stack, [RedshiftManagedPassword]).map((v) => v.resource)).toEqual([
      'aws_redshiftserverless_namespace.literal',
      'aws_redshift_cluster.cluster',
    ]);
  });

  test('fails when a namespace names an admin user without letting AWS manage its password', () => {
    const stack = testStack();
    new RedshiftserverlessNamespace(stack, 'unmanaged', { namespaceName: 'unmanaged', adminUsername: 'admin' });
    expect(violatedRules(stack, [RedshiftManagedPassword])).toEqual(['redshift-managed-password']);
  });

  test('fails when a workgroup does not require TLS', () => {
    const stack = testStack();
    new RedshiftserverlessWorkgroup(stack, 'plain', {
      namespaceName: 'n',
      workgroupName: 'w',
      publiclyAccessible: false,
      configParameter: [{ parameterKey: 'require_ssl', parameterValue: 'false' }],
    });
    expect(violatedRules(stack, [RedshiftRequireSsl])).toEqual(['redshift-require-ssl']);
  });
});
