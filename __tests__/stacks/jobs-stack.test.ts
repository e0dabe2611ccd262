import { Testing } from 'cdktf';
import { validateConfig } from '../../config/load';
import { JobsStack } from '../../stacks/jobs-stack';
import { synthPreset } from '../support/app';
import { computeInput, resources, resourceWhere } from '../support/compute';

describe('JobsStack for Concert (seed 002, stack 4)', () => {
  const synth = synthPreset({ preset: 'concert', environments: ['prod'] });
  const json = synth.json('concert-prod-jobs');

  test('the chatbot tables with the table defaults, protected in production', () => {
    const tables = Object.values(resources(json, 'aws_dynamodb_table'));
    expect(tables.map((t) => t.name).sort()).toEqual(['concert-prod-session-state', 'concert-prod-user-preferences']);
    expect(resourceWhere(json, 'aws_dynamodb_table', 'name', 'concert-prod-session-state')).toMatchObject({
      hash_key: 'sessionId',
      billing_mode: 'PAY_PER_REQUEST',
      ttl: { enabled: true, attribute_name: 'expiresAt' },
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('maintenance daily and analytics hourly, each targeting its alias with retries and a dead-letter queue', () => {
    const rules = Object.values(resources(json, 'aws_cloudwatch_event_rule'));
    expect(rules.map((r) => [r.name, r.schedule_expression]).sort()).toEqual([
      ['concert-prod-conversation-analytics', 'rate(1 hour)'],
      ['concert-prod-session-maintenance', 'rate(1 day)'],
    ]);
    for (const target of Object.values(resources(json, 'aws_cloudwatch_event_target'))) {
      expect(target).toMatchObject({
        arn: expect.stringMatching(/^\$\{aws_lambda_alias\./),
        retry_policy: { maximum_retry_attempts: 2, maximum_event_age_in_seconds: 3600 },
        dead_letter_config: { arn: expect.stringMatching(/^\$\{aws_sqs_queue\./) },
      });
    }
    for (const permission of Object.values(resources(json, 'aws_lambda_permission'))) {
      expect(permission).toMatchObject({
        principal: 'events.amazonaws.com',
        source_arn: expect.stringMatching(/^\$\{aws_cloudwatch_event_rule\..+\.arn\}$/),
      });
    }
    for (const config of Object.values(resources(json, 'aws_lambda_function_event_invoke_config'))) {
      expect(config).toMatchObject({ maximum_retry_attempts: 2, qualifier: expect.stringMatching(/aws_lambda_alias/) });
    }
  });

  test('session maintenance gets the session table and Scan + BatchWriteItem on it only', () => {
    const fn = resourceWhere(json, 'aws_lambda_function', 'function_name', 'concert-prod-session-maintenance');
    expect(fn.environment.variables).toMatchObject({
      SESSION_TABLE_NAME: 'concert-prod-session-state',
      SESSION_TTL_ATTRIBUTE: 'expiresAt',
      SERVICE: 'concert',
      ENVIRONMENT: 'prod',
    });
    const role = Object.entries(resources(json, 'aws_iam_role')).find(
      ([, r]) => r.name === 'concert-prod-session-maintenance-fn',
    )?.[0];
    const policy = Object.values(resources(json, 'aws_iam_role_policy')).find((p) => p.role.includes(`.${role}.`));
    const grant = JSON.parse(policy.policy).Statement.find((s: { Sid: string }) => s.Sid === 'TableSessionState');
    expect(grant.Action).toEqual(['dynamodb:Scan', 'dynamodb:BatchWriteItem']);
    expect(grant.Resource[0]).toMatch(/^\$\{aws_dynamodb_table\.table-session-state_table_[0-9A-F]+\.arn\}$/);
  });

  test("conversation analytics reads the app layer's conversation history table (Scan only)", () => {
    const fn = resourceWhere(json, 'aws_lambda_function', 'function_name', 'concert-prod-conversation-analytics');
    expect(fn.environment.variables.CONVERSATION_TABLE_NAME).toBe('concert-prod-conversation-history');
    const role = Object.entries(resources(json, 'aws_iam_role')).find(
      ([, r]) => r.name === 'concert-prod-conversation-analytics-fn',
    )?.[0];
    const policy = Object.values(resources(json, 'aws_iam_role_policy')).find((p) => p.role.includes(`.${role}.`));
    const grant = JSON.parse(policy.policy).Statement.find(
      (s: { Sid: string }) => s.Sid === 'TableConversationHistory',
    );
    expect(grant.Action).toBe('dynamodb:Scan');
    // By name (tableByName), so that the jobs stack does not sit behind the app stack.
    expect(grant.Resource[0]).toMatch(/:dynamodb:us-east-1:.*:table\/concert-prod-conversation-history$/);
    expect(synth.dependencies['concert-prod-jobs']).not.toContain('concert-prod-app');
  });

  test('pins the addresses of its stateful resources (renaming destroys them)', () => {
    expect(Object.keys(resources(json, 'aws_dynamodb_table')).sort()).toEqual([
      'table-session-state_table_671B5EF3',
      'table-user-preferences_table_56FE189A',
    ]);
  });
});

describe('JobsStack fails when', () => {
  test('a job reads app parameters but no app layer is given', () => {
    const config = validateConfig(
      computeInput({
        app: { parameters: { KEY: { value: 'v' } } },
        jobs: {
          enabled: true,
          functions: {
            nightly: { code: { type: 'bundled', handler: 'health' }, schedule: 'rate(1 day)', parameters: ['KEY'] },
          },
        },
      }),
    );
    expect(
      () => new JobsStack(Testing.app(), { config, environment: { ...config.environments.dev, name: 'dev' } }),
    ).toThrow('environments.dev.jobs.functions.nightly: reads parameters or secrets, but the app layer is not given');
  });
});
