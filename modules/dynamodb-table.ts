/**
 * A DynamoDB table with the platform defaults: on-demand capacity, server-side encryption with a KMS key (the AWS
 * managed `aws/dynamodb` key unless one is given, so key use is logged in CloudTrail), point-in-time recovery, an
 * optional TTL attribute, and in production deletion protection plus prevent_destroy.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';
import type { PolicyStatement } from './iam-policy';

export type KeyAttributeType = 'S' | 'N' | 'B';

export interface TableKeyAttribute {
  readonly name: string;
  readonly type: KeyAttributeType;
}

/** A global secondary index over the table (for example a status index of a job table). */
export interface TableIndex {
  readonly name: string;
  readonly partitionKey: TableKeyAttribute;
  /** @default no sort key */
  readonly sortKey?: TableKeyAttribute;
  /** Attributes copied into the index beside the keys; 'ALL' copies the whole item. @default 'ALL' */
  readonly projection?: 'ALL' | 'KEYS_ONLY' | { readonly include: readonly string[] };
}

export interface DynamoTableProps {
  /** Physical name, from the naming helper. */
  readonly tableName: string;
  readonly partitionKey: TableKeyAttribute;
  /** @default no sort key */
  readonly sortKey?: TableKeyAttribute;
  /** Attribute with an expiry time in epoch seconds. @default no TTL */
  readonly ttlAttribute?: string;
  /** @default { mode: 'on-demand' } */
  readonly billing?:
    | { readonly mode: 'on-demand' }
    | { readonly mode: 'provisioned'; readonly read: number; readonly write: number };
  /** Customer-managed KMS key. @default the AWS managed key aws/dynamodb */
  readonly kmsKeyArn?: string;
  /** Deletion protection and prevent_destroy (production). @default false */
  readonly protect?: boolean;
  /** Global secondary indexes, on-demand like the table. @default none */
  readonly globalSecondaryIndexes?: readonly TableIndex[];
}

export class DynamoTable extends Construct {
  readonly table: DynamodbTable;
  readonly tableName: string;

  constructor(scope: Construct, id: string, props: DynamoTableProps) {
    super(scope, id);
    const billing = props.billing ?? { mode: 'on-demand' };
    const protect = props.protect ?? false;
    if (props.sortKey && props.sortKey.name === props.partitionKey.name) {
      throw new Error(`table ${props.tableName}: sortKey ${props.sortKey.name} must differ from the partition key`);
    }
    const keys = props.sortKey ? [props.partitionKey, props.sortKey] : [props.partitionKey];
    const indexes = props.globalSecondaryIndexes ?? [];
    if (indexes.length > 0 && billing.mode !== 'on-demand') {
      throw new Error(`table ${props.tableName}: globalSecondaryIndexes need on-demand billing here`);
    }
    this.tableName = props.tableName;
    this.table = new DynamodbTable(this, 'table', {
      name: props.tableName,
      hashKey: props.partitionKey.name,
      rangeKey: props.sortKey?.name,
      attribute: attributeDefinitions(props.tableName, [
        ...keys,
        ...indexes.flatMap((i) => (i.sortKey ? [i.partitionKey, i.sortKey] : [i.partitionKey])),
      ]),
      globalSecondaryIndex: indexes.length > 0 ? indexes.map(indexProperties) : undefined,
      billingMode: billing.mode === 'on-demand' ? 'PAY_PER_REQUEST' : 'PROVISIONED',
      readCapacity: billing.mode === 'provisioned' ? billing.read : undefined,
      writeCapacity: billing.mode === 'provisioned' ? billing.write : undefined,
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
      pointInTimeRecovery: { enabled: true },
      ttl: props.ttlAttribute ? { enabled: true, attributeName: props.ttlAttribute } : undefined,
      deletionProtectionEnabled: protect,
      lifecycle: protect ? { preventDestroy: true } : undefined,
    });
  }

  get arn(): string {
    return this.table.arn;
  }

  /** A statement granting DynamoDB actions (without the `dynamodb:` prefix) on the table and its indexes. */
  grant(actions: readonly string[], sid?: string): PolicyStatement {
    return {
      sid,
      actions: actions.map((a) => `dynamodb:${a}`),
      resources: [this.table.arn, `${this.table.arn}/index/*`],
    };
  }
}

/** Each key attribute once; one attribute used with two types is an error DynamoDB would only report at apply. */
function attributeDefinitions(tableName: string, keys: readonly TableKeyAttribute[]): TableKeyAttribute[] {
  const byName = new Map<string, TableKeyAttribute>();
  for (const key of keys) {
    const seen = byName.get(key.name);
    if (seen && seen.type !== key.type) {
      throw new Error(`table ${tableName}: attribute ${key.name} is used as ${seen.type} and as ${key.type}`);
    }
    byName.set(key.name, key);
  }
  return [...byName.values()].map((k) => ({ name: k.name, type: k.type }));
}

function indexProperties(index: TableIndex) {
  const projection = index.projection ?? 'ALL';
  return {
    name: index.name,
    hashKey: index.partitionKey.name,
    rangeKey: index.sortKey?.name,
    projectionType: typeof projection === 'string' ? projection : 'INCLUDE',
    nonKeyAttributes: typeof projection === 'string' ? undefined : [...projection.include],
  };
}

/** What a function needs of a table it is granted: its name (for its environment variable) and a grant. */
export interface GrantableTable {
  readonly tableName: string;
  grant(actions: readonly string[], sid?: string): PolicyStatement;
}

/**
 * A table of another layer of the environment, reached by its name (known at synth from the naming helper) rather
 * than by reference, so that granting it adds no stack dependency: IAM accepts a grant on a table that does not
 * exist yet, and the function finds it at run time. Without this, a scheduled job scanning an app table would put
 * the jobs stack behind the app stack, and every stack that reads the jobs' logs one step further.
 */
export function tableByName(scope: Construct, id: string, tableName: string, region: string): GrantableTable {
  const account = new DataAwsCallerIdentity(scope, `${id}-account`).accountId;
  const partition = new DataAwsPartition(scope, `${id}-partition`).partition;
  const arn = `arn:${partition}:dynamodb:${region}:${account}:table/${tableName}`;
  return {
    tableName,
    grant: (actions, sid) => ({
      sid,
      actions: actions.map((a) => `dynamodb:${a}`),
      resources: [arn, `${arn}/index/*`],
    }),
  };
}
