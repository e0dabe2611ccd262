import { ServerlessCache } from '../../modules/serverless-cache';
import { TerraformOutput } from 'cdktf';
import { onlyResource, synthJson, testStack } from '../support/stacks';

const props = {
  cacheName: 'svc-dev-templates',
  description: 'Templates',
  subnetIds: ['subnet-a', 'subnet-b'],
  securityGroupIds: ['sg-cache'],
};

describe('ServerlessCache', () => {
  test('Valkey in the given subnets and group, with a data storage limit and no snapshots by default', () => {
    const stack = testStack();
    const cache = new ServerlessCache(stack, 'cache', { ...props, maxDataStorageGb: 5 });
    expect(onlyResource(stack, 'aws_elasticache_serverless_cache')).toMatchObject({
      name: 'svc-dev-templates',
      engine: 'valkey',
      major_engine_version: '8',
      subnet_ids: ['subnet-a', 'subnet-b'],
      security_group_ids: ['sg-cache'],
      snapshot_retention_limit: 0,
      cache_usage_limits: [{ data_storage: [{ maximum: 5, unit: 'GB' }] }],
    });
    new TerraformOutput(stack, 'endpoint', { value: cache.endpointAddress });
    expect(synthJson(stack).output.endpoint.value).toMatch(
      /^\$\{aws_elasticache_serverless_cache\.cache_\w+\.endpoint\[0\]\.address\}$/,
    );
  });

  test('fails when the name breaks the ElastiCache rules', () => {
    expect(() => new ServerlessCache(testStack(), 'c', { ...props, cacheName: 'a'.repeat(41) })).toThrow(
      'must be 1 to 40 characters',
    );
    expect(() => new ServerlessCache(testStack(), 'c', { ...props, cacheName: 'bad--name' })).toThrow('single -');
  });

  test('fails without two subnets or a security group, or with a storage limit out of range', () => {
    expect(() => new ServerlessCache(testStack(), 'c', { ...props, subnetIds: ['subnet-a'] })).toThrow(
      'subnetIds must name at least 2 subnets, got 1',
    );
    expect(() => new ServerlessCache(testStack(), 'c', { ...props, securityGroupIds: [] })).toThrow('securityGroupIds');
    expect(() => new ServerlessCache(testStack(), 'c', { ...props, maxDataStorageGb: 0 })).toThrow(
      'maxDataStorageGb must be a whole number between 1 and 5000, got 0',
    );
  });
});
