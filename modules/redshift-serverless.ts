/**
 * A Redshift Serverless warehouse in private subnets: the namespace (its admin password generated and kept in
 * Secrets Manager by AWS, never in configuration or state), the workgroup (not publicly accessible, TLS required,
 * enhanced VPC routing so that COPY and UNLOAD go through the VPC's S3 endpoint) and the role it loads data with,
 * allowed to read the given buckets only.
 *
 * Audit logs (connection, user, user activity) are exported to `/aws/redshift/<namespace>/<log type>`, log groups
 * created here first with retention, so that AWS never creates them without; the namespace waits for them.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { RedshiftserverlessNamespace } from '@cdktf/provider-aws/lib/redshiftserverless-namespace';
import { RedshiftserverlessWorkgroup } from '@cdktf/provider-aws/lib/redshiftserverless-workgroup';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Construct } from 'constructs';
import { isRedshiftBaseCapacity, REDSHIFT_MIN_AVAILABILITY_ZONES } from '../config/layers/data';
import { policyDocument, PolicyStatement, serviceTrustPolicy } from './iam-policy';
import { Naming } from './naming';
import { REDSHIFT_PORT } from './network-security-groups';
import type { SecureBucket } from './secure-bucket';

export interface RedshiftServerlessProps {
  readonly naming: Naming;
  /** Component of the namespace, workgroup and role names. @default 'analytics' */
  readonly name?: string;
  /** Private subnets, one per availability zone; AWS requires at least three zones. */
  readonly subnets: readonly Subnet[];
  /** Security groups of the workgroup (they decide who may connect). */
  readonly securityGroups: readonly SecurityGroup[];
  /** Base capacity in RPUs. */
  readonly baseCapacityRpus: number;
  /** Not a default name (admin, awsuser). @default 'platform_admin' */
  readonly adminUsername?: string;
  /** Retention of the audit log groups. */
  readonly logRetentionDays: number;
  /** Database created in the namespace. @default 'analytics' */
  readonly databaseName?: string;
  /** Buckets the warehouse may read (COPY, Spectrum). @default [] */
  readonly readBuckets?: readonly SecureBucket[];
  /** Encrypts the namespace and its admin secret. @default AWS-owned keys */
  readonly kmsKey?: KmsKey;
  /** Protect the namespace (the data) from `terraform destroy`. @default false */
  readonly protect?: boolean;
}

/** The audit logs a namespace exports: connections, user definition changes, and every query. */
export const REDSHIFT_AUDIT_LOGS = ['connectionlog', 'userlog', 'useractivitylog'] as const;

const REDSHIFT_NAME_RULE = /^[a-z0-9-]{3,64}$/;

/**
 * Every workgroup parameter, at AWS's defaults except where noted: AWS returns the whole set, so listing only some
 * of them leaves a diff in every plan.
 */
const WORKGROUP_PARAMETERS: Readonly<Record<string, string>> = {
  auto_mv: 'true',
  datestyle: 'ISO, MDY',
  enable_case_sensitive_identifier: 'false',
  enable_user_activity_logging: 'true',
  max_query_execution_time: '14400',
  query_group: 'default',
  // The default too, but the baseline depends on it: the policy check looks for it.
  require_ssl: 'true',
  search_path: '$user, public',
  use_fips_ssl: 'false',
};

export class RedshiftServerless extends Construct {
  readonly namespace: RedshiftserverlessNamespace;
  readonly workgroup: RedshiftserverlessWorkgroup;
  /** Physical names of the workgroup and of its database, for metrics (the resources' own are tokens). */
  readonly workgroupName: string;
  readonly databaseName: string;
  /** The role Redshift assumes to read S3; the namespace's default role. */
  readonly role: IamRole;
  private readonly kmsKey?: KmsKey;
  /** The audit log groups, one per exported log type. */
  readonly auditLogs: readonly CloudwatchLogGroup[];

  constructor(scope: Construct, id: string, props: RedshiftServerlessProps) {
    super(scope, id);
    const component = props.name ?? 'analytics';
    const name = props.naming.name(component);
    if (!REDSHIFT_NAME_RULE.test(name)) {
      throw new Error(`RedshiftServerless name: ${JSON.stringify(name)} must be 3 to 64 characters of a-z, 0-9 and -`);
    }
    if (props.subnets.length < REDSHIFT_MIN_AVAILABILITY_ZONES) {
      throw new Error(
        `RedshiftServerless subnets: must be at least ${REDSHIFT_MIN_AVAILABILITY_ZONES} private subnets in distinct availability zones (AWS requires three), got ${props.subnets.length}`,
      );
    }
    if (!isRedshiftBaseCapacity(props.baseCapacityRpus)) {
      throw new Error(
        `RedshiftServerless baseCapacityRpus: must be 4, a multiple of 8 from 8 to 512, or a multiple of 32 from 544 to 1024, got ${props.baseCapacityRpus}`,
      );
    }
    if (props.securityGroups.length === 0) {
      throw new Error('RedshiftServerless securityGroups: must name at least one security group, got []');
    }

    const adminUsername = props.adminUsername ?? 'platform_admin';
    if (['admin', 'awsuser'].includes(adminUsername)) {
      throw new Error(
        `RedshiftServerless adminUsername: must not be a default admin user name, got "${adminUsername}"`,
      );
    }

    this.kmsKey = props.kmsKey;
    this.workgroupName = name;
    this.databaseName = props.databaseName ?? 'analytics';
    this.role = new IamRole(this, 'role', {
      name: props.naming.name(`${component}-redshift`, 'iamRole'),
      description: `Lets Redshift Serverless ${name} read its source buckets`,
      assumeRolePolicy: serviceTrustPolicy(['redshift.amazonaws.com', 'redshift-serverless.amazonaws.com']),
    });
    const readBuckets = props.readBuckets ?? [];
    if (readBuckets.length > 0) {
      new IamRolePolicy(this, 'policy', {
        name: 'read-source-buckets',
        role: this.role.id,
        policy: policyDocument([
          {
            sid: 'ListSourceBuckets',
            actions: ['s3:ListBucket', 's3:GetBucketLocation'],
            resources: readBuckets.map((b) => b.arn),
          },
          { sid: 'ReadSourceObjects', actions: ['s3:GetObject'], resources: readBuckets.map((b) => b.objectsArn()) },
        ]),
      });
    }

    this.auditLogs = REDSHIFT_AUDIT_LOGS.map(
      (type) =>
        new CloudwatchLogGroup(this, `audit-${type}`, {
          name: `/aws/redshift/${name}/${type}`,
          retentionInDays: props.logRetentionDays,
        }),
    );
    this.namespace = new RedshiftserverlessNamespace(this, 'namespace', {
      namespaceName: name,
      dbName: this.databaseName,
      adminUsername,
      logExports: [...REDSHIFT_AUDIT_LOGS],
      dependsOn: [...this.auditLogs],
      manageAdminPassword: true,
      kmsKeyId: props.kmsKey?.arn,
      adminPasswordSecretKmsKeyId: props.kmsKey?.arn,
      iamRoles: [this.role.arn],
      defaultIamRoleArn: this.role.arn,
      lifecycle: props.protect ? { preventDestroy: true } : undefined,
    });

    this.workgroup = new RedshiftserverlessWorkgroup(this, 'workgroup', {
      workgroupName: name,
      namespaceName: this.namespace.namespaceName,
      baseCapacity: props.baseCapacityRpus,
      subnetIds: props.subnets.map((s) => s.id),
      securityGroupIds: props.securityGroups.map((g) => g.id),
      publiclyAccessible: false,
      enhancedVpcRouting: true,
      port: REDSHIFT_PORT,
      configParameter: Object.entries(WORKGROUP_PARAMETERS).map(([parameterKey, parameterValue]) => ({
        parameterKey,
        parameterValue,
      })),
      // AWS answers with parameter keys the provider does not accept back (the set grows with Redshift releases),
      // so every later plan would show a diff and the apply that follows fails. Terraform sets the parameters at
      // creation and then leaves them alone; changing one later is a deliberate replacement or a console change.
      lifecycle: { ignoreChanges: ['config_parameter'] },
    });
  }

  /** What a client that reads the admin credentials needs (for example a schema migration job). */
  adminSecretReadStatements(): PolicyStatement[] {
    return [
      { actions: ['secretsmanager:GetSecretValue'], resources: [this.namespace.adminPasswordSecretArn] },
      ...(this.kmsKey ? [{ actions: ['kms:Decrypt'], resources: [this.kmsKey.arn] }] : []),
    ];
  }
}
