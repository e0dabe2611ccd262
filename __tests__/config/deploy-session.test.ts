import { validateConfig } from '../../config/load';
import { deploySessionSeconds, shiftMinutes } from '../../config/deploy-session';
import { platformWith, problemsOf } from '../support/config';

describe('deploy role session length', () => {
  test('a shift lasts at most one interval (canary) or one interval per percentage step (linear)', () => {
    expect(shiftMinutes('all-at-once', { percentage: 10, intervalMinutes: 10 })).toBe(0);
    expect(shiftMinutes('canary', { percentage: 10, intervalMinutes: 30 })).toBe(30);
    expect(shiftMinutes('linear', { percentage: 10, intervalMinutes: 10 })).toBe(100);
    expect(shiftMinutes('linear', { percentage: 30, intervalMinutes: 10 })).toBe(40);
  });

  test('the session covers the shift plus an hour for the rest of the apply, in whole hours', () => {
    const config = validateConfig(
      platformWith((c) => {
        c.environments.staging.app.deployment = { strategy: 'linear', percentage: 10, intervalMinutes: 10 };
      }),
    );
    // dev: all at once, 60 min; staging: 100 + 60 min; prod: canary of 10 min + 60.
    expect(deploySessionSeconds(config.environments.dev)).toBe(3600);
    expect(deploySessionSeconds(config.environments.staging)).toBe(3 * 3600);
    expect(deploySessionSeconds(config.environments.prod)).toBe(2 * 3600);
  });

  test('fails when a shift schedule outlasts the longest session IAM allows (12 h)', () => {
    const problems = problemsOf(
      platformWith((c) => {
        c.environments.prod.app.deployment = { strategy: 'linear', percentage: 1, intervalMinutes: 10 };
      }),
    );
    expect(problems).toEqual([
      "environments.prod.app.deployment.intervalMinutes: makes a traffic shift of up to 1000 minutes, which with 60 minutes for the rest of the apply outlasts the deploy role's longest session (12 h): shorten intervalMinutes or raise percentage, got 10",
    ]);
  });
});
