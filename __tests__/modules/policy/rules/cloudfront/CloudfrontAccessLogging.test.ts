import { suppressPolicy } from '../../../../../modules/policy';
import { CloudfrontAccessLogging } from '../../../../../modules/policy/rules/cloudfront/CloudfrontAccessLogging';
import { SecureBucket } from '../../../../../modules/secure-bucket';
import { violatedRules } from '../../../../support/stacks';
import { cdnFixture } from './fixtures';

describe('cloudfront-access-logging: ' + CloudfrontAccessLogging.description, () => {
  test('compliant: a CdnDistribution logging to a CdnAccessLogBucket passes', () => {
    expect(violatedRules(cdnFixture().stack, [CloudfrontAccessLogging])).toEqual([]);
  });

  test('non-compliant: fails when a distribution does not log', () => {
    expect(violatedRules(cdnFixture({ logging: undefined }).stack, [CloudfrontAccessLogging])).toEqual([
      'cloudfront-access-logging',
    ]);
  });

  test('compliant: a distribution whose logging is off by configuration passes with a written suppression', () => {
    const { stack, distribution } = cdnFixture({ logging: undefined });
    suppressPolicy(distribution.distribution, CloudfrontAccessLogging.id, 'logging is off in dev by configuration');
    expect(violatedRules(stack, [CloudfrontAccessLogging])).toEqual([]);
  });

  test('non-compliant: fails when the log bucket enforces owner ownership (no ACL delivery) and never expires logs', () => {
    const { stack, distribution } = cdnFixture();
    const plain = new SecureBucket(stack, 'plain', { bucketName: 'svc-dev-plain' });
    distribution.distribution.addOverride('logging_config.bucket', plain.bucket.bucketDomainName);
    const messages = violatedRules(stack, [CloudfrontAccessLogging]);
    expect(messages).toEqual(['cloudfront-access-logging', 'cloudfront-access-logging']);
  });
});
