/**
 * A health composite: in ALARM while any of its children is. With more children than CloudWatch lets one rule name
 * (CLOUDWATCH_LIMITS.compositeChildren), the children are split into chunk composites `<name>-1`, `<name>-2`, ...
 * in the same construct, and the composite `<name>` names the chunks, so whatever names `<name>` from elsewhere
 * never has to change. With no child it provisions nothing, since CloudWatch rejects an empty rule.
 *
 * Every composite depends on the alarms its rule names (depends_on), which Terraform records in state: when a child
 * goes away, the composite's rule is updated before the child is destroyed (CloudWatch refuses to delete an alarm
 * that a composite still names). Children in other stacks are ordered by a stack dependency instead.
 */
import { CloudwatchCompositeAlarm } from '@cdktf/provider-aws/lib/cloudwatch-composite-alarm';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { alarmDescription } from '../core/alarm-description';
import { CLOUDWATCH_LIMITS } from '../core/alarm-model';
import { notifiesOnOk, Severity, SEVERITY_TAG } from '../core/severity';
import type { Naming } from './naming';
import type { AlarmTopics } from './severity';

/** An alarm a composite names: its literal name and, when it is a resource of this app, the resource. */
export interface ComposedAlarm {
  readonly alarmName: string;
  readonly resource?: TerraformResource;
}

/** A composite as other stacks see it (the monitoring stack names the per-stack ones). */
export interface HealthAlarm {
  readonly alarmName: string;
  /** Region of the composite (composites name alarms of their own region only). */
  readonly region: string;
  readonly resource: CloudwatchCompositeAlarm;
}

export interface HealthCompositeProps {
  readonly naming: Naming;
  /** Name component: the composite is `<prefix>-<name>`, its chunks `<prefix>-<name>-<n>`. */
  readonly name: string;
  readonly children: readonly ComposedAlarm[];
  /** Severity the composite (and its chunks) route by. */
  readonly severity: Severity;
  /** One sentence: what being in ALARM means. */
  readonly summary: string;
  readonly runbookUrl: string;
  /** Region the composite lives in (that of its children). */
  readonly region: string;
  /** @default none: the composite carries its severity and no actions */
  readonly topics?: AlarmTopics;
  /** Provider of another region (us-east-1 composites). @default the stack's default provider */
  readonly provider?: AwsProvider;
  /** @default CLOUDWATCH_LIMITS.compositeChildren */
  readonly maxChildren?: number;
}

export class HealthComposite extends Construct {
  /** The composite others name; undefined when there was no child. */
  readonly health?: HealthAlarm;
  /** Chunk composites, when the children did not fit one rule. */
  readonly chunks: readonly CloudwatchCompositeAlarm[];

  constructor(scope: Construct, id: string, props: HealthCompositeProps) {
    super(scope, id);
    const max = props.maxChildren ?? CLOUDWATCH_LIMITS.compositeChildren;
    if (!Number.isInteger(max) || max < 2 || max > CLOUDWATCH_LIMITS.compositeChildren) {
      throw new Error(
        `HealthComposite ${props.name}: maxChildren must be a whole number from 2 to ${CLOUDWATCH_LIMITS.compositeChildren}, got ${max}`,
      );
    }
    const names = new Set<string>();
    const children = props.children.filter((c) => !names.has(c.alarmName) && names.add(c.alarmName));
    const alarmName = props.naming.name(props.name, 'cloudwatchAlarm');
    if (names.has(alarmName)) throw new Error(`HealthComposite ${alarmName}: children must not include the composite`);
    if (children.length === 0) {
      this.chunks = [];
      return;
    }
    const chunks: CloudwatchCompositeAlarm[] = [];
    let top = children;
    if (children.length > max) {
      const groups = Math.ceil(children.length / max);
      if (groups > max) {
        throw new Error(
          `HealthComposite ${alarmName}: ${children.length} children need ${groups} chunks, more than one rule names (${max})`,
        );
      }
      top = [];
      for (let i = 0; i < groups; i++) {
        const chunk = this.composite(
          `chunk-${i + 1}`,
          `${props.name}-${i + 1}`,
          children.slice(i * max, (i + 1) * max),
          props,
        );
        chunks.push(chunk.resource);
        top.push(chunk);
      }
    }
    this.chunks = chunks;
    this.health = this.composite('alarm', props.name, top, props);
  }

  private composite(
    id: string,
    name: string,
    children: readonly ComposedAlarm[],
    props: HealthCompositeProps,
  ): HealthAlarm {
    const alarmName = props.naming.name(name, 'cloudwatchAlarm');
    const rule = children.map((c) => `ALARM("${c.alarmName}")`).join(' OR ');
    if (rule.length > CLOUDWATCH_LIMITS.alarmRuleLength) {
      throw new Error(
        `HealthComposite ${alarmName}: the rule over ${children.length} alarms is ${rule.length} characters; CloudWatch allows ${CLOUDWATCH_LIMITS.alarmRuleLength}`,
      );
    }
    const stack = TerraformStack.of(this);
    const sameStack: TerraformResource[] = [];
    for (const { resource } of children) {
      if (resource === undefined) continue;
      const childStack = TerraformStack.of(resource);
      if (childStack === stack) sameStack.push(resource);
      else stack.addDependency(childStack);
    }
    const actions = props.topics ? [props.topics[props.severity].arn] : [];
    const resource = new CloudwatchCompositeAlarm(this, id, {
      alarmName,
      alarmDescription: alarmDescription(props.summary, props.runbookUrl),
      alarmRule: rule,
      actionsEnabled: true,
      alarmActions: actions,
      okActions: notifiesOnOk(props.severity) ? [...actions] : [],
      tags: { [SEVERITY_TAG]: props.severity },
      dependsOn: sameStack.length > 0 ? sameStack : undefined,
      provider: props.provider,
    });
    return { alarmName, region: props.region, resource };
  }
}
