/**
 * data (per environment): the data lake and the warehouse.
 *
 * Provisions: the raw data bucket (moves to Standard-IA, then Glacier, then expires, as configured), the processed
 *   data, model artifacts and Lambda deployment package buckets, all private, encrypted, versioned, TLS-only and
 *   logging to an access log bucket; the layer's KMS key; the configured Kinesis streams encrypted with it; the Glue
 *   catalog database and the Glue service role (raw read, processed read/write); Redshift Serverless (namespace with
 *   an AWS-managed admin password, workgroup in the private subnets behind the Redshift security group, role reading
 *   the processed bucket). In prod the data buckets, the key and the namespace are protected from destroy.
 * Consumes: NetworkHandles (private subnets in three zones, the Redshift security group).
 * Exposes: DataHandles (buckets, streams, key, Glue database, Redshift) for app, jobs and monitoring.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import type { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import type { Environment, PlatformConfig } from '../config/schema';
import { GlueCatalog } from '../modules/glue-catalog';
import { KinesisDataStream } from '../modules/kinesis-stream';
import { RedshiftServerless } from '../modules/redshift-serverless';
import { SecureBucket, SecureBucketProps } from '../modules/secure-bucket';
import { streamMonitoring } from '../modules/monitoring/stream-monitoring';
import { redshiftMonitoring } from '../modules/monitoring/redshift-monitoring';
import { MonitoredStack } from './monitored-stack';
import type { AlertingHandles, DataHandles, NetworkHandles } from './layer-handles';

export interface DataStackProps {
  readonly config: PlatformConfig;
  readonly environment: Environment;
  /** The environment's network; Redshift goes into its private subnets. */
  readonly network: NetworkHandles;
  /** Topics the alarms notify by severity. @default alarms without actions */
  readonly alerting?: AlertingHandles;
}

export class DataStack extends MonitoredStack implements DataHandles {
  readonly accessLogBucket: SecureBucket;
  readonly rawBucket: SecureBucket;
  readonly processedBucket: SecureBucket;
  readonly modelArtifactsBucket: SecureBucket;
  readonly deploymentBucket: SecureBucket;
  readonly dataKey: KmsKey;
  readonly streams: Readonly<Record<string, KinesisDataStream>>;
  readonly glue: GlueCatalog;
  readonly redshift: RedshiftServerless;

  constructor(scope: Construct, props: DataStackProps) {
    super(scope, { ...props, layer: 'data', runbookSection: 'data-layer' });
    const env = props.environment;
    const settings = env.data;
    const protect = env.protectStatefulResources;
    const account = new DataAwsCallerIdentity(this, 'account').accountId;

    // Destroying the key would make the streams' retained records and the warehouse unreadable: protected with them.
    this.dataKey = new KmsKey(this, 'data-key', {
      description: `Encrypts the Kinesis streams and Redshift namespace of ${this.naming.prefix}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      lifecycle: protect ? { preventDestroy: true } : undefined,
    });
    new KmsAlias(this, 'data-key-alias', {
      name: `alias/${this.naming.name('data')}`,
      targetKeyId: this.dataKey.keyId,
    });

    this.accessLogBucket = new SecureBucket(this, 'access-logs', {
      bucketName: this.naming.name('access-logs', 's3Bucket'),
      protect,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: settings.accessLogRetentionDays }],
        },
      ],
    });
    // Every bucket made here logs to the access log bucket, whose policy admits S3 logging for exactly these.
    const logged: SecureBucket[] = [];
    const bucket = (component: string, extra: Partial<SecureBucketProps> = {}) => {
      const made = new SecureBucket(this, component, {
        bucketName: this.naming.name(component, 's3Bucket'),
        protect,
        accessLogBucket: this.accessLogBucket,
        ...extra,
      });
      logged.push(made);
      return made;
    };
    const raw = settings.rawData;
    this.rawBucket = bucket('raw-data', {
      lifecycleRules: [
        {
          id: 'tier-and-expire-raw-data',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          transition: [
            { days: raw.infrequentAccessAfterDays, storageClass: 'STANDARD_IA' },
            { days: raw.glacierAfterDays, storageClass: 'GLACIER' },
          ],
          expiration: [{ days: raw.expireAfterDays }],
        },
      ],
    });
    this.processedBucket = bucket('processed-data');
    this.modelArtifactsBucket = bucket('model-artifacts');
    // Deployment packages can be rebuilt by CI, but the app's functions point at them: in prod a destroy must not
    // empty the bucket under them (force_destroy is never set in prod).
    this.deploymentBucket = bucket('lambda-deployments');

    this.accessLogBucket.addToResourcePolicy({
      sid: 'S3ServerAccessLogs',
      actions: ['s3:PutObject'],
      principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
      resources: [this.accessLogBucket.objectsArn()],
      conditions: [
        { test: 'ArnLike', variable: 'aws:SourceArn', values: logged.map((b) => b.arn) },
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
      ],
    });

    const streams: Record<string, KinesisDataStream> = {};
    const thresholds = this.alarmThresholds;
    for (const stream of settings.streams) {
      const streamName = this.naming.name(stream.name, 'kinesisStream');
      this.alarms.watchAll([
        streamMonitoring({ name: `${stream.name}-stream`, streamName, area: 'data', thresholds: thresholds.stream }),
      ]);
      streams[stream.name] = new KinesisDataStream(this, `stream-${stream.name}`, {
        streamName,
        kmsKey: this.dataKey,
        mode: stream.mode,
        shards: stream.shards,
        retentionHours: stream.retentionHours,
      });
    }
    this.streams = streams;

    this.glue = new GlueCatalog(this, 'glue', {
      naming: this.naming,
      region: this.region,
      readBuckets: [this.rawBucket],
      writeBuckets: [this.processedBucket],
    });

    this.redshift = new RedshiftServerless(this, 'redshift', {
      naming: this.naming,
      subnets: props.network.privateSubnets,
      securityGroups: [props.network.redshiftSecurityGroup],
      baseCapacityRpus: settings.redshift.baseCapacityRpus,
      adminUsername: settings.redshift.adminUsername,
      logRetentionDays: props.environment.logRetentionDays,
      databaseName: settings.redshift.databaseName,
      readBuckets: [this.processedBucket],
      kmsKey: this.dataKey,
      protect,
    });

    this.alarms.watchAll([
      redshiftMonitoring({
        name: 'redshift',
        workgroupName: this.redshift.workgroupName,
        databaseName: this.redshift.databaseName,
        area: 'data',
        thresholds: thresholds.redshift,
      }),
    ]);
    this.composeHealth();

    const outputs: Record<string, [string, string]> = {
      'raw-bucket': [this.rawBucket.bucket.bucket, 'Bucket of raw data as it arrives'],
      'processed-bucket': [
        this.processedBucket.bucket.bucket,
        'Bucket of processed data (Glue writes, Redshift reads)',
      ],
      'model-artifacts-bucket': [this.modelArtifactsBucket.bucket.bucket, 'Bucket of model artifacts (SageMaker)'],
      'deployment-bucket': [this.deploymentBucket.bucket.bucket, "Upload artifact functions' zips here"],
      'glue-database': [this.glueDatabase.name, 'Glue catalog database of the data lake'],
      'glue-role-arn': [this.glue.role.arn, 'Role Glue jobs and crawlers run as'],
      'redshift-workgroup': [this.redshift.workgroup.workgroupName, 'Redshift Serverless workgroup to connect to'],
      'redshift-admin-secret-arn': [
        this.redshift.namespace.adminPasswordSecretArn,
        'Secrets Manager secret holding the Redshift admin password (managed by AWS)',
      ],
    };
    for (const [id, [value, description]] of Object.entries(outputs))
      new TerraformOutput(this, id, { value, description });
    new TerraformOutput(this, 'stream-names', {
      value: Object.values(streams).map((s) => s.stream.name),
      description: 'Kinesis data streams of the environment',
    });
  }

  get glueDatabase(): GlueCatalogDatabase {
    return this.glue.database;
  }
}
