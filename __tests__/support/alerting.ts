/** Configurations, app preparation, topics and alarms for the alerting, oncall and monitoring tests. */
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic, SnsTopicConfig } from '@cdktf/provider-aws/lib/sns-topic';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { AlarmDefinition } from '../../core/alarm-model';
import { environmentsOf, loadConfig, validateConfig } from '../../config/load';
import { PRESETS } from '../../config/presets';
import type { Environment, PlatformConfig } from '../../config/schema';
import { AlertTopics, SEVERITIES, type Severity } from '../../modules/severity';
import type { MutableInput } from './config';

/** A preset, optionally edited, validated as main.ts would. */
export function presetConfig(preset = 'platform', change?: (draft: MutableInput) => void): PlatformConfig {
  if (change === undefined) return loadConfig({ preset });
  const draft = structuredClone(PRESETS[preset]) as MutableInput;
  change(draft);
  return validateConfig(draft);
}

export function environmentOf(config: PlatformConfig, name: string): Environment {
  const environment = environmentsOf(config).find((e) => e.name === name);
  if (environment === undefined) throw new Error(`no environment ${name}`);
  return environment;
}

/** Resolves cross-stack references into outputs and remote state, as synth (and the policy check) does. */
export function prepareApp(app: App): void {
  app.node
    .findAll()
    .filter(TerraformStack.isStack)
    .forEach((stack) => stack.prepareStack());
}

/** One topic per severity, each with the severity as its construct ID and name (`${aws_sns_topic.critical.arn}`). */
export function testTopics(scope: Construct, config: Partial<SnsTopicConfig> = {}): AlertTopics {
  return Object.fromEntries(
    SEVERITIES.map((severity) => [severity, new SnsTopic(scope, severity, { name: severity, ...config })]),
  ) as unknown as AlertTopics;
}

/**
 * A metric alarm for tests about routing and composition, where its metric does not matter: the caller gives the
 * name and, usually, `...routed(...)`.
 */
export function testAlarm(
  scope: Construct,
  id: string,
  config: Partial<CloudwatchMetricAlarmConfig> & Pick<CloudwatchMetricAlarmConfig, 'alarmName'>,
): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(scope, id, {
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    statistic: 'Sum',
    period: 60,
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    threshold: 0,
    ...config,
  });
}

/** Alarm properties that notify the topic of `severity` on ALARM and OK, as the AlarmFactory writes them. */
export function routed(
  severity: Severity,
  topics?: AlertTopics,
): Pick<CloudwatchMetricAlarmConfig, 'alarmActions' | 'okActions' | 'tags'> {
  const actions = topics ? [topics[severity].arn] : [];
  return { alarmActions: actions, okActions: [...actions], tags: { Severity: severity } };
}

/** An alarm definition for tests about routing and composition, where its metric does not matter. */
export function testDefinition(id: string, severity: Severity): AlarmDefinition {
  return {
    id,
    summary: `${id} fired.`,
    metric: { namespace: 'AWS/Lambda', metricName: 'Errors', statistic: 'Sum' },
    threshold: 0,
    comparison: 'GreaterThanThreshold',
    severity,
  };
}
