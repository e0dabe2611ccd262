/** Configuration of the per-environment `app` layer: the API functions and their sizing. */
import { z } from 'zod';
import { customDomain, intRange } from '../rules';

export const appLayerSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Memory of the API functions, in MB. Lambda's limits are 128 to 10240. */
    memoryMb: intRange(128, 10240).default(256),
    /** Timeout of the API functions, in seconds (API Gateway itself gives up after 29 s on REST APIs). */
    timeoutSeconds: intRange(1, 900).default(15),
    /** Custom domain of the API. */
    domain: customDomain.optional(),
  })
  .strict();

export type AppLayerConfig = z.infer<typeof appLayerSchema>;
