import { CloudfrontOriginAccessControl } from '../../../../../modules/policy/rules/cloudfront/CloudfrontOriginAccessControl';
import { violatedRules } from '../../../../support/stacks';
import { cdnFixture } from './fixtures';

describe('cloudfront-origin-access-control: ' + CloudfrontOriginAccessControl.description, () => {
  test('compliant: a CdnDistribution passes: its S3 origin uses origin access control', () => {
    expect(violatedRules(cdnFixture().stack, [CloudfrontOriginAccessControl])).toEqual([]);
  });

  test('non-compliant: fails when the S3 origin has no origin access control', () => {
    const { stack, distribution } = cdnFixture();
    distribution.distribution.addOverride('origin.0.origin_access_control_id', null);
    expect(violatedRules(stack, [CloudfrontOriginAccessControl])).toEqual(['cloudfront-origin-access-control']);
  });

  test('non-compliant: fails when a literal S3 domain is the origin without origin access control', () => {
    const { stack, distribution } = cdnFixture();
    distribution.distribution.addOverride('origin.0.domain_name', 'public-site.s3.amazonaws.com');
    distribution.distribution.addOverride('origin.0.origin_access_control_id', null);
    expect(violatedRules(stack, [CloudfrontOriginAccessControl])).toEqual(['cloudfront-origin-access-control']);
  });
});
