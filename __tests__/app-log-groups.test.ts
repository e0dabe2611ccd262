/**
 * Every log group a resource of the app writes to is created by the app (with retention, which the policy check
 * enforces on every log group), for every preset; and the check itself catches each kind of writer.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CodebuildProject } from '@cdktf/provider-aws/lib/codebuild-project';
import { GlueJob } from '@cdktf/provider-aws/lib/glue-job';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { RedshiftserverlessNamespace } from '@cdktf/provider-aws/lib/redshiftserverless-namespace';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { PRESETS } from '../config/presets';
import { LOG_WRITING_TYPES, logDestinations, missingLogGroups } from './support/log-destinations';
import { synthPreset } from './support/app';
import { synthJson, testStack } from './support/stacks';

/* eslint-disable @typescript-eslint/no-explicit-any */
function appJson(preset: string): Record<string, any> {
  const app = synthPreset({ preset });
  return Object.fromEntries(Object.keys(app.dependencies).map((name) => [name, app.json(name)]));
}

describe('log groups of the presets', () => {
  test.each(Object.keys(PRESETS))('%s creates every log group its resources write to', (preset) => {
    const stacks = appJson(preset);
    expect(missingLogGroups(stacks)).toEqual([]);
    // Not vacuous: every preset has functions writing logs.
    expect(logDestinations(stacks).length).toBeGreaterThan(0);
  });
});

describe('missingLogGroups', () => {
  test('names each kind of writer whose log group is missing, and accepts those that exist', () => {
    const stack = testStack('svc-dev-test');
    const role = 'arn:aws:iam::111111111111:role/r';
    new LambdaFunction(stack, 'fn', {
      functionName: 'svc-dev-fn',
      role,
      runtime: 'nodejs22.x',
      handler: 'i.h',
      filename: 'x.zip',
    });
    new LambdaFunction(stack, 'fn-ok', {
      functionName: 'svc-dev-ok',
      role,
      runtime: 'nodejs22.x',
      handler: 'i.h',
      filename: 'x.zip',
    });
    new CloudwatchLogGroup(stack, 'ok-logs', { name: '/aws/lambda/svc-dev-ok', retentionInDays: 7 });
    new GlueJob(stack, 'etl', {
      name: 'svc-dev-etl',
      roleArn: role,
      command: { scriptLocation: 's3://b/k.py' },
      defaultArguments: { '--enable-continuous-cloudwatch-log': 'true', '--continuous-log-logGroup': '/svc/dev/etl' },
    });
    new RedshiftserverlessNamespace(stack, 'ns', { namespaceName: 'svc-dev', logExports: ['userlog'] });
    new CodebuildProject(stack, 'build', {
      name: 'svc-build',
      serviceRole: role,
      artifacts: { type: 'NO_ARTIFACTS' },
      environment: {
        computeType: 'BUILD_GENERAL1_SMALL',
        image: 'aws/codebuild/standard:7.0',
        type: 'LINUX_CONTAINER',
      },
      source: { type: 'NO_SOURCE', buildspec: 'version: 0.2' },
    });
    new Wafv2WebAclLoggingConfiguration(stack, 'waf-logs', {
      resourceArn: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/a/b',
      logDestinationConfigs: ['arn:aws:logs:us-east-1:111111111111:log-group:aws-waf-logs-svc'],
    });

    expect(missingLogGroups({ 'svc-dev-test': synthJson(stack) }).sort()).toEqual(
      [
        'svc-dev-test aws_lambda_function.fn -> /aws/lambda/svc-dev-fn',
        'svc-dev-test aws_glue_job.etl -> /aws-glue/jobs/output',
        'svc-dev-test aws_glue_job.etl -> /aws-glue/jobs/error',
        'svc-dev-test aws_glue_job.etl -> /svc/dev/etl',
        'svc-dev-test aws_redshiftserverless_namespace.ns -> /aws/redshift/svc-dev/userlog',
        'svc-dev-test aws_codebuild_project.build -> /aws/codebuild/svc-build',
        'svc-dev-test aws_wafv2_web_acl_logging_configuration.waf-logs -> arn:aws:logs:us-east-1:111111111111:log-group:aws-waf-logs-svc',
      ].sort(),
    );
  });

  test('a stage whose access log destination is a log group of the same stack passes; a dangling reference fails', () => {
    const json = {
      resource: {
        aws_cloudwatch_log_group: { access: { name: '/aws/apigateway/a/access' } },
        aws_api_gateway_stage: {
          good: { access_log_settings: { destination_arn: '${aws_cloudwatch_log_group.access.arn}' } },
          bad: { access_log_settings: { destination_arn: '${aws_cloudwatch_log_group.gone.arn}' } },
        },
      },
    };
    expect(missingLogGroups({ s: json })).toEqual([
      's aws_api_gateway_stage.bad -> ${aws_cloudwatch_log_group.gone.arn}',
    ]);
  });

  test('covers the writers of every layer', () => {
    expect(LOG_WRITING_TYPES).toEqual(
      expect.arrayContaining([
        'aws_lambda_function',
        'aws_api_gateway_stage',
        'aws_apigatewayv2_stage',
        'aws_glue_job',
        'aws_wafv2_web_acl_logging_configuration',
        'aws_redshiftserverless_namespace',
        'aws_codebuild_project',
        'aws_flow_log',
      ]),
    );
  });
});
