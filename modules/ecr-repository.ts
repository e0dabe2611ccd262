/**
 * An ECR repository for a function's container images: scanned on push, immutable tags (a tag names one build
 * forever, so a deployed function can always be traced and rolled back to its exact image), encrypted, a lifecycle
 * rule keeping the last N images, and a repository policy letting Lambda pull for the environment's functions
 * only. Lambda would otherwise write that policy itself on first use, behind Terraform's back.
 */
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository as EcrRepositoryResource } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy';

export interface EcrRepositoryProps {
  /** Physical name, from the naming helper (`ecrRepository` kind). */
  readonly repositoryName: string;
  /** ARN pattern of the functions that may pull, for example `arn:aws:lambda:us-east-1:111111111111:function:svc-dev-*`. */
  readonly lambdaFunctionArnPattern: string;
  /** Images kept; older ones expire. @default 10 */
  readonly keepImages?: number;
  /** Customer-managed KMS key. @default AES256 (ECR-managed keys) */
  readonly kmsKeyArn?: string;
  /** prevent_destroy, and no deletion while images remain (production). @default false */
  readonly protect?: boolean;
}

export const LAMBDA_PULL_ACTIONS = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] as const;

export class EcrRepository extends Construct {
  readonly repository: EcrRepositoryResource;

  constructor(scope: Construct, id: string, props: EcrRepositoryProps) {
    super(scope, id);
    const keepImages = props.keepImages ?? 10;
    if (!Number.isInteger(keepImages) || keepImages < 1) {
      throw new Error(
        `repository ${props.repositoryName}: keepImages must be a whole number of at least 1, got ${keepImages}`,
      );
    }
    const protect = props.protect ?? false;
    this.repository = new EcrRepositoryResource(this, 'repository', {
      name: props.repositoryName,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [
        props.kmsKeyArn ? { encryptionType: 'KMS', kmsKey: props.kmsKeyArn } : { encryptionType: 'AES256' },
      ],
      forceDelete: !protect,
      lifecycle: protect ? { preventDestroy: true } : undefined,
    });
    new EcrLifecyclePolicy(this, 'lifecycle', {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `keep the last ${keepImages} images`,
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: keepImages },
            action: { type: 'expire' },
          },
        ],
      }),
    });
    new EcrRepositoryPolicy(this, 'policy', {
      repository: this.repository.name,
      policy: policyDocument([
        {
          sid: 'LambdaPull',
          principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }],
          actions: LAMBDA_PULL_ACTIONS,
          conditions: [{ test: 'StringLike', variable: 'aws:sourceArn', values: [props.lambdaFunctionArnPattern] }],
        },
      ]),
    });
  }

  get repositoryUrl(): string {
    return this.repository.repositoryUrl;
  }

  get arn(): string {
    return this.repository.arn;
  }

  /** The URI of one image of this repository. */
  imageUri(tag: string): string {
    return `${this.repository.repositoryUrl}:${tag}`;
  }
}
