/**
 * A Redshift Serverless warehouse in private subnets: the namespace (its admin password generated and kept in
 * Secrets Manager by AWS, never in configuration or state), the workgroup (not publicly accessible, TLS required,
 * enhanced VPC routing so that COPY and UNLOAD go through the VPC's S3 endpoint) and the role it loads data with,
 * allowed to read the given buckets only.
 *
 * Audit logs are not exported: Redshift Serverless writes them to account-wide log groups
 * (`/aws/redshift/serverless/<log type>`) that AWS would create without retention and that several environments in one
 * account would share. The same records stay queryable in SYS_CONNECTION_LOG and SYS_USERLOG.
 */
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
  /** @default 'admin' */
  readonly adminUsername?: string;
  /** Database created in the namespace. @default 'analytics' */
  readonly databaseName?: string;
  /** Buckets the warehouse may read (COPY, Spectrum). @default [] */
  readonly readBuckets?: readonly SecureBucket[];
  /** Encrypts the namespace and its admin secret. @default AWS-owned keys */
  readonly kmsKey?: KmsKey;
  /** Protect the namespace (the data) from `terraform destroy`. @default false */
  readonly protect?: boolean;
}

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

    this.namespace = new RedshiftserverlessNamespace(this, 'namespace', {
      namespaceName: name,
      dbName: this.databaseName,
      adminUsername: props.adminUsername ?? 'admin',
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
