/**
 * Configuration of the per-environment `monitoring` layer: the dashboards (a main one, one per area of the watched
 * resources, and any named groups of areas) and the monthly cost budget.
 */
import { z } from 'zod';
import { intRange } from '../rules';
import { isProduction, type ProductionMarker } from '../../core/environment';

const AREA_RULE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const area = z.string().regex(AREA_RULE, 'must be lower-case words of a-z and 0-9 joined by single -');

export const monitoringLayerSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Extra dashboards that combine areas, by name component (Frigg's `phase3` of `codegen` and `cdn`). */
    dashboardGroups: z
      .record(area, z.object({ title: z.string().min(1).max(100), areas: z.array(area).min(1) }).strict())
      .default({}),
    budget: z
      .object({
        enabled: z.boolean().default(true),
        /** Monthly cost limit in USD. @default 1000 in production, 200 elsewhere */
        monthlyLimitUsd: intRange(1, 10_000_000).optional(),
        /** Forecast percentage that warns. */
        forecastThresholdPercent: intRange(1, 1000).default(80),
        /** Actual-spend percentage that warns. */
        actualThresholdPercent: intRange(1, 1000).default(100),
      })
      .strict()
      .default({}),
  })
  .strict();
export type MonitoringLayerConfig = z.infer<typeof monitoringLayerSchema>;

export function budgetLimitUsd(config: MonitoringLayerConfig, environment: ProductionMarker): number {
  return config.budget.monthlyLimitUsd ?? (isProduction(environment) ? 1000 : 200);
}
