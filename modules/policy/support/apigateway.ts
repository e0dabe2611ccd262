/** Stage settings shared by the API Gateway rules. */
import { blocks, SynthResource } from '../engine';

export function hasAccessLogs(stage: SynthResource): boolean {
  return blocks(stage.config.access_log_settings).some(
    (s) => typeof s.destination_arn === 'string' && typeof s.format === 'string',
  );
}

export const isNumber = (v: unknown) => typeof v === 'number' && v > 0;
