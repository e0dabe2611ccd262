/**
 * The system-health composite alarm of an environment: in ALARM while any of the registered critical alarms is, and
 * routed as critical itself. With no critical alarm to compose it provisions nothing, since CloudWatch rejects an
 * empty rule.
 */
import { CloudwatchCompositeAlarm } from '@cdktf/provider-aws/lib/cloudwatch-composite-alarm';
import { TerraformResource, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AlertTopics, RegisteredAlarm, routeBySeverity } from './severity';

/** CloudWatch limits: underlying alarms per composite rule, and characters per rule. */
export const MAX_COMPOSITE_CHILDREN = 100;
export const MAX_ALARM_RULE_LENGTH = 10240;

export interface CompositeHealthAlarmProps {
  /** Name of the composite alarm, from the naming helper. */
  readonly alarmName: string;
  /** The environment's registered alarms; only the critical ones are composed. */
  readonly alarms: readonly RegisteredAlarm[];
  /** The environment's alert topics; the composite notifies the critical one. */
  readonly topics: AlertTopics;
  /** @default 'Some critical alarm of the environment is in ALARM.' */
  readonly description?: string;
}

export class CompositeHealthAlarm extends Construct {
  /** The composite alarm; undefined when there was no critical alarm to compose. */
  readonly alarm?: CloudwatchCompositeAlarm;
  /** The alarms it composes, in rule order. */
  readonly children: readonly RegisteredAlarm[];

  constructor(scope: Construct, id: string, props: CompositeHealthAlarmProps) {
    super(scope, id);
    const seen = new Set<string>();
    this.children = props.alarms.filter((a) => {
      if (a.severity !== 'critical' || seen.has(a.alarmName)) return false;
      seen.add(a.alarmName);
      return true;
    });
    if (this.children.length === 0) return;
    if (this.children.length > MAX_COMPOSITE_CHILDREN) {
      throw new Error(
        `CompositeHealthAlarm ${props.alarmName}: alarms holds ${this.children.length} critical alarms; a composite rule may name at most ${MAX_COMPOSITE_CHILDREN}`,
      );
    }
    if (this.children.some((a) => a.alarmName === props.alarmName)) {
      throw new Error(`CompositeHealthAlarm ${props.alarmName}: alarms must not include the composite itself`);
    }
    const rule = this.children.map((a) => `ALARM("${a.alarmName}")`).join(' OR ');
    if (!Token.isUnresolved(rule) && rule.length > MAX_ALARM_RULE_LENGTH) {
      throw new Error(
        `CompositeHealthAlarm ${props.alarmName}: the rule over ${this.children.length} alarms is ${rule.length} characters; CloudWatch allows ${MAX_ALARM_RULE_LENGTH}`,
      );
    }

    // A rule may only name alarms that exist: create the composite after every child, in its stack or after it.
    const stack = TerraformStack.of(this);
    const sameStack: TerraformResource[] = [];
    for (const { resource } of this.children) {
      if (resource === undefined) continue;
      const childStack = TerraformStack.of(resource);
      if (childStack === stack) sameStack.push(resource);
      else stack.addDependency(childStack);
    }

    this.alarm = new CloudwatchCompositeAlarm(this, 'alarm', {
      alarmName: props.alarmName,
      alarmDescription: props.description ?? 'Some critical alarm of the environment is in ALARM.',
      alarmRule: rule,
      actionsEnabled: true,
      ...routeBySeverity('critical', props.topics),
      dependsOn: sameStack.length > 0 ? sameStack : undefined,
    });
  }
}
