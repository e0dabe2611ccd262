/**
 * What one layer hands to the layers that depend on it: typed objects, never hand-built ARNs or string maps.
 * cdktf turns references to these objects across stacks into outputs and remote state.
 */
import type { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import type { Vpc } from '@cdktf/provider-aws/lib/vpc';
import type { AppParameters } from '../modules/app-parameters';
import type { DynamoTable } from '../modules/dynamodb-table';
import type { EcrRepository } from '../modules/ecr-repository';
import type { KinesisDataStream } from '../modules/kinesis-stream';
import type { LambdaLayer } from '../modules/lambda-layer';
import type { RedshiftServerless } from '../modules/redshift-serverless';
import type { SecureBucket } from '../modules/secure-bucket';
import type { AlertTopics } from '../modules/severity';
import type { CreatedAlarm } from '../modules/alarm-factory';
import type { HealthAlarm } from '../modules/health-composite';
import type { WatchedResource } from '../core/alarm-model';
import type { CdnDistribution } from '../modules/cdn-distribution';

/** Exposed by the network layer. */
export interface NetworkHandles {
  readonly vpc: Vpc;
  readonly publicSubnets: readonly Subnet[];
  readonly privateSubnets: readonly Subnet[];
  /** Security group of functions placed in the VPC; databases and caches admit only this group. */
  readonly functionSecurityGroup: SecurityGroup;
  /** Security group of Redshift Serverless workgroups: 5439 from the function group only. */
  readonly redshiftSecurityGroup: SecurityGroup;
  /** Security group of caches (for example the code-generation cache): 6379-6380 from the function group only. */
  readonly cacheSecurityGroup: SecurityGroup;
  /** Security group of the interface endpoints, when the environment has any. */
  readonly endpointSecurityGroup?: SecurityGroup;
  /** Route tables of the private subnets (one, or one per zone), for further gateway endpoints. */
  readonly privateRouteTables: readonly RouteTable[];
}

/** Exposed by the data layer. */
export interface DataHandles {
  readonly rawBucket: SecureBucket;
  readonly processedBucket: SecureBucket;
  readonly modelArtifactsBucket: SecureBucket;
  /** Where product builds publish Lambda deployment packages (artifact-based functions read from it). */
  readonly deploymentBucket: SecureBucket;
  /** Receives the S3 server access logs of the data buckets. */
  readonly accessLogBucket: SecureBucket;
  /** Kinesis streams by their configured name; producers and consumers need `dataKey` too. */
  readonly streams: Readonly<Record<string, KinesisDataStream>>;
  /** The layer's customer-managed KMS key (streams, Redshift, its admin secret). */
  readonly dataKey: KmsKey;
  readonly glueDatabase: GlueCatalogDatabase;
  /** Namespace (with its AWS-managed admin secret), workgroup and role. */
  readonly redshift: RedshiftServerless;
}

/** Exposed by the alerting layer. */
export interface AlertingHandles {
  readonly topics: AlertTopics;
  /**
   * The topics in us-east-1, for alarms on metrics that exist only there (CloudFront, WAF for CloudFront, billing),
   * with the same subscriptions as `topics`. The regional topics themselves when the environment's region is
   * us-east-1. @default none: the environment needs no us-east-1 alarms (`needsGlobalAlarms`)
   */
  readonly globalTopics?: AlertTopics;
}

/** Exposed by the registry layer: where the environment's function code is published before the app deploys. */
export interface RegistryHandles {
  /** ECR repositories of container-image functions, by function name. */
  readonly repositories: Readonly<Record<string, EcrRepository>>;
  /** Bucket for artifact functions' zips when the data layer (and its deployment bucket) is off. */
  readonly artifactsBucket?: SecureBucket;
}

/** Exposed by the app layer, for the jobs layer. */
export interface AppHandles {
  /** The app layer's tables (for example a conversation history that jobs scan), by configured name. */
  readonly tables: Readonly<Record<string, DynamoTable>>;
  /** The environment's SSM parameters and secrets, to grant jobs read access to named ones. */
  readonly parameters: AppParameters;
  /** The shared Lambda layer, when configured. */
  readonly sharedLayer?: LambdaLayer;
}

/**
 * What every stack that owns alarms exposes (explicit collection: the monitoring layer and the dashboards read
 * these, never tags): the alarms it made, the resources it watches, and its per-stack health composite.
 */
export interface MonitoringHandles {
  readonly createdAlarms: readonly CreatedAlarm[];
  readonly watchedResources: readonly WatchedResource[];
  /**
   * The stack's health composites over its own critical alarms (`AlarmFactory.composeHealth`): one per region that
   * has critical alarms, none without. The environment's system-health composite names these and nothing else.
   */
  readonly healthAlarms: readonly HealthAlarm[];
}

/** Exposed by the cdn layer, for the monitoring layer and the delivery workflows. */
export interface CdnHandles {
  /** Each site's distribution (ID, domain, ARN) and private origin bucket, by configured site name. */
  readonly sites: Readonly<
    Record<string, { readonly distribution: CdnDistribution; readonly originBucket: SecureBucket }>
  >;
  /** Base URL of the package-deployment API, when the layer has one. */
  readonly packageApiUrl?: string;
}
