/**
 * Rules over the environments that share an AWS account: which accounts the platform supports, and the account-wide
 * Lambda concurrency pool the environments of one account and region draw from together.
 */
import { z } from 'zod';
import { UNRESERVED_CONCURRENCY_FLOOR } from './layers/functions';

interface AccountScopedEnvironment {
  readonly account?: string;
  readonly region?: string;
  readonly app: {
    readonly enabled: boolean;
    readonly concurrencyQuota: number;
    readonly functions: Readonly<Record<string, { readonly reservedConcurrency?: number }>>;
  };
  readonly jobs: {
    readonly enabled: boolean;
    readonly functions: Readonly<Record<string, { readonly reservedConcurrency?: number }>>;
  };
}

export interface AccountsInput {
  readonly region: string;
  readonly environments: Readonly<Record<string, AccountScopedEnvironment>>;
}

/**
 * One account for the whole platform. The bootstrap stack creates every environment's deploy role, the OIDC
 * provider and the state bucket in the account it is applied in, and the API Gateway account setting once per region
 * there; environments in other accounts would have no deploy role, no trust and no logging role. So `account` may
 * pin the one account (the providers then refuse any other), but environments may not name different ones: run one
 * platform (one bootstrap) per account instead.
 */
export function checkSingleAccount(config: AccountsInput, ctx: z.RefinementCtx): void {
  const named = Object.entries(config.environments).filter(([, e]) => e.account !== undefined);
  const accounts = [...new Set(named.map(([, e]) => e.account))];
  if (accounts.length <= 1) return;
  const first = named[0];
  for (const [name, env] of named) {
    if (env.account === first[1].account) continue;
    ctx.addIssue({
      code: 'custom',
      path: ['environments', name, 'account'],
      message:
        `must be the same account as environments.${first[0]}.account (${first[1].account}): one account per ` +
        'environment is not supported, because the bootstrap stack creates every deploy role, the GitHub OIDC ' +
        'provider and the state bucket in one account; run a separate platform configuration per account',
    });
  }
}

/**
 * Reserved concurrency comes out of one pool per account and region: environments sharing them (every environment
 * of the platform's one account in the same region) together must leave Lambda's floor unreserved.
 */
export function checkReservedConcurrencyPerAccount(config: AccountsInput, ctx: z.RefinementCtx): void {
  const byRegion = new Map<string, [string, AccountScopedEnvironment][]>();
  for (const entry of Object.entries(config.environments)) {
    const region = entry[1].region ?? config.region;
    byRegion.set(region, [...(byRegion.get(region) ?? []), entry]);
  }
  for (const [region, environments] of byRegion) {
    if (environments.length < 2) continue;
    const reservedOf = ([, env]: [string, AccountScopedEnvironment]) =>
      [
        ...(env.app.enabled ? Object.values(env.app.functions) : []),
        ...(env.jobs.enabled ? Object.values(env.jobs.functions) : []),
      ].reduce((sum, fn) => sum + (fn.reservedConcurrency ?? 0), 0);
    const reserved = environments.map((e) => [e[0], reservedOf(e)] as const).filter(([, n]) => n > 0);
    const total = reserved.reduce((sum, [, n]) => sum + n, 0);
    // The quota is one number per account and region; an environment declaring a raised one speaks for all.
    const quota = Math.max(...environments.map(([, e]) => e.app.concurrencyQuota));
    if (total <= quota - UNRESERVED_CONCURRENCY_FLOOR) continue;
    const largest = [...reserved].sort((a, b) => b[1] - a[1])[0][0];
    ctx.addIssue({
      code: 'custom',
      path: ['environments', largest, 'app', 'concurrencyQuota'],
      message:
        `environments sharing the account in ${region} reserve ${total} concurrent executions together ` +
        `(${reserved.map(([n, r]) => `${n} ${r}`).join(', ')}), more than the account's quota (${quota}, the highest ` +
        `concurrencyQuota they declare) minus the ${UNRESERVED_CONCURRENCY_FLOOR} Lambda keeps unreserved; lower ` +
        'reservedConcurrency or raise the quota (Service Quotas) and concurrencyQuota',
    });
  }
}
