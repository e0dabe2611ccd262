import { suppressPolicy } from '../../../../../modules/policy';
import { cloudfrontAccessLogging } from '../../../../../modules/policy/rules/cloudfront';
import { SecureBucket } from '../../../../../modules/secure-bucket';
import { violatedRules } from '../../../../support/stacks';
import { cdnFixture } from './fixtures';

describe('cloudfront-access-logging', () => {
  test('a CdnDistribution logging to a CdnAccessLogBucket passes', () => {
    expect(violatedRules(cdnFixture().stack, [cloudfrontAccessLogging])).toEqual([]);
  });

  test('fails when a distribution does not log', () => {
    expect(violatedRules(cdnFixture({ logging: undefined }).stack, [cloudfrontAccessLogging])).toEqual([
      'cloudfront-access-logging',
    ]);
  });

  test('a distribution whose logging is off by configuration passes with a written suppression', () => {
    const { stack, distribution } = cdnFixture({ logging: undefined });
    suppressPolicy(distribution.distribution, cloudfrontAccessLogging.id, 'logging is off in dev by configuration');
    expect(violatedRules(stack, [cloudfrontAccessLogging])).toEqual([]);
  });

  test('fails when the log bucket enforces owner ownership (no ACL delivery) and never expires logs', () => {
    const { stack, distribution } = cdnFixture();
    const plain = new SecureBucket(stack, 'plain', { bucketName: 'svc-dev-plain' });
    distribution.distribution.addOverride('logging_config.bucket', plain.bucket.bucketDomainName);
    const messages = violatedRules(stack, [cloudfrontAccessLogging]);
    expect(messages).toEqual(['cloudfront-access-logging', 'cloudfront-access-logging']);
  });
});
