/**
 * A Kinesis data stream encrypted with a customer-managed KMS key, on demand or with provisioned shards, and the
 * IAM statements its producers and consumers need (the key included, which is easy to forget and fails only at run
 * time).
 */
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import { Construct } from 'constructs';
import type { StreamMode } from '../config/layers/data';
import type { PolicyStatement } from './iam-policy';

export interface KinesisDataStreamProps {
  /** Physical name, from the naming helper. */
  readonly streamName: string;
  /** Key that encrypts the records at rest. */
  readonly kmsKey: KmsKey;
  /** @default 'on-demand' */
  readonly mode?: StreamMode;
  /** Shards of a provisioned stream; required then, and refused on demand. */
  readonly shards?: number;
  /** Hours a record stays readable, 24 to 8760. @default 24 */
  readonly retentionHours?: number;
}

export class KinesisDataStream extends Construct {
  readonly stream: KinesisStream;
  readonly kmsKey: KmsKey;

  constructor(scope: Construct, id: string, props: KinesisDataStreamProps) {
    super(scope, id);
    const mode = props.mode ?? 'on-demand';
    const retentionHours = props.retentionHours ?? 24;
    const where = `KinesisDataStream ${props.streamName}`;
    if (mode === 'provisioned' && (props.shards === undefined || !Number.isInteger(props.shards) || props.shards < 1)) {
      throw new Error(
        `${where} shards: must be a whole number of at least 1 for a provisioned stream, got ${props.shards}`,
      );
    }
    if (mode === 'on-demand' && props.shards !== undefined) {
      throw new Error(`${where} shards: must not be set on an on-demand stream, got ${props.shards}`);
    }
    if (!Number.isInteger(retentionHours) || retentionHours < 24 || retentionHours > 8760) {
      throw new Error(`${where} retentionHours: must be a whole number between 24 and 8760, got ${retentionHours}`);
    }
    this.kmsKey = props.kmsKey;
    this.stream = new KinesisStream(this, 'stream', {
      name: props.streamName,
      streamModeDetails: { streamMode: mode === 'provisioned' ? 'PROVISIONED' : 'ON_DEMAND' },
      shardCount: props.shards,
      retentionPeriod: retentionHours,
      encryptionType: 'KMS',
      kmsKeyId: props.kmsKey.arn,
    });
  }

  get arn(): string {
    return this.stream.arn;
  }

  /** What a producer needs: put records and encrypt them with the stream's key. */
  writeStatements(): PolicyStatement[] {
    return [
      {
        actions: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'],
        resources: [this.stream.arn],
      },
      { actions: ['kms:GenerateDataKey'], resources: [this.kmsKey.arn] },
    ];
  }

  /** What a consumer (for example a Lambda event source) needs: read records and decrypt them. */
  readStatements(): PolicyStatement[] {
    return [
      {
        actions: [
          'kinesis:GetRecords',
          'kinesis:GetShardIterator',
          'kinesis:DescribeStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:ListShards',
          'kinesis:SubscribeToShard',
        ],
        resources: [this.stream.arn],
      },
      { actions: ['kms:Decrypt'], resources: [this.kmsKey.arn] },
    ];
  }
}
