/**
 * The rule pack: every rule the policy check holds each stack to, one rule per file under `rules/<service>/`, the
 * way cdk-nag organizes its packs.
 *
 * Adding a rule for a new resource type:
 * 1. create `rules/<service>/<RuleName>.ts` exporting `const <RuleName>: PolicyRule` with its `id` (kebab-case, used
 *    in suppressions), `service` (the folder name), `level` (`error` stops synth, `warning` is reported), a
 *    one-sentence `description`, the `explanation` of why it matters and the public rules it corresponds to
 *    (`references`: FSBP control, cdk-nag rule, checkov id, where one exists);
 * 2. import it here and add it to RULES (the pack test fails for a rule file that is not listed, and for a listed rule
 *    without `__tests__/modules/policy/rules/<service>/<RuleName>.test.ts`, which needs a compliant and a
 *    non-compliant case);
 * 3. run `npm run docs:rules` to regenerate the README's rule table (a test fails while it is out of date).
 * Look-ups shared by several rules live in `../support/`.
 */
import type { PolicyRule } from '../engine';
import { ProdNoForceDestroy } from './s3/ProdNoForceDestroy';
import { S3Encryption } from './s3/S3Encryption';
import { S3NoPublicPolicy } from './s3/S3NoPublicPolicy';
import { S3PublicAccessBlock } from './s3/S3PublicAccessBlock';
import { S3TlsOnly } from './s3/S3TlsOnly';
import { S3Versioning } from './s3/S3Versioning';
import { GlueCatalogEncryption } from './glue/GlueCatalogEncryption';
import { IamLiteralPolicy } from './iam/IamLiteralPolicy';
import { IamNoBroadManagedPolicy } from './iam/IamNoBroadManagedPolicy';
import { IamNoWildcardActions } from './iam/IamNoWildcardActions';
import { IamScopedResources } from './iam/IamScopedResources';
import { IamScopedTrust } from './iam/IamScopedTrust';
import { LambdaLogGroup } from './lambda/LambdaLogGroup';
import { LambdaNoFunctionUrl } from './lambda/LambdaNoFunctionUrl';
import { LambdaNoPublicInvoke } from './lambda/LambdaNoPublicInvoke';
import { LambdaPermissionSourceArn } from './lambda/LambdaPermissionSourceArn';
import { LambdaTracing } from './lambda/LambdaTracing';
import { LogsRetention } from './logs/LogsRetention';
import { KmsRotation } from './kms/KmsRotation';
import { EcrImmutableTags } from './ecr/EcrImmutableTags';
import { EcrLifecyclePolicyRequired } from './ecr/EcrLifecyclePolicyRequired';
import { EcrScanOnPush } from './ecr/EcrScanOnPush';
import { ApigatewayAccessLogs } from './apigateway/ApigatewayAccessLogs';
import { ApigatewayDomainTls } from './apigateway/ApigatewayDomainTls';
import { ApigatewayRestExecutionLogging } from './apigateway/ApigatewayRestExecutionLogging';
import { ApigatewayRestTracing } from './apigateway/ApigatewayRestTracing';
import { ApigatewayRouteAuthorization } from './apigateway/ApigatewayRouteAuthorization';
import { ApigatewayThrottling } from './apigateway/ApigatewayThrottling';
import { DynamodbEncryption } from './dynamodb/DynamodbEncryption';
import { DynamodbPitr } from './dynamodb/DynamodbPitr';
import { DynamodbProdDeletionProtection } from './dynamodb/DynamodbProdDeletionProtection';
import { SsmSecurestringOutOfBand } from './ssm/SsmSecurestringOutOfBand';
import { SecretsNoLiteralValue } from './secretsmanager/SecretsNoLiteralValue';
import { CodedeployRollbackOnAlarm } from './codedeploy/CodedeployRollbackOnAlarm';
import { EventsLambdaTargetDlq } from './events/EventsLambdaTargetDlq';
import { SgNoOpenIngress } from './vpc/SgNoOpenIngress';
import { SubnetNoPublicIp } from './vpc/SubnetNoPublicIp';
import { VpcDefaultSgClosed } from './vpc/VpcDefaultSgClosed';
import { VpcFlowLogs } from './vpc/VpcFlowLogs';
import { KinesisEncryption } from './kinesis/KinesisEncryption';
import { RedshiftAdminUsername } from './redshift/RedshiftAdminUsername';
import { RedshiftAuditLogging } from './redshift/RedshiftAuditLogging';
import { RedshiftManagedPassword } from './redshift/RedshiftManagedPassword';
import { RedshiftNotPublic } from './redshift/RedshiftNotPublic';
import { RedshiftRequireSsl } from './redshift/RedshiftRequireSsl';
import { SnsEncryption } from './sns/SnsEncryption';
import { SnsHttpsOnly } from './sns/SnsHttpsOnly';
import { SnsNoPublicPolicy } from './sns/SnsNoPublicPolicy';
import { SnsSubscriptionRedrive } from './sns/SnsSubscriptionRedrive';
import { SqsEncryption } from './sqs/SqsEncryption';
import { SqsTlsOnly } from './sqs/SqsTlsOnly';
import { PagerdutyEscalationPolicy } from './pagerduty/PagerdutyEscalationPolicy';
import { PagerdutyProdUrgency } from './pagerduty/PagerdutyProdUrgency';
import { BudgetsNotifications } from './budgets/BudgetsNotifications';
import { CloudfrontAccessLogging } from './cloudfront/CloudfrontAccessLogging';
import { CloudfrontGlobalRegion } from './cloudfront/CloudfrontGlobalRegion';
import { CloudfrontMinimumTls } from './cloudfront/CloudfrontMinimumTls';
import { CloudfrontNoLegacyOai } from './cloudfront/CloudfrontNoLegacyOai';
import { CloudfrontOriginAccessControl } from './cloudfront/CloudfrontOriginAccessControl';
import { CloudfrontViewerHttps } from './cloudfront/CloudfrontViewerHttps';
import { CloudfrontWafAttached } from './cloudfront/CloudfrontWafAttached';
import { CloudwatchAlarmActions } from './cloudwatch/CloudwatchAlarmActions';
import { CodebuildEncryption } from './codebuild/CodebuildEncryption';
import { CodebuildLogGroup } from './codebuild/CodebuildLogGroup';
import { CodebuildNoPlaintextCredentials } from './codebuild/CodebuildNoPlaintextCredentials';
import { CodebuildPrivilegedMode } from './codebuild/CodebuildPrivilegedMode';
import { CodepipelineArtifactEncryption } from './codepipeline/CodepipelineArtifactEncryption';
import { CodepipelineConnectionSource } from './codepipeline/CodepipelineConnectionSource';
import { ElasticacheNetworkPlacement } from './elasticache/ElasticacheNetworkPlacement';
import { ElasticacheTransitEncryption } from './elasticache/ElasticacheTransitEncryption';
import { GithubEnvironmentProtection } from './github/GithubEnvironmentProtection';
import { GithubNoPlaintextSecrets } from './github/GithubNoPlaintextSecrets';
import { GithubOidcProvider } from './github/GithubOidcProvider';
import { GithubRulesetProtection } from './github/GithubRulesetProtection';
import { LambdaSqsVisibilityTimeout } from './lambda/LambdaSqsVisibilityTimeout';
import { LogsSubscriptionPermission } from './logs/LogsSubscriptionPermission';
import { SqsDeadLetterQueue } from './sqs/SqsDeadLetterQueue';
import { XrayGroupInsights } from './xray/XrayGroupInsights';

/** The baseline every stack is held to. */
export const RULES: readonly PolicyRule[] = [
  ProdNoForceDestroy,
  S3Encryption,
  S3NoPublicPolicy,
  S3PublicAccessBlock,
  S3TlsOnly,
  S3Versioning,
  GlueCatalogEncryption,
  IamLiteralPolicy,
  IamNoBroadManagedPolicy,
  IamNoWildcardActions,
  IamScopedResources,
  IamScopedTrust,
  LambdaLogGroup,
  LambdaNoFunctionUrl,
  LambdaNoPublicInvoke,
  LambdaPermissionSourceArn,
  LambdaTracing,
  LogsRetention,
  KmsRotation,
  EcrImmutableTags,
  EcrLifecyclePolicyRequired,
  EcrScanOnPush,
  ApigatewayAccessLogs,
  ApigatewayDomainTls,
  ApigatewayRestExecutionLogging,
  ApigatewayRestTracing,
  ApigatewayRouteAuthorization,
  ApigatewayThrottling,
  DynamodbEncryption,
  DynamodbPitr,
  DynamodbProdDeletionProtection,
  SsmSecurestringOutOfBand,
  SecretsNoLiteralValue,
  CodedeployRollbackOnAlarm,
  EventsLambdaTargetDlq,
  SgNoOpenIngress,
  SubnetNoPublicIp,
  VpcDefaultSgClosed,
  VpcFlowLogs,
  KinesisEncryption,
  RedshiftAdminUsername,
  RedshiftAuditLogging,
  RedshiftManagedPassword,
  RedshiftNotPublic,
  RedshiftRequireSsl,
  SnsEncryption,
  SnsHttpsOnly,
  SnsNoPublicPolicy,
  SnsSubscriptionRedrive,
  SqsEncryption,
  SqsTlsOnly,
  PagerdutyEscalationPolicy,
  PagerdutyProdUrgency,
  BudgetsNotifications,
  CloudfrontAccessLogging,
  CloudfrontGlobalRegion,
  CloudfrontMinimumTls,
  CloudfrontNoLegacyOai,
  CloudfrontOriginAccessControl,
  CloudfrontViewerHttps,
  CloudfrontWafAttached,
  CloudwatchAlarmActions,
  CodebuildEncryption,
  CodebuildLogGroup,
  CodebuildNoPlaintextCredentials,
  CodebuildPrivilegedMode,
  CodepipelineArtifactEncryption,
  CodepipelineConnectionSource,
  ElasticacheNetworkPlacement,
  ElasticacheTransitEncryption,
  GithubEnvironmentProtection,
  GithubNoPlaintextSecrets,
  GithubOidcProvider,
  GithubRulesetProtection,
  LambdaSqsVisibilityTimeout,
  LogsSubscriptionPermission,
  SqsDeadLetterQueue,
  XrayGroupInsights,
];

/** The rules of some services, for tests and for layers that check a subset. */
export function rulesFor(...services: string[]): PolicyRule[] {
  return RULES.filter((r) => services.includes(r.service));
}
