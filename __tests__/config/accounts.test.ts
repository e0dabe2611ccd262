import { validateConfig } from '../../config/load';
import { platformWith, problemsOf } from '../support/config';

describe('environments and accounts', () => {
  test('every environment may pin the same account', () => {
    const config = validateConfig(
      platformWith((c) => {
        for (const env of Object.values(c.environments) as { account?: string }[]) env.account = '111111111111';
      }),
    );
    expect(Object.values(config.environments).map((e) => e.account)).toEqual([
      '111111111111',
      '111111111111',
      '111111111111',
    ]);
  });

  test('fails when environments name different accounts (one bootstrap, one account)', () => {
    const problems = problemsOf(
      platformWith((c) => {
        c.environments.dev.account = '111111111111';
        c.environments.prod.account = '222222222222';
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^environments\.prod\.account: must be the same account as environments\.dev\.account \(111111111111\): one account per environment is not supported, because the bootstrap stack creates every deploy role.*, got "222222222222"$/,
      ),
    ]);
  });

  test('fails when environments of one account and region together reserve more than the pool leaves', () => {
    const problems = problemsOf(
      platformWith((c) => {
        for (const name of ['dev', 'prod']) {
          const fns = c.environments[name].app.functions;
          const first = Object.keys(fns)[0];
          fns[first].reservedConcurrency = 500;
        }
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^environments\.dev\.app\.concurrencyQuota: environments sharing the account in [a-z0-9-]+ reserve 1000 concurrent executions together \(dev 500, prod 500\), more than the account's quota \(1000, the highest concurrencyQuota they declare\) minus the 100 Lambda keeps unreserved; .*[^}]$/,
      ),
    ]);
  });

  test('environments in different regions draw from different pools', () => {
    expect(() =>
      validateConfig(
        platformWith((c) => {
          for (const name of ['dev', 'prod']) {
            const fns = c.environments[name].app.functions;
            fns[Object.keys(fns)[0]].reservedConcurrency = 500;
          }
          c.environments.prod.region = 'eu-central-1';
          // The pipeline deploys the platform region only (its notifications reach that region's topics).
          c.pipeline = { enabled: false };
        }),
      ),
    ).not.toThrow();
  });
});
