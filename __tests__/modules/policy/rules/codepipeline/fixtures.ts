/** A pipeline as the platform's delivery stack writes it, for the CodePipeline rule tests. */
import { StackView } from '../../../../../modules/policy';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function pipelineWith(change: (pipeline: Json) => void = () => undefined): StackView {
  const pipeline: Json = {
    name: 'svc-delivery',
    pipeline_type: 'V2',
    artifact_store: [{ location: 'bucket', type: 'S3', encryption_key: { id: '${aws_kms_key.key.arn}', type: 'KMS' } }],
    stage: [
      {
        name: 'Source',
        action: [
          {
            name: 'Source',
            provider: 'CodeStarSourceConnection',
            configuration: { ConnectionArn: '${aws_codestarconnections_connection.connection.arn}' },
          },
        ],
      },
    ],
  };
  change(pipeline);
  return new StackView('svc-pipeline', { resource: { aws_codepipeline: { pipeline } } });
}
