/**
 * An ElastiCache Serverless cache (Valkey) inside a VPC: in the given private subnets, behind the given security
 * group (which admits the cache ports from its clients' group only), with a bound on its data storage so cost and
 * the memory alarm have a reference. Serverless caches always encrypt at rest and accept TLS connections only, so
 * clients connect with TLS; a customer-managed KMS key may replace the AWS-owned one.
 */
import { ElasticacheServerlessCache } from '@cdktf/provider-aws/lib/elasticache-serverless-cache';
import { Construct } from 'constructs';

/** ElastiCache serverless cache names: 1 to 40 characters of a-z, 0-9 and -, starting with a letter. */
const CACHE_NAME_RULE = /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]?$/;
const MAX_CACHE_NAME_LENGTH = 40;

export interface ServerlessCacheProps {
  /** Physical name, from the naming helper. */
  readonly cacheName: string;
  readonly description: string;
  /** Private subnets (one per availability zone). */
  readonly subnetIds: readonly string[];
  /** The cache's security group, which admits only its clients. */
  readonly securityGroupIds: readonly string[];
  /** Upper bound of the cached data, in GB. @default 1 */
  readonly maxDataStorageGb?: number;
  /** @default '8' */
  readonly majorEngineVersion?: string;
  /** Customer-managed KMS key for data at rest. @default the AWS-owned key */
  readonly kmsKeyArn?: string;
  /** Daily snapshots kept; 0 for a cache whose content can be rebuilt from its source. @default 0 */
  readonly snapshotRetentionLimit?: number;
}

export class ServerlessCache extends Construct {
  readonly cache: ElasticacheServerlessCache;
  readonly cacheName: string;
  readonly maxDataStorageGb: number;

  constructor(scope: Construct, id: string, props: ServerlessCacheProps) {
    super(scope, id);
    const name = props.cacheName;
    if (name.length > MAX_CACHE_NAME_LENGTH || !CACHE_NAME_RULE.test(name)) {
      throw new Error(
        `serverless cache name ${JSON.stringify(name)}: must be 1 to ${MAX_CACHE_NAME_LENGTH} characters of a-z, 0-9 and single -, start with a letter and not end with -, got ${name.length} characters`,
      );
    }
    if (props.subnetIds.length < 2) {
      throw new Error(
        `serverless cache ${name}: subnetIds must name at least 2 subnets, got ${props.subnetIds.length}`,
      );
    }
    if (props.securityGroupIds.length === 0) {
      throw new Error(`serverless cache ${name}: securityGroupIds must name the cache's security group`);
    }
    const storage = props.maxDataStorageGb ?? 1;
    if (!Number.isInteger(storage) || storage < 1 || storage > 5000) {
      throw new Error(
        `serverless cache ${name}: maxDataStorageGb must be a whole number between 1 and 5000, got ${storage}`,
      );
    }
    this.cacheName = name;
    this.maxDataStorageGb = storage;
    this.cache = new ElasticacheServerlessCache(this, 'cache', {
      name,
      description: props.description,
      engine: 'valkey',
      majorEngineVersion: props.majorEngineVersion ?? '8',
      subnetIds: [...props.subnetIds],
      securityGroupIds: [...props.securityGroupIds],
      kmsKeyId: props.kmsKeyArn,
      snapshotRetentionLimit: props.snapshotRetentionLimit ?? 0,
      cacheUsageLimits: [{ dataStorage: [{ maximum: storage, unit: 'GB' }] }],
    });
  }

  /** Host name clients connect to (TLS). */
  get endpointAddress(): string {
    return this.cache.endpoint.get(0).address;
  }

  get endpointPort(): number {
    return this.cache.endpoint.get(0).port;
  }
}
