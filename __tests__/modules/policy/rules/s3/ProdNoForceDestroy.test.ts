import { ProdNoForceDestroy } from '../../../../../modules/policy/rules/s3/ProdNoForceDestroy';
import { findingsOf, inEnvironment } from '../../../../support/policy-rules';

const forced = {
  aws_s3_bucket: { b: { bucket: 'b', force_destroy: true } },
  aws_ecr_repository: { r: { name: 'r', force_delete: true } },
};

describe('prod-no-force-destroy: ' + ProdNoForceDestroy.description, () => {
  test('compliant: force flags in dev only, none in prod', () => {
    expect(findingsOf(ProdNoForceDestroy, inEnvironment('dev', forced))).toEqual([]);
    const prod = inEnvironment('prod', { aws_s3_bucket: { b: { bucket: 'b', force_destroy: false } } });
    expect(findingsOf(ProdNoForceDestroy, prod)).toEqual([]);
  });

  test('non-compliant: force_destroy and force_delete in prod', () => {
    expect(findingsOf(ProdNoForceDestroy, inEnvironment('prod', forced))).toEqual([
      'aws_s3_bucket.b: force_destroy = true in a production stack',
      'aws_ecr_repository.r: force_delete = true in a production stack',
    ]);
  });
});
