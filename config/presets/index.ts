/** Every preset by the name PLATFORM_PRESET selects it with. */
import type { PlatformConfigInput } from '../schema';
import { concert } from './concert';
import { energyInsights } from './energy-insights';
import { frigg } from './frigg';
import { phoney } from './phoney';
import { platform } from './platform';
import { smartpack } from './smartpack';

export const PRESETS: Readonly<Record<string, PlatformConfigInput>> = {
  platform,
  frigg,
  phoney,
  concert,
  smartpack,
  'energy-insights': energyInsights,
};
