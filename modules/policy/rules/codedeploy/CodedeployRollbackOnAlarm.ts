import { blocks, Finding, PolicyRule } from '../../engine';

export const CodedeployRollbackOnAlarm: PolicyRule = {
  id: 'codedeploy-rollback-on-alarm',
  service: 'codedeploy',
  level: 'error',
  description: 'Every deployment group rolls back automatically on failure and when its alarms fire.',
  explanation: 'A canary that does not roll back on its alarms shifts all traffic to a failing version.',
  references: {},
  check: (stack) =>
    stack.resources('aws_codedeploy_deployment_group').flatMap((g): Finding[] => {
      const rollback = blocks(g.config.auto_rollback_configuration)[0];
      const events: unknown[] = rollback?.events ?? [];
      const alarms = blocks(g.config.alarm_configuration)[0];
      const alarmNames: unknown[] = alarms?.alarms ?? [];
      if (
        rollback?.enabled !== true ||
        !events.includes('DEPLOYMENT_STOP_ON_ALARM') ||
        !events.includes('DEPLOYMENT_FAILURE')
      ) {
        return [
          { resource: g, message: 'group does not roll back on DEPLOYMENT_FAILURE and DEPLOYMENT_STOP_ON_ALARM' },
        ];
      }
      if (alarms?.enabled !== true || alarmNames.length === 0) {
        return [{ resource: g, message: 'group has no enabled alarm configuration to roll back on' }];
      }
      return [];
    }),
};
