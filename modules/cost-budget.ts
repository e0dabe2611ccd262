/**
 * A monthly AWS Budgets cost budget for one environment, scoped by the platform's Environment cost allocation tag,
 * notifying a topic when the forecast passes one threshold and actual spend another. The topic's policy (and its key)
 * must admit budgets.amazonaws.com, as modules/severity-topics.ts does.
 *
 * The Environment tag must be activated as a cost allocation tag in the billing console once per account (AWS
 * offers no API that Terraform manages for it); until then the budget sees no cost.
 */
import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import type { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { Construct } from 'constructs';
import { checkName } from './naming';

export interface CostBudgetProps {
  /** Physical name, from the naming helper. */
  readonly budgetName: string;
  readonly monthlyLimitUsd: number;
  /** Value of the Environment tag whose costs count. */
  readonly environment: string;
  readonly topic: SnsTopic;
  /** @default 80 */
  readonly forecastThresholdPercent?: number;
  /** @default 100 */
  readonly actualThresholdPercent?: number;
}

export class CostBudget extends Construct {
  readonly budget: BudgetsBudget;

  constructor(scope: Construct, id: string, props: CostBudgetProps) {
    super(scope, id);
    if (!Number.isFinite(props.monthlyLimitUsd) || props.monthlyLimitUsd <= 0) {
      throw new Error(`CostBudget: monthlyLimitUsd must be a positive amount, got ${props.monthlyLimitUsd}`);
    }
    const notify = (type: 'FORECASTED' | 'ACTUAL', threshold: number) => ({
      notificationType: type,
      comparisonOperator: 'GREATER_THAN',
      threshold,
      thresholdType: 'PERCENTAGE',
      subscriberSnsTopicArns: [props.topic.arn],
    });
    this.budget = new BudgetsBudget(this, 'budget', {
      name: checkName(props.budgetName, 'budget'),
      budgetType: 'COST',
      limitAmount: props.monthlyLimitUsd.toFixed(2),
      limitUnit: 'USD',
      timeUnit: 'MONTHLY',
      costFilter: [{ name: 'TagKeyValue', values: [`user:Environment$${props.environment}`] }],
      notification: [
        notify('FORECASTED', props.forecastThresholdPercent ?? 80),
        notify('ACTUAL', props.actualThresholdPercent ?? 100),
      ],
    });
  }
}
