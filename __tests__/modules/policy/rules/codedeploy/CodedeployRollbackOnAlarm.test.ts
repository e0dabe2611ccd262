import { CodedeployRollbackOnAlarm } from '../../../../../modules/policy/rules/codedeploy/CodedeployRollbackOnAlarm';
import { findingsOf, StackJson } from '../../../../support/policy-rules';

/** Deployment group `g` that rolls back on failure and on alarms, with the given alarm configuration. */
const group = (alarms: StackJson) => ({
  resource: {
    aws_codedeploy_deployment_group: {
      g: {
        auto_rollback_configuration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
        ...alarms,
      },
    },
  },
});

describe('codedeploy-rollback-on-alarm: ' + CodedeployRollbackOnAlarm.description, () => {
  test('compliant: rolls back on failure and alarms', () => {
    expect(
      findingsOf(CodedeployRollbackOnAlarm, group({ alarm_configuration: { enabled: true, alarms: ['errors'] } })),
    ).toEqual([]);
  });

  test('non-compliant: no alarms to roll back on', () => {
    expect(findingsOf(CodedeployRollbackOnAlarm, group({}))).toEqual([
      'aws_codedeploy_deployment_group.g: group has no enabled alarm configuration to roll back on',
    ]);
  });
});
