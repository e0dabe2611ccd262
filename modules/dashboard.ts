/**
 * One CloudWatch dashboard whose body is generated (modules/monitoring/dashboard-body.ts) from the handles of the
 * stacks it covers. The body is validated against CloudWatch's limits at synth.
 */
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Construct } from 'constructs';
import { buildDashboardBody, type DashboardBody, type DashboardBodyInput } from './monitoring/dashboard-body';
import { checkName } from './naming';

export interface PlatformDashboardProps extends DashboardBodyInput {
  /** Physical name, from the naming helper. */
  readonly dashboardName: string;
}

export class PlatformDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;
  readonly body: DashboardBody;
  readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: PlatformDashboardProps) {
    super(scope, id);
    this.dashboardName = checkName(props.dashboardName, 'dashboard');
    this.body = buildDashboardBody(props);
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: this.dashboardName,
      dashboardBody: JSON.stringify(this.body),
    });
  }
}
