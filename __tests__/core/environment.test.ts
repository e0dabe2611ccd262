import { isProduction } from '../../core/environment';
import { loadConfig } from '../../config/load';
import { PRESETS } from '../../config/presets';

describe('isProduction', () => {
  test('is the protectStatefulResources marker, not the name', () => {
    expect(isProduction({ protectStatefulResources: true })).toBe(true);
    expect(isProduction({ protectStatefulResources: false })).toBe(false);
  });

  test('every preset environment named prod is production', () => {
    for (const preset of Object.keys(PRESETS)) {
      const environments = loadConfig({ preset }).environments;
      for (const [name, env] of Object.entries(environments)) {
        if (name === 'prod' || name === 'production')
          expect([preset, name, isProduction(env)]).toEqual([preset, name, true]);
      }
    }
  });
});
