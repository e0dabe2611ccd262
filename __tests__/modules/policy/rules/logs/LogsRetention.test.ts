import { LogsRetention } from '../../../../../modules/policy/rules/logs/LogsRetention';
import { findingsOf } from '../../../../support/policy-rules';

describe('logs-retention: ' + LogsRetention.description, () => {
  test('compliant: a retention period', () => {
    expect(
      findingsOf(LogsRetention, {
        resource: { aws_cloudwatch_log_group: { g: { name: 'g', retention_in_days: 14 } } },
      }),
    ).toEqual([]);
  });

  test('non-compliant: no retention', () => {
    expect(findingsOf(LogsRetention, { resource: { aws_cloudwatch_log_group: { g: { name: 'g' } } } })).toEqual([
      'aws_cloudwatch_log_group.g: log group has no retention_in_days',
    ]);
  });
});
