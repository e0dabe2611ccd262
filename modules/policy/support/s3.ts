/** Look-ups shared by the S3 rules. */
import { Finding, StackView, SynthResource } from '../engine';

export function eachBucket(stack: StackView, check: (bucket: SynthResource) => string | undefined): Finding[] {
  return stack.resources('aws_s3_bucket').flatMap((bucket) => {
    const message = check(bucket);
    return message === undefined ? [] : [{ resource: bucket, message }];
  });
}
