import { EcrScanOnPush } from '../../../../../modules/policy/rules/ecr/EcrScanOnPush';
import { findingsOf } from '../../../../support/policy-rules';

describe('ecr-scan-on-push: ' + EcrScanOnPush.description, () => {
  test('compliant: scan on push', () => {
    expect(
      findingsOf(EcrScanOnPush, {
        resource: { aws_ecr_repository: { r: { name: 'r', image_scanning_configuration: { scan_on_push: true } } } },
      }),
    ).toEqual([]);
  });

  test('non-compliant: no scanning', () => {
    expect(findingsOf(EcrScanOnPush, { resource: { aws_ecr_repository: { r: { name: 'r' } } } })).toEqual([
      'aws_ecr_repository.r: repository does not have image_scanning_configuration.scan_on_push = true',
    ]);
  });
});
