/** NodeFunction's extensions: S3 artifacts, container images, layers, the published alias, added grants. */
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { LambdaAsset } from '../../modules/lambda-asset';
import { Naming } from '../../modules/naming';
import { NodeFunction, NodeFunctionProps } from '../../modules/node-function';
import { BASELINE_RULES } from '../../modules/policy';
import { onlyResource, resourcesOf, synthJson, testStack, violatedRules } from '../support/stacks';

const naming = new Naming('svc', 'dev');

/** What a token becomes in the synthesized stack. */
function resolved(stack: TerraformStack, value: string): string {
  const id = `probe${++probes}`;
  new TerraformOutput(stack, id, { value });
  return synthJson(stack).output[id].value;
}
let probes = 0;

function build(props: Partial<NodeFunctionProps>) {
  const stack = testStack();
  const fn = new NodeFunction(stack, 'fn', {
    naming,
    name: 'api',
    code: { kind: 's3', bucket: 'svc-dev-artifacts', key: 'functions/api/1.0.0.zip' },
    logRetentionDays: 7,
    ...props,
  });
  return { stack, fn };
}

describe('NodeFunction code sources', () => {
  test('an S3 artifact: bucket, key, version, runtime and handler; no bundle-only variables', () => {
    const { stack } = build({
      code: { kind: 's3', bucket: 'b', key: 'functions/api/1.0.0.zip', objectVersion: 'v1' },
      runtime: 'python3.12',
      handler: 'app.handler',
    });
    const lambda = onlyResource(stack, 'aws_lambda_function');
    expect(lambda).toMatchObject({
      s3_bucket: 'b',
      s3_key: 'functions/api/1.0.0.zip',
      s3_object_version: 'v1',
      runtime: 'python3.12',
      handler: 'app.handler',
    });
    expect(lambda.filename).toBeUndefined();
    expect(lambda.environment).toBeUndefined();
  });

  test('a container image: package type, URI and image config; no runtime or handler', () => {
    const { stack } = build({
      code: {
        kind: 'image',
        imageUri: '111111111111.dkr.ecr.us-east-1.amazonaws.com/svc-dev-api:1.0.0',
        command: ['app.handler'],
        workingDirectory: '/var/task',
      },
      environment: { LOG_LEVEL: 'info' },
    });
    const lambda = onlyResource(stack, 'aws_lambda_function');
    expect(lambda).toMatchObject({
      package_type: 'Image',
      image_uri: '111111111111.dkr.ecr.us-east-1.amazonaws.com/svc-dev-api:1.0.0',
      image_config: { command: ['app.handler'], working_directory: '/var/task' },
      environment: { variables: { LOG_LEVEL: 'info' } },
    });
    expect(lambda.runtime).toBeUndefined();
    expect(lambda.handler).toBeUndefined();
  });

  test('a bundled handler keeps its source-map variable', () => {
    const stack = testStack();
    new NodeFunction(stack, 'fn', {
      naming,
      name: 'health',
      code: new LambdaAsset(stack, 'code', { handler: 'health' }),
      logRetentionDays: 7,
    });
    expect(onlyResource(stack, 'aws_lambda_function').environment.variables.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  test('layers are attached in order', () => {
    const { stack } = build({
      layers: ['arn:aws:lambda:us-east-1:1:layer:a:1', 'arn:aws:lambda:us-east-1:1:layer:b:2'],
    });
    expect(onlyResource(stack, 'aws_lambda_function').layers).toEqual([
      'arn:aws:lambda:us-east-1:1:layer:a:1',
      'arn:aws:lambda:us-east-1:1:layer:b:2',
    ]);
  });

  describe('fails when', () => {
    test('a container image is given a runtime, a handler or layers', () => {
      const image = { kind: 'image' as const, imageUri: 'repo:1' };
      expect(() => build({ code: image, runtime: 'nodejs22.x' })).toThrow(
        'function svc-dev-api: a container image sets its own runtime and handler; omit both',
      );
      expect(() => build({ code: image, layers: ['arn:aws:lambda:us-east-1:1:layer:a:1'] })).toThrow(
        'function svc-dev-api: layers cannot be attached to a container image function',
      );
    });

    test('provisioned concurrency exceeds reserved concurrency', () => {
      expect(() => build({ reservedConcurrency: 2, alias: { provisionedConcurrency: 3 } })).toThrow(
        'function svc-dev-api: alias.provisionedConcurrency (3) must not exceed reservedConcurrency (2)',
      );
    });
  });
});

describe('NodeFunction alias', () => {
  test('without an alias nothing is published and callers invoke the function', () => {
    const { stack, fn } = build({});
    expect(onlyResource(stack, 'aws_lambda_function').publish).toBeUndefined();
    expect(resourcesOf(stack, 'aws_lambda_alias')).toEqual({});
    expect(resolved(stack, fn.targetArn)).toBe(`\${aws_lambda_function.${fn.function.friendlyUniqueId}.arn}`);
  });

  test('publishes every change and points live at the new version', () => {
    const { stack, fn } = build({ alias: {} });
    expect(onlyResource(stack, 'aws_lambda_function').publish).toBe(true);
    const alias = onlyResource(stack, 'aws_lambda_alias');
    expect(alias).toMatchObject({
      name: 'live',
      function_name: `\${aws_lambda_function.${fn.function.friendlyUniqueId}.function_name}`,
      function_version: `\${aws_lambda_function.${fn.function.friendlyUniqueId}.version}`,
    });
    expect(alias.lifecycle).toBeUndefined();
    expect(resolved(stack, fn.targetArn)).toBe(`\${aws_lambda_alias.${fn.alias?.friendlyUniqueId}.arn}`);
    expect(resolved(stack, fn.targetInvokeArn)).toBe(`\${aws_lambda_alias.${fn.alias?.friendlyUniqueId}.invoke_arn}`);
  });

  test('leaves version and routing to CodeDeploy when externally shifted', () => {
    const { stack } = build({ alias: { externallyShifted: true } });
    expect(onlyResource(stack, 'aws_lambda_alias').lifecycle).toEqual({
      ignore_changes: ['function_version', 'routing_config'],
    });
  });

  test('provisioned concurrency sits on the alias', () => {
    const { stack, fn } = build({ alias: { provisionedConcurrency: 5 } });
    expect(onlyResource(stack, 'aws_lambda_provisioned_concurrency_config')).toMatchObject({
      qualifier: `\${aws_lambda_alias.${fn.alias?.friendlyUniqueId}.name}`,
      provisioned_concurrent_executions: 5,
    });
  });

  test('asynchronous settings apply to the alias that callers invoke', () => {
    const { stack, fn } = build({ alias: {}, invocation: 'async', asyncRetryAttempts: 1 });
    expect(onlyResource(stack, 'aws_lambda_function_event_invoke_config')).toMatchObject({
      qualifier: `\${aws_lambda_alias.${fn.alias?.friendlyUniqueId}.name}`,
      maximum_retry_attempts: 1,
    });
  });
});

describe('NodeFunction grants', () => {
  test('statements added after construction join its one policy, which passes the baseline', () => {
    const { stack, fn } = build({});
    fn.addToRolePolicy({
      sid: 'Later',
      actions: ['lambda:InvokeFunction'],
      resources: ['arn:aws:lambda:us-east-1:1:function:x:live'],
    });
    const policy = JSON.parse(onlyResource(stack, 'aws_iam_role_policy').policy);
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['WriteOwnLogs', 'Tracing', 'Later']);
    expect(violatedRules(stack, BASELINE_RULES)).toEqual([]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(
      { tfResourceType: 'aws_lambda_function' },
      { function_name: 'svc-dev-api', tracing_config: { mode: 'Active' } },
    );
  });
});
