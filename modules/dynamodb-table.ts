/**
 * A DynamoDB table with the platform defaults: on-demand capacity, server-side encryption with a KMS key (the AWS
 * managed `aws/dynamodb` key unless one is given, so key use is logged in CloudTrail), point-in-time recovery, an
 * optional TTL attribute, and in production deletion protection plus prevent_destroy.
 */
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';
import type { PolicyStatement } from './iam-policy';

export type KeyAttributeType = 'S' | 'N' | 'B';

export interface TableKeyAttribute {
  readonly name: string;
  readonly type: KeyAttributeType;
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
    this.tableName = props.tableName;
    this.table = new DynamodbTable(this, 'table', {
      name: props.tableName,
      hashKey: props.partitionKey.name,
      rangeKey: props.sortKey?.name,
      attribute: keys.map((k) => ({ name: k.name, type: k.type })),
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
