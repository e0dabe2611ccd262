import { GlueCatalog } from '../../modules/glue-catalog';
import { Naming } from '../../modules/naming';
import { rulesFor } from '../../modules/policy/rules';
import { SecureBucket } from '../../modules/secure-bucket';
import { onlyResource, testStack, violatedRules } from '../support/stacks';

function build(write = true) {
  const stack = testStack();
  const raw = new SecureBucket(stack, 'raw', { bucketName: 'svc-dev-raw-data' });
  const processed = new SecureBucket(stack, 'processed', { bucketName: 'svc-dev-processed-data' });
  new GlueCatalog(stack, 'glue', {
    naming: new Naming('svc', 'dev'),
    region: 'eu-west-1',
    readBuckets: [raw],
    writeBuckets: write ? [processed] : [],
  });
  return stack;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function statements(stack: ReturnType<typeof testStack>): Record<string, any> {
  const list = JSON.parse(onlyResource(stack, 'aws_iam_role_policy').policy).Statement;
  return Object.fromEntries(list.map((s: { Sid: string }) => [s.Sid, s]));
}

describe('GlueCatalog', () => {
  test('creates a database named for Athena (underscores)', () => {
    expect(onlyResource(build(), 'aws_glue_catalog_database')).toMatchObject({ name: 'svc_dev_data_lake' });
  });

  test('its role reads the source buckets and writes only the target ones', () => {
    const s = statements(build());
    expect(s.ReadObjects.Resource).toEqual([
      '${aws_s3_bucket.raw_bucket_B8DCEC09.arn}/*',
      '${aws_s3_bucket.processed_bucket_9E794356.arn}/*',
    ]);
    expect(s.WriteObjects).toMatchObject({
      Action: ['s3:PutObject', 's3:DeleteObject'],
      Resource: '${aws_s3_bucket.processed_bucket_9E794356.arn}/*',
    });
    expect(statements(build(false)).WriteObjects).toBeUndefined();
  });

  test('its catalog rights cover this database and its tables only, and it cannot create log groups', () => {
    const stack = build();
    const s = statements(stack);
    expect(s.CatalogOfThisDatabase.Resource).toEqual([
      expect.stringMatching(/:glue:eu-west-1:\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}:catalog$/),
      expect.stringMatching(/:database\/svc_dev_data_lake$/),
      expect.stringMatching(/:table\/svc_dev_data_lake\/\*$/),
    ]);
    expect(s.OwnLogs.Action).not.toContain('logs:CreateLogGroup');
    const role = onlyResource(stack, 'aws_iam_role');
    expect(role.name).toBe('svc-dev-glue');
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'glue.amazonaws.com' });
    expect(violatedRules(stack, rulesFor('iam'))).toEqual([]);
  });

  test('fails when no bucket is given', () => {
    const stack = testStack();
    expect(
      () => new GlueCatalog(stack, 'glue', { naming: new Naming('svc', 'dev'), region: 'eu-west-1', readBuckets: [] }),
    ).toThrow('GlueCatalog readBuckets: must name at least one bucket, got none');
  });
});
