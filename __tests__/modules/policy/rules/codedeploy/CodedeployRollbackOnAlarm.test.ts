import { CodedeployRollbackOnAlarm } from '../../../../../modules/policy/rules/codedeploy/CodedeployRollbackOnAlarm';
import { findingsOf } from '../../../../support/policy-rules';

describe('codedeploy-rollback-on-alarm: ' + CodedeployRollbackOnAlarm.description, () => {
  test('compliant: rolls back on failure and alarms', () => {
    expect(
      findingsOf(CodedeployRollbackOnAlarm, {
        resource: {
          aws_codedeploy_deployment_group: {
            g: {
              auto_rollback_configuration: {
                enabled: true,
                events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
              },
              alarm_configuration: { enabled: true, alarms: ['errors'] },
            },
          },
        },
      }),
    ).toEqual([]);
  });

  test('non-compliant: no alarms to roll back on', () => {
    expect(
      findingsOf(CodedeployRollbackOnAlarm, {
        resource: {
          aws_codedeploy_deployment_group: {
            g: {
              auto_rollback_configuration: {
                enabled: true,
                events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
              },
            },
          },
        },
      }),
    ).toEqual(['aws_codedeploy_deployment_group.g: group has no enabled alarm configuration to roll back on']);
  });
});
