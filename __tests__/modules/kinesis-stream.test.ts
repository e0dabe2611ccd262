import { TerraformOutput, TerraformStack } from 'cdktf';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KinesisDataStream, KinesisDataStreamProps } from '../../modules/kinesis-stream';
import { KinesisEncryption } from '../../modules/policy/rules/kinesis/KinesisEncryption';
import { onlyResource, synthJson, testStack, violatedRules } from '../support/stacks';

/** A value with its tokens resolved, as Terraform will see it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function resolved(stack: TerraformStack, value: unknown): any {
  new TerraformOutput(stack, `probe-${Object.keys(synthJson(stack).output ?? {}).length}`, { value });
  return (Object.values(synthJson(stack).output).pop() as { value: unknown }).value;
}

function build(props: Partial<KinesisDataStreamProps> = {}) {
  const stack = testStack();
  const kmsKey = new KmsKey(stack, 'key', { enableKeyRotation: true });
  const stream = new KinesisDataStream(stack, 'events', { streamName: 'svc-dev-events', kmsKey, ...props });
  return { stack, stream };
}

describe('KinesisDataStream', () => {
  test('is on demand by default, keeps records 24 hours and encrypts them with the key', () => {
    const { stack } = build();
    expect(onlyResource(stack, 'aws_kinesis_stream')).toEqual(
      expect.objectContaining({
        name: 'svc-dev-events',
        stream_mode_details: { stream_mode: 'ON_DEMAND' },
        retention_period: 24,
        encryption_type: 'KMS',
        kms_key_id: '${aws_kms_key.key.arn}',
      }),
    );
    expect(onlyResource(stack, 'aws_kinesis_stream').shard_count).toBeUndefined();
    expect(violatedRules(stack, [KinesisEncryption])).toEqual([]);
  });

  test('takes provisioned shards and a longer retention', () => {
    const { stack } = build({ mode: 'provisioned', shards: 2, retentionHours: 168 });
    expect(onlyResource(stack, 'aws_kinesis_stream')).toMatchObject({
      stream_mode_details: { stream_mode: 'PROVISIONED' },
      shard_count: 2,
      retention_period: 168,
    });
  });

  test('producers and consumers get the stream and the key, nothing wider', () => {
    const { stack, stream } = build();
    const streamArn = '${aws_kinesis_stream.events_stream_8A2FC160.arn}';
    expect(resolved(stack, stream.writeStatements())).toEqual([
      {
        actions: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'],
        resources: [streamArn],
      },
      { actions: ['kms:GenerateDataKey'], resources: ['${aws_kms_key.key.arn}'] },
    ]);
    const read = resolved(stack, stream.readStatements());
    expect(read.flatMap((s: { resources: string[] }) => s.resources)).toEqual([streamArn, '${aws_kms_key.key.arn}']);
    expect(read[1].actions).toEqual(['kms:Decrypt']);
    expect(read[0].actions).toEqual([
      'kinesis:GetRecords',
      'kinesis:GetShardIterator',
      'kinesis:DescribeStream',
      'kinesis:DescribeStreamSummary',
      'kinesis:ListShards',
      'kinesis:SubscribeToShard',
    ]);
  });

  test('fails when a provisioned stream has no shards', () => {
    expect(() => build({ mode: 'provisioned' })).toThrow(
      'KinesisDataStream svc-dev-events shards: must be a whole number of at least 1 for a provisioned stream, got undefined',
    );
  });

  test('fails when an on-demand stream is given shards', () => {
    expect(() => build({ shards: 4 })).toThrow(
      'KinesisDataStream svc-dev-events shards: must not be set on an on-demand stream, got 4',
    );
  });

  test('fails when the retention is outside 24 to 8760 hours', () => {
    expect(() => build({ retentionHours: 9000 })).toThrow(
      'KinesisDataStream svc-dev-events retentionHours: must be a whole number between 24 and 8760, got 9000',
    );
  });
});
