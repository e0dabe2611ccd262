/**
 * How long a deploy role's session must last. An apply of an environment waits for its traffic shifts (the alias
 * moves through CodeDeploy inside the apply), and a first full apply of prod takes a while on its own; credentials
 * that expire mid-apply leave resources half-created and the state locked. So the session is sized from what the
 * configuration can need, and a shift schedule longer than the longest session STS allows is refused at synth.
 */
import { z } from 'zod';
import { isProduction } from '../core/environment';
import { appDefaults, type DeploymentConfig, type DeploymentStrategy } from './layers/app';

/** What an apply needs besides the shift itself: planning, creating everything else, a first prod apply. */
export const APPLY_MARGIN_MINUTES = 60;
/** IAM's longest maximum session duration of a role. */
export const MAX_ROLE_SESSION_SECONDS = 12 * 3600;
/** IAM's shortest (and default) maximum session duration. */
export const MIN_ROLE_SESSION_SECONDS = 3600;

/**
 * An upper bound of one traffic shift: a canary waits one interval before the rest; a linear shift adds `percentage`
 * every interval until it reaches 100 %.
 */
export function shiftMinutes(
  strategy: DeploymentStrategy,
  deployment: Pick<DeploymentConfig, 'percentage' | 'intervalMinutes'>,
): number {
  switch (strategy) {
    case 'all-at-once':
      return 0;
    case 'canary':
      return deployment.intervalMinutes;
    case 'linear':
      return Math.ceil(100 / deployment.percentage) * deployment.intervalMinutes;
  }
}

interface SessionEnvironment {
  readonly protectStatefulResources: boolean;
  readonly app: { readonly enabled: boolean } & Parameters<typeof appDefaults>[0];
}

/** Minutes an apply of the environment can take: its traffic shift plus the margin. */
export function applyMinutes(env: SessionEnvironment): number {
  const shift = env.app.enabled
    ? shiftMinutes(appDefaults(env.app, isProduction(env)).deploymentStrategy, env.app.deployment)
    : 0;
  return shift + APPLY_MARGIN_MINUTES;
}

/** The deploy role's maximum session: the apply's minutes rounded up to whole hours, within IAM's 1 to 12 hours. */
export function deploySessionSeconds(env: SessionEnvironment): number {
  const seconds = Math.ceil(applyMinutes(env) / 60) * 3600;
  return Math.min(MAX_ROLE_SESSION_SECONDS, Math.max(MIN_ROLE_SESSION_SECONDS, seconds));
}

/** Refuses a shift schedule that no deploy role session can outlast. */
export function checkDeploySessions(
  config: { readonly environments: Readonly<Record<string, SessionEnvironment>> },
  ctx: z.RefinementCtx,
): void {
  for (const [name, env] of Object.entries(config.environments)) {
    const minutes = applyMinutes(env);
    if (minutes * 60 <= MAX_ROLE_SESSION_SECONDS) continue;
    ctx.addIssue({
      code: 'custom',
      path: ['environments', name, 'app', 'deployment', 'intervalMinutes'],
      message:
        `makes a traffic shift of up to ${minutes - APPLY_MARGIN_MINUTES} minutes, which with ${APPLY_MARGIN_MINUTES} ` +
        `minutes for the rest of the apply outlasts the deploy role's longest session (${MAX_ROLE_SESSION_SECONDS / 3600} h): ` +
        'shorten intervalMinutes or raise percentage',
    });
  }
}
