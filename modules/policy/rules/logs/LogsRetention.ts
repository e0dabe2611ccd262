import { PolicyRule } from '../../engine';

export const LogsRetention: PolicyRule = {
  id: 'logs-retention',
  service: 'logs',
  level: 'error',
  description: 'Every log group has a retention period.',
  explanation:
    'Log groups without retention keep everything forever: cost grows without bound and data is held longer than needed.',
  references: {
    fsbp: 'CloudWatch.16',
    cdkNag: 'NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod',
    checkov: 'CKV_AWS_338',
  },
  check: (stack) =>
    stack
      .resources('aws_cloudwatch_log_group')
      .filter((g) => !(typeof g.config.retention_in_days === 'number' && g.config.retention_in_days > 0))
      .map((g) => ({ resource: g, message: 'log group has no retention_in_days' })),
};
