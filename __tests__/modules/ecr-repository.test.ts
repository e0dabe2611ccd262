import { EcrRepository, EcrRepositoryProps } from '../../modules/ecr-repository';
import { rulesFor } from '../../modules/policy/rules';
import { onlyResource, testStack, violatedRules } from '../support/stacks';

const FUNCTIONS = 'arn:aws:lambda:us-east-1:111111111111:function:svc-dev-*';

function build(props: Partial<EcrRepositoryProps> = {}) {
  const stack = testStack();
  const repository = new EcrRepository(stack, 'repo', {
    repositoryName: 'svc-dev-api',
    lambdaFunctionArnPattern: FUNCTIONS,
    ...props,
  });
  return { stack, repository };
}

describe('EcrRepository', () => {
  test('scans on push, has immutable tags and encryption, and can be destroyed outside prod', () => {
    const { stack } = build();
    expect(onlyResource(stack, 'aws_ecr_repository')).toMatchObject({
      name: 'svc-dev-api',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: 'AES256' }],
      force_delete: true,
    });
    expect(
      violatedRules(stack, [
        ...rulesFor('lambda', 'ecr', 'apigateway', 'dynamodb', 'ssm', 'secretsmanager', 'codedeploy', 'events'),
        ...rulesFor('iam'),
      ]),
    ).toEqual([]);
  });

  test('keeps the last N images', () => {
    const { stack } = build({ keepImages: 25 });
    expect(JSON.parse(onlyResource(stack, 'aws_ecr_lifecycle_policy').policy)).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: 'keep the last 25 images',
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 25 },
          action: { type: 'expire' },
        },
      ],
    });
  });

  test("lets Lambda pull for the environment's functions only", () => {
    const { stack } = build();
    expect(JSON.parse(onlyResource(stack, 'aws_ecr_repository_policy').policy).Statement).toEqual([
      {
        Sid: 'LambdaPull',
        Effect: 'Allow',
        Principal: { Service: 'lambda.amazonaws.com' },
        Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Condition: { StringLike: { 'aws:sourceArn': FUNCTIONS } },
      },
    ]);
  });

  test('production: KMS key, prevent_destroy, no deletion while images remain', () => {
    const { stack } = build({ protect: true, kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/k' });
    expect(onlyResource(stack, 'aws_ecr_repository')).toMatchObject({
      force_delete: false,
      lifecycle: { prevent_destroy: true },
      encryption_configuration: [{ encryption_type: 'KMS', kms_key: 'arn:aws:kms:us-east-1:111111111111:key/k' }],
    });
  });

  test('image URIs are <repository url>:<tag>', () => {
    const { repository } = build();
    expect(repository.imageUri('1.0.0')).toMatch(/:1\.0\.0$/);
  });

  test('fails when keepImages is not a positive whole number', () => {
    expect(() => build({ keepImages: 0 })).toThrow(
      'repository svc-dev-api: keepImages must be a whole number of at least 1, got 0',
    );
  });
});
