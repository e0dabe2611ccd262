import { validateConfig } from '../../config/load';
import { needsRegistry } from '../../stacks/registry-stack';
import { computeInput, resources, synthConfig } from '../support/compute';

const IMAGE = { type: 'image', tag: '1.0.0' } as const;
const ARTIFACT = { type: 'artifact', key: 'functions/api/1.0.0.zip' } as const;

describe('RegistryStack', () => {
  test('exists only when a function is built elsewhere (an image, or an artifact without the data layer)', () => {
    const env = (functions: object) => ({
      ...validateConfig(computeInput({ app: { functions } as never })).environments.dev,
      name: 'dev',
    });
    expect(needsRegistry(env({}))).toBe(false);
    expect(needsRegistry(env({ api: { code: { type: 'bundled', handler: 'health' } } }))).toBe(false);
    expect(needsRegistry(env({ api: { code: IMAGE } }))).toBe(true);
    expect(needsRegistry(env({ api: { code: ARTIFACT } }))).toBe(true);
    const synth = synthConfig(computeInput({}));
    expect(Object.keys(synth.dependencies)).toEqual(['svc-dev-app']);
  });

  test('one scanned, immutable, pruned repository per image function of the app and jobs layers', () => {
    const synth = synthConfig(
      computeInput({
        app: { keepImages: 20, functions: { api: { code: IMAGE } } },
        jobs: { enabled: true, functions: { nightly: { code: IMAGE, schedule: 'rate(1 day)' } } },
      }),
    );
    const json = synth.json('svc-dev-registry');
    const repositories = Object.values(resources(json, 'aws_ecr_repository'));
    expect(repositories.map((r) => r.name).sort()).toEqual(['svc-dev-api', 'svc-dev-nightly']);
    for (const r of repositories) {
      expect(r).toMatchObject({
        image_tag_mutability: 'IMMUTABLE',
        image_scanning_configuration: { scan_on_push: true },
      });
    }
    const lifecycle = Object.values(resources(json, 'aws_ecr_lifecycle_policy')).map((p) => JSON.parse(p.policy));
    expect(lifecycle.map((p) => p.rules[0].selection.countNumber)).toEqual([20, 20]);
    const pull = JSON.parse(Object.values(resources(json, 'aws_ecr_repository_policy'))[0].policy).Statement[0];
    expect(pull.Condition.StringLike['aws:sourceArn']).toMatch(
      /^arn:\$\{data\.aws_partition\..+\}:lambda:us-east-1:\$\{data\.aws_caller_identity\..+\}:function:svc-dev-\*$/,
    );
    expect(Object.keys(json.output)).toEqual(expect.arrayContaining(['repository-url-api', 'repository-url-nightly']));
    // The functions come from it, so it deploys first.
    expect(synth.dependencies['svc-dev-app']).toContain('svc-dev-registry');
    expect(synth.dependencies['svc-dev-jobs']).toContain('svc-dev-registry');
  });

  test('without the data layer, an artifacts bucket for zips, protected in production', () => {
    const synth = synthConfig(
      computeInput({ protectStatefulResources: true, app: { functions: { api: { code: ARTIFACT } } } }),
    );
    const json = synth.json('svc-dev-registry');
    const bucket = Object.values(resources(json, 'aws_s3_bucket'))[0];
    expect(bucket).toMatchObject({ bucket: 'svc-dev-artifacts', lifecycle: { prevent_destroy: true } });
    expect(resources(json, 'aws_ecr_repository')).toEqual({});
    expect(json.output['artifacts-bucket']).toBeDefined();
  });

  test('pins the addresses of its stateful resources (renaming destroys them)', () => {
    const synth = synthConfig(
      computeInput({ app: { functions: { api: { code: IMAGE }, worker: { code: ARTIFACT } } } }),
    );
    const json = synth.json('svc-dev-registry');
    expect(Object.keys(resources(json, 'aws_ecr_repository'))).toEqual(['repository-api_repository_B5075C67']);
    expect(Object.keys(resources(json, 'aws_s3_bucket'))).toEqual(['artifacts_bucket_A41425E9']);
  });
});
