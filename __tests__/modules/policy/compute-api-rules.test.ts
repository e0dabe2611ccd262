import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CodedeployDeploymentGroup } from '@cdktf/provider-aws/lib/codedeploy-deployment-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { TerraformVariable } from 'cdktf';
import { DynamoTable } from '../../../modules/dynamodb-table';
import { EcrRepository as PlatformRepository } from '../../../modules/ecr-repository';
import { ApigatewayAccessLogs } from '../../../modules/policy/rules/apigateway/ApigatewayAccessLogs';
import { ApigatewayDomainTls } from '../../../modules/policy/rules/apigateway/ApigatewayDomainTls';
import { ApigatewayRestTracing } from '../../../modules/policy/rules/apigateway/ApigatewayRestTracing';
import { ApigatewayThrottling } from '../../../modules/policy/rules/apigateway/ApigatewayThrottling';
import { CodedeployRollbackOnAlarm } from '../../../modules/policy/rules/codedeploy/CodedeployRollbackOnAlarm';
import { DynamodbEncryption } from '../../../modules/policy/rules/dynamodb/DynamodbEncryption';
import { DynamodbPitr } from '../../../modules/policy/rules/dynamodb/DynamodbPitr';
import { EcrImmutableTags } from '../../../modules/policy/rules/ecr/EcrImmutableTags';
import { EcrLifecyclePolicyRequired } from '../../../modules/policy/rules/ecr/EcrLifecyclePolicyRequired';
import { EcrScanOnPush } from '../../../modules/policy/rules/ecr/EcrScanOnPush';
import { EventsLambdaTargetDlq } from '../../../modules/policy/rules/events/EventsLambdaTargetDlq';
import { LambdaNoFunctionUrl } from '../../../modules/policy/rules/lambda/LambdaNoFunctionUrl';
import { LambdaNoPublicInvoke } from '../../../modules/policy/rules/lambda/LambdaNoPublicInvoke';
import { SecretsNoLiteralValue } from '../../../modules/policy/rules/secretsmanager/SecretsNoLiteralValue';
import { SsmSecurestringOutOfBand } from '../../../modules/policy/rules/ssm/SsmSecurestringOutOfBand';
import { wildcardSource } from '../../../modules/policy/support/lambda';
import { testStack, violatedRules } from '../../support/stacks';

const LOGS = { destinationArn: 'arn:aws:logs:us-east-1:111111111111:log-group:api', format: '{}' };

describe('compute and API rules', () => {
  test('lambda-no-function-url: fails when a function URL exists', () => {
    const stack = testStack();
    expect(violatedRules(stack, [LambdaNoFunctionUrl])).toEqual([]);
    new LambdaFunctionUrl(stack, 'url', { functionName: 'f', authorizationType: 'AWS_IAM' });
    expect(violatedRules(stack, [LambdaNoFunctionUrl])).toEqual(['lambda-no-function-url']);
  });

  test('lambda-no-public-invoke: fails for "*", wildcard sources and unauthenticated URLs; references pass', () => {
    const stack = testStack();
    const alias = new LambdaAlias(stack, 'alias', { name: 'live', functionName: 'f', functionVersion: '1' });
    const permission = (id: string, principal: string, sourceArn?: string, urlAuth?: string) =>
      new LambdaPermission(stack, id, {
        action: 'lambda:InvokeFunction',
        functionName: 'f',
        principal,
        sourceArn,
        functionUrlAuthType: urlAuth,
      });
    permission('scoped', 'apigateway.amazonaws.com', `${alias.arn}/*`);
    permission('concrete', 'events.amazonaws.com', 'arn:aws:events:us-east-1:111111111111:rule/nightly');
    expect(violatedRules(stack, [LambdaNoPublicInvoke])).toEqual([]);
    permission('anyone', '*');
    permission('any-api', 'apigateway.amazonaws.com', 'arn:aws:execute-api:us-east-1:111111111111:*');
    permission('any-account', 'events.amazonaws.com', 'arn:aws:events:us-east-1:*:rule/nightly');
    permission('url', 'lambda.amazonaws.com', undefined, 'NONE');
    expect(violatedRules(stack, [LambdaNoPublicInvoke])).toEqual(Array(4).fill('lambda-no-public-invoke'));
    expect(wildcardSource('arn:aws:events:us-east-1:111111111111:rule/*')).toBe(true);
    expect(wildcardSource('arn:aws:execute-api:us-east-1:111111111111:abc123/*')).toBe(false);
  });

  test('ECR rules: a platform repository passes; fails when scanning, immutability or the lifecycle policy is missing', () => {
    const good = testStack();
    new PlatformRepository(good, 'repo', {
      repositoryName: 'svc-dev-api',
      lambdaFunctionArnPattern: 'arn:aws:lambda:us-east-1:111111111111:function:svc-dev-*',
    });
    const rules = [EcrScanOnPush, EcrImmutableTags, EcrLifecyclePolicyRequired];
    expect(violatedRules(good, rules)).toEqual([]);
    const bad = testStack();
    new EcrRepository(bad, 'repo', { name: 'loose' });
    expect(violatedRules(bad, rules)).toEqual(['ecr-scan-on-push', 'ecr-immutable-tags', 'ecr-lifecycle-policy']);
    const pruned = testStack();
    const repo = new EcrRepository(pruned, 'repo', {
      name: 'pruned',
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
    });
    new EcrLifecyclePolicy(pruned, 'lifecycle', { repository: repo.name, policy: '{"rules":[]}' });
    expect(violatedRules(pruned, rules)).toEqual([]);
  });

  test('apigateway-access-logs, -rest-tracing and -throttling: fails when stages lack them', () => {
    const rules = [ApigatewayAccessLogs, ApigatewayRestTracing, ApigatewayThrottling];
    const good = testStack();
    const rest = new ApiGatewayStage(good, 'rest', {
      restApiId: 'a',
      deploymentId: 'd',
      stageName: 'prod',
      xrayTracingEnabled: true,
      accessLogSettings: LOGS,
    });
    new ApiGatewayMethodSettings(good, 'settings', {
      restApiId: 'a',
      stageName: rest.stageName,
      methodPath: '*/*',
      settings: { throttlingRateLimit: 10, throttlingBurstLimit: 20 },
    });
    new Apigatewayv2Stage(good, 'http', {
      apiId: 'b',
      name: '$default',
      accessLogSettings: LOGS,
      defaultRouteSettings: { throttlingRateLimit: 10, throttlingBurstLimit: 20 },
    });
    expect(violatedRules(good, rules)).toEqual([]);

    const bad = testStack();
    new ApiGatewayStage(bad, 'rest', { restApiId: 'a', deploymentId: 'd', stageName: 'prod' });
    new Apigatewayv2Stage(bad, 'http', { apiId: 'b', name: '$default' });
    expect(violatedRules(bad, rules).sort()).toEqual(
      [
        'apigateway-access-logs',
        'apigateway-access-logs',
        'apigateway-rest-tracing',
        'apigateway-throttling',
        'apigateway-throttling',
      ].sort(),
    );
  });

  test('apigateway-domain-tls: fails when a domain allows TLS 1.0', () => {
    const stack = testStack();
    new ApiGatewayDomainName(stack, 'modern', { domainName: 'a.example.com', securityPolicy: 'TLS_1_2' });
    expect(violatedRules(stack, [ApigatewayDomainTls])).toEqual([]);
    new ApiGatewayDomainName(stack, 'legacy', { domainName: 'b.example.com', securityPolicy: 'TLS_1_0' });
    new ApiGatewayDomainName(stack, 'unset', { domainName: 'c.example.com' });
    expect(violatedRules(stack, [ApigatewayDomainTls])).toEqual(['apigateway-domain-tls', 'apigateway-domain-tls']);
  });

  test('dynamodb-pitr and dynamodb-encryption: a platform table passes; a bare one fails both', () => {
    const rules = [DynamodbPitr, DynamodbEncryption];
    const good = testStack();
    new DynamoTable(good, 't', { tableName: 't', partitionKey: { name: 'id', type: 'S' } });
    expect(violatedRules(good, rules)).toEqual([]);
    const bad = testStack();
    new DynamodbTable(bad, 't', { name: 't', hashKey: 'id', attribute: [{ name: 'id', type: 'S' }] });
    expect(violatedRules(bad, rules)).toEqual(['dynamodb-pitr', 'dynamodb-encryption']);
  });

  test('ssm-securestring-out-of-band: fails when Terraform owns a SecureString value', () => {
    const stack = testStack();
    new SsmParameter(stack, 'managed', {
      name: '/s/e/K',
      type: 'SecureString',
      value: 'x',
      lifecycle: { ignoreChanges: ['value'] },
    });
    new SsmParameter(stack, 'plain', { name: '/s/e/P', type: 'String', value: 'public' });
    expect(violatedRules(stack, [SsmSecurestringOutOfBand])).toEqual([]);
    new SsmParameter(stack, 'owned', { name: '/s/e/O', type: 'SecureString', value: 'hunter2' });
    expect(violatedRules(stack, [SsmSecurestringOutOfBand])).toEqual(['ssm-securestring-out-of-band']);
  });

  test('secrets-no-literal-value: fails when a secret version holds a literal; a sensitive variable passes', () => {
    const stack = testStack();
    const variable = new TerraformVariable(stack, 'webhook', { type: 'string', sensitive: true });
    new SecretsmanagerSecretVersion(stack, 'from-variable', { secretId: 's', secretString: variable.stringValue });
    expect(violatedRules(stack, [SecretsNoLiteralValue])).toEqual([]);
    new SecretsmanagerSecretVersion(stack, 'literal', { secretId: 's', secretString: 'hunter2' });
    expect(violatedRules(stack, [SecretsNoLiteralValue])).toEqual(['secrets-no-literal-value']);
  });

  test('codedeploy-rollback-on-alarm: fails without alarm rollback', () => {
    const group = (stack: ReturnType<typeof testStack>, id: string, events: string[], alarms: string[]) =>
      new CodedeployDeploymentGroup(stack, id, {
        appName: 'a',
        deploymentGroupName: id,
        serviceRoleArn: 'arn:aws:iam::111111111111:role/r',
        autoRollbackConfiguration: { enabled: true, events },
        alarmConfiguration: { enabled: true, alarms },
      });
    const good = testStack();
    group(good, 'good', ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'], ['errors']);
    expect(violatedRules(good, [CodedeployRollbackOnAlarm])).toEqual([]);
    const bad = testStack();
    group(bad, 'failure-only', ['DEPLOYMENT_FAILURE'], ['errors']);
    group(bad, 'no-alarms', ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'], []);
    expect(violatedRules(bad, [CodedeployRollbackOnAlarm])).toEqual([
      'codedeploy-rollback-on-alarm',
      'codedeploy-rollback-on-alarm',
    ]);
  });

  test('events-lambda-target-dlq: fails when a function target has no retry policy or dead-letter queue', () => {
    const stack = testStack();
    const alias = new LambdaAlias(stack, 'alias', { name: 'live', functionName: 'f', functionVersion: '1' });
    new CloudwatchEventTarget(stack, 'good', {
      rule: 'r',
      arn: alias.arn,
      retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
      deadLetterConfig: { arn: 'arn:aws:sqs:us-east-1:111111111111:dlq' },
    });
    new CloudwatchEventTarget(stack, 'queue', { rule: 'r', arn: 'arn:aws:sqs:us-east-1:111111111111:q' });
    expect(violatedRules(stack, [EventsLambdaTargetDlq])).toEqual([]);
    new CloudwatchEventTarget(stack, 'bare', { rule: 'r', arn: 'arn:aws:lambda:us-east-1:111111111111:function:f' });
    expect(violatedRules(stack, [EventsLambdaTargetDlq])).toEqual(['events-lambda-target-dlq']);
  });
});
