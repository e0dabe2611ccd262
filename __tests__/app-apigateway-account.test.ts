/**
 * The API Gateway CloudWatch account setting is one per account and region: over the whole app, exactly one
 * aws_api_gateway_account per region that has a REST API, in the bootstrap stack (or, without it, in the first
 * environment's app stack of the region), and no REST API stack manages its own.
 */
import { loadConfig, validateConfig } from '../config/load';
import { PRESETS } from '../config/presets';
import { synthesizeConfig } from './support/app';

function accountsByStack(synth: ReturnType<typeof synthesizeConfig>): Record<string, number> {
  return Object.fromEntries(
    Object.keys(synth.dependencies)
      .map((stack) => [stack, Object.keys(synth.json(stack).resource?.aws_api_gateway_account ?? {}).length] as const)
      .filter(([, n]) => n > 0),
  );
}

describe('API Gateway account setting', () => {
  const config = loadConfig({ preset: 'platform' });
  const restEnvironments = Object.entries(config.environments).filter(
    ([, e]) => e.app.enabled && e.app.api !== undefined && e.app.api.type !== 'http',
  );

  test('the platform preset has REST APIs in several environments of one region (what makes this matter)', () => {
    expect(restEnvironments.length).toBeGreaterThan(1);
    expect(new Set(restEnvironments.map(([, e]) => e.region ?? config.region)).size).toBe(1);
  });

  test('exactly once over the app, in the bootstrap stack, with one role', () => {
    const synth = synthesizeConfig(config);
    expect(accountsByStack(synth)).toEqual({ 'platform-bootstrap': 1 });
    const bootstrap = synth.json('platform-bootstrap');
    const account = Object.values(bootstrap.resource.aws_api_gateway_account)[0] as { cloudwatch_role_arn: string };
    expect(account.cloudwatch_role_arn).toMatch(/^\$\{aws_iam_role\.apigateway-logging_role_[0-9A-F]+\.arn\}$/);
    // Every REST app stack is deployed after the stack that sets its logging role.
    for (const [name] of restEnvironments) {
      expect(synth.dependencies[`platform-${name}-app`]).toContain('platform-bootstrap');
    }
  });

  test('once per region when environments are in different regions, each through its region provider', () => {
    const synth = synthesizeConfig(
      validateConfig({
        ...PRESETS.platform,
        // The pipeline deploys the platform region only (its notifications reach that region's topics).
        pipeline: { enabled: false },
        environments: {
          ...PRESETS.platform.environments,
          prod: { ...PRESETS.platform.environments.prod, region: 'eu-central-1' },
        },
      }),
    );
    expect(accountsByStack(synth)).toEqual({ 'platform-bootstrap': 2 });
    const accounts = Object.values(synth.json('platform-bootstrap').resource.aws_api_gateway_account) as {
      provider?: string;
    }[];
    expect(accounts.map((a) => a.provider)).toEqual(['aws', 'aws.eu_central_1']);
  });

  test('without a bootstrap stack, the first environment of the region owns it', () => {
    const synth = synthesizeConfig(
      validateConfig({
        ...PRESETS.platform,
        // github and pipeline need the bootstrap stack's roles.
        bootstrap: { ...PRESETS.platform.bootstrap, enabled: false },
        github: { ...PRESETS.platform.github, enabled: false },
        pipeline: { ...PRESETS.platform.pipeline, enabled: false },
      }),
    );
    expect(accountsByStack(synth)).toEqual({ [`platform-${restEnvironments[0][0]}-app`]: 1 });
  });

  test('the Glue Data Catalog encryption (also one per account and region) is set once, by the bootstrap stack', () => {
    const synth = synthesizeConfig(config);
    const owners = Object.keys(synth.dependencies).filter(
      (stack) => synth.json(stack).resource?.aws_glue_data_catalog_encryption_settings !== undefined,
    );
    expect(owners).toEqual(['platform-bootstrap']);
    expect(
      Object.values(synth.json('platform-bootstrap').resource.aws_glue_data_catalog_encryption_settings),
    ).toHaveLength(1);
  });
});
