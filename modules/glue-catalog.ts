/**
 * A Glue Data Catalog database and the service role that Glue crawlers and jobs run as, allowed to read the source
 * buckets, write the target buckets, maintain the tables of this database only, and write their own logs.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { policyDocument, PolicyStatement, serviceTrustPolicy } from './iam-policy';
import { Naming } from './naming';
import type { SecureBucket } from './secure-bucket';

export interface GlueCatalogProps {
  readonly naming: Naming;
  readonly region: string;
  /** Component of the database and role names; the database is `<service>_<env>_<name>`. @default 'data-lake' */
  readonly name?: string;
  /** Buckets Glue reads (crawled, or job input). */
  readonly readBuckets: readonly SecureBucket[];
  /** Buckets Glue jobs write to (they may read them too). @default [] */
  readonly writeBuckets?: readonly SecureBucket[];
}

/** Glue (and Athena) database names: lower case, digits and underscores. */
const GLUE_DATABASE_RULE = /^[a-z0-9_]{1,255}$/;

export class GlueCatalog extends Construct {
  readonly database: GlueCatalogDatabase;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: GlueCatalogProps) {
    super(scope, id);
    const component = props.name ?? 'data-lake';
    // Hyphens are legal in Glue but not in Athena's unquoted identifiers.
    const databaseName = props.naming.name(component).replace(/-/g, '_');
    if (!GLUE_DATABASE_RULE.test(databaseName)) {
      throw new Error(`GlueCatalog name: database ${JSON.stringify(databaseName)} must be 1 to 255 of a-z, 0-9 and _`);
    }
    const writeBuckets = props.writeBuckets ?? [];
    if (props.readBuckets.length + writeBuckets.length === 0) {
      throw new Error('GlueCatalog readBuckets: must name at least one bucket, got none');
    }

    this.database = new GlueCatalogDatabase(this, 'database', {
      name: databaseName,
      description: `Data lake tables of ${props.naming.prefix}`,
    });

    const account = new DataAwsCallerIdentity(this, 'account').accountId;
    const partition = new DataAwsPartition(this, 'partition').partition;
    const glueArn = (resource: string) => `arn:${partition}:glue:${props.region}:${account}:${resource}`;
    const logGroupArn = `arn:${partition}:logs:${props.region}:${account}:log-group:/aws-glue/*`;

    this.role = new IamRole(this, 'role', {
      name: props.naming.name('glue', 'iamRole'),
      description: `Glue crawlers and jobs of ${props.naming.prefix}`,
      assumeRolePolicy: serviceTrustPolicy('glue.amazonaws.com', [
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
      ]),
    });
    const allBuckets = [...props.readBuckets, ...writeBuckets];
    const statements: PolicyStatement[] = [
      {
        sid: 'ListBuckets',
        actions: ['s3:ListBucket', 's3:GetBucketLocation'],
        resources: allBuckets.map((b) => b.arn),
      },
      { sid: 'ReadObjects', actions: ['s3:GetObject'], resources: allBuckets.map((b) => b.objectsArn()) },
    ];
    if (writeBuckets.length > 0) {
      statements.push({
        sid: 'WriteObjects',
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: writeBuckets.map((b) => b.objectsArn()),
      });
    }
    statements.push(
      {
        sid: 'CatalogOfThisDatabase',
        actions: [
          'glue:GetDatabase',
          'glue:GetTable',
          'glue:GetTables',
          'glue:CreateTable',
          'glue:UpdateTable',
          'glue:GetPartition',
          'glue:GetPartitions',
          'glue:BatchGetPartition',
          'glue:CreatePartition',
          'glue:BatchCreatePartition',
          'glue:UpdatePartition',
          'glue:BatchUpdatePartition',
        ],
        resources: [glueArn('catalog'), glueArn(`database/${databaseName}`), glueArn(`table/${databaseName}/*`)],
      },
      {
        // No CreateLogGroup: the /aws-glue/* groups are account-wide and must be created with retention (the
        // observability layer's job), never by Glue without it.
        sid: 'OwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroupArn, `${logGroupArn}:*`],
      },
      { sid: 'Metrics', actions: ['cloudwatch:PutMetricData'], resources: ['*'] },
    );
    new IamRolePolicy(this, 'policy', {
      name: 'data-lake',
      role: this.role.id,
      policy: policyDocument(statements),
    });
  }
}
