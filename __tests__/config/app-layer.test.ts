import { validateConfig } from '../../config/load';
import { appDefaults, parseRouteKey, ROUTE_KEY_RULE } from '../../config/layers/app';
import { tableActions, tableEnvironmentVariable } from '../../config/layers/functions';
import { computeInput, problemsOf } from '../support/compute';

type AppInput = Parameters<typeof computeInput>[0]['app'];

const IMAGE = { type: 'image', tag: '1.0.0' } as const;
const BUNDLED = { type: 'bundled', handler: 'health' } as const;

const withApp = (app: AppInput, env: Record<string, unknown> = {}) => computeInput({ app, ...env });

describe('app layer schema', () => {
  test('applies the documented defaults', () => {
    const app = validateConfig(withApp({ functions: { api: { code: BUNDLED } } })).environments.dev.app;
    expect(app).toMatchObject({
      enabled: true,
      memoryMb: 256,
      timeoutSeconds: 15,
      concurrencyQuota: 1000,
      keepImages: 10,
      deployment: { percentage: 10, intervalMinutes: 10 },
      alarms: { latencyStatistic: 'p99', periodSeconds: 60, evaluationPeriods: 3 },
    });
    // The environment's function threshold (environments.<env>.alarms.function) applies unless the layer sets one.
    expect(app.alarms.errorRatePercent).toBeUndefined();
    expect(app.functions.api).toMatchObject({
      environment: {},
      vpc: false,
      sharedLayer: false,
      parameters: [],
      secrets: [],
      tables: {},
      invokes: [],
    });
  });

  test('production defaults: canary, critical errors, 5 s latency (Phoney); elsewhere all at once, warning, 10 s', () => {
    const app = validateConfig(withApp({})).environments.dev.app;
    expect(appDefaults(app, true)).toEqual({
      deploymentStrategy: 'canary',
      errorSeverity: 'critical',
      latencyThresholdMs: 5000,
    });
    expect(appDefaults(app, false)).toEqual({
      deploymentStrategy: 'all-at-once',
      errorSeverity: 'warning',
      latencyThresholdMs: 10000,
    });
    const set = validateConfig(
      withApp({ deployment: { strategy: 'linear' }, alarms: { errorSeverity: 'info', latencyThresholdMs: 2000 } }),
    ).environments.dev.app;
    expect(appDefaults(set, true)).toEqual({
      deploymentStrategy: 'linear',
      errorSeverity: 'info',
      latencyThresholdMs: 2000,
    });
  });

  test('route keys read METHOD /path with {params} and a last greedy {name+}', () => {
    for (const ok of ['GET /', 'ANY /{proxy+}', 'POST /items/{id}/tags', 'GET /v1/a.b_c~d-e']) {
      expect(ROUTE_KEY_RULE.test(ok)).toBe(true);
    }
    for (const bad of ['GET', 'FETCH /x', 'GET items', 'GET /{proxy+}/x', 'GET /a//b', 'GET /{1d}']) {
      expect(ROUTE_KEY_RULE.test(bad)).toBe(false);
    }
    expect(parseRouteKey('POST /items/{id}')).toEqual({ method: 'POST', path: '/items/{id}' });
  });

  test('table access: levels or exact actions, and the variable carrying the name', () => {
    expect(tableActions({ access: 'read' })).toEqual([
      'GetItem',
      'BatchGetItem',
      'Query',
      'Scan',
      'ConditionCheckItem',
      'DescribeTable',
    ]);
    expect(tableActions({ actions: ['Scan', 'BatchWriteItem'] })).toEqual(['Scan', 'BatchWriteItem']);
    expect(tableEnvironmentVariable('conversation-history', { access: 'read' })).toBe(
      'CONVERSATION_HISTORY_TABLE_NAME',
    );
    expect(tableEnvironmentVariable('t', { access: 'read', environmentVariable: 'MY_TABLE' })).toBe('MY_TABLE');
  });

  describe('fails when', () => {
    test('a function is named health', () => {
      expect(problemsOf(withApp({ functions: { health: { code: BUNDLED } } }))).toContain(
        'environments.dev.app.functions.health: is the platform health function; choose another name, got {"code":{"type":"bundled","handler":"health"}}',
      );
    });

    test('the code type is unknown', () => {
      expect(problemsOf(withApp({ functions: { api: { code: { type: 'zip' } as never } } }))).toEqual([
        'environments.dev.app.functions.api.code.type: type must be one of bundled, artifact, image, got "zip"',
      ]);
    });

    test('an image tag is latest or malformed', () => {
      expect(problemsOf(withApp({ functions: { api: { code: { type: 'image', tag: 'latest' } } } }))).toEqual([
        'environments.dev.app.functions.api.code.tag: must not be latest: tags are immutable, publish each build under its own tag, got "latest"',
      ]);
      expect(problemsOf(withApp({ functions: { api: { code: { type: 'image', tag: '-x' } } } }))[0]).toMatch(
        /code\.tag: must be a Docker image tag/,
      );
    });

    test('an artifact key is not a zip', () => {
      expect(
        problemsOf(withApp({ functions: { api: { code: { type: 'artifact', key: 'functions/api.tar' } } } })),
      ).toEqual([
        'environments.dev.app.functions.api.code.key: must be an S3 key of a .zip file such as functions/api/1.0.0.zip, got "functions/api.tar"',
      ]);
    });

    test('memory is outside Lambda limits', () => {
      expect(problemsOf(withApp({ functions: { api: { code: BUNDLED, memoryMb: 64 } } }))).toEqual([
        'environments.dev.app.functions.api.memoryMb: must be a whole number between 128 and 10240, got 64',
      ]);
    });

    test('provisioned concurrency exceeds reserved concurrency', () => {
      expect(
        problemsOf(
          withApp({ functions: { api: { code: BUNDLED, reservedConcurrency: 5, provisionedConcurrency: 10 } } }),
        ),
      ).toEqual([
        'environments.dev.app.functions.api.provisionedConcurrency: must not exceed reservedConcurrency (5), got 10',
      ]);
    });

    test('reserved concurrency leaves less than 100 of the quota unreserved', () => {
      expect(
        problemsOf(
          withApp({
            functions: {
              a: { code: BUNDLED, reservedConcurrency: 600 },
              b: { code: BUNDLED, reservedConcurrency: 350 },
            },
          }),
        ),
      ).toEqual([
        expect.stringMatching(
          /^environments\.dev\.app\.functions: reserve 950 concurrent executions, more than concurrencyQuota \(1000\) minus the 100/,
        ),
      ]);
      expect(() =>
        validateConfig(
          withApp({ concurrencyQuota: 2000, functions: { a: { code: BUNDLED, reservedConcurrency: 1000 } } }),
        ),
      ).not.toThrow();
    });

    test('a container image function asks for the shared layer', () => {
      expect(problemsOf(withApp({ layer: {}, functions: { api: { code: IMAGE, sharedLayer: true } } }))).toEqual([
        'environments.dev.app.functions.api.sharedLayer: must be false for a container image function (Lambda attaches no layers to images; copy it in), got true',
      ]);
    });

    test('a function uses the shared layer but none is configured, or its runtime is not compatible', () => {
      expect(problemsOf(withApp({ functions: { api: { code: BUNDLED, sharedLayer: true } } }))).toEqual([
        'environments.dev.app.functions.api.sharedLayer: needs app.layer to be configured, got true',
      ]);
      expect(
        problemsOf(
          withApp({
            layer: { compatibleRuntimes: ['python3.12'] },
            functions: { api: { code: BUNDLED, sharedLayer: true } },
          }),
        ),
      ).toEqual([
        'environments.dev.app.functions.api.sharedLayer: needs runtime nodejs22.x in app.layer.compatibleRuntimes (python3.12), got true',
      ]);
    });

    test('the layer folder leaves the repository', () => {
      expect(problemsOf(withApp({ layer: { path: '../elsewhere' } }))).toEqual([
        'environments.dev.app.layer.path: must stay inside the repository, got "../elsewhere"',
      ]);
    });

    test('a function names parameters, secrets, tables or functions that do not exist', () => {
      expect(
        problemsOf(
          withApp({
            functions: {
              api: {
                code: BUNDLED,
                parameters: ['MISSING'],
                secrets: ['nope'],
                tables: { ghost: { access: 'read' } },
                invokes: ['api', 'other'],
              },
            },
          }),
        ),
      ).toEqual([
        'environments.dev.app.functions.api.parameters.0: must name a parameter of app.parameters, got "MISSING"',
        'environments.dev.app.functions.api.secrets.0: must name a secret of app.secrets, got "nope"',
        'environments.dev.app.functions.api.tables.ghost: must name a table of this layer (none defined), got {"access":"read"}',
        'environments.dev.app.functions.api.invokes.0: must name another function of this layer, got "api"',
        'environments.dev.app.functions.api.invokes.1: must name another function of this layer, got "other"',
      ]);
    });

    test('a table access has both or neither of access and actions', () => {
      const app = (access: object) =>
        withApp({
          tables: { t: { partitionKey: { name: 'id', type: 'S' } } },
          functions: { api: { code: BUNDLED, tables: { t: access as never } } },
        });
      const message =
        'environments.dev.app.functions.api.tables.t: needs exactly one of access (read, write, read-write) or actions';
      expect(problemsOf(app({}))).toEqual([`${message}, got {}`]);
      expect(problemsOf(app({ access: 'read', actions: ['Scan'] }))).toEqual([
        `${message}, got {"access":"read","actions":["Scan"]}`,
      ]);
    });

    test('a table is provisioned without capacity, on demand with capacity, or its keys clash', () => {
      expect(
        problemsOf(
          withApp({
            tables: {
              a: { partitionKey: { name: 'id', type: 'S' }, billingMode: 'provisioned' },
              b: { partitionKey: { name: 'id', type: 'S' }, readCapacity: 5 },
              c: { partitionKey: { name: 'id', type: 'S' }, sortKey: { name: 'id', type: 'N' } },
            },
          }),
        ),
      ).toEqual([
        'environments.dev.app.tables.a.readCapacity: is required when billingMode is provisioned',
        'environments.dev.app.tables.a.writeCapacity: is required when billingMode is provisioned',
        'environments.dev.app.tables.b.readCapacity: must not be set when billingMode is on-demand (DynamoDB scales on-demand tables), got 5',
        'environments.dev.app.tables.c.sortKey.name: must differ from the partition key, got "id"',
      ]);
    });

    test('a variable is reserved by Lambda or set by the platform', () => {
      expect(
        problemsOf(withApp({ functions: { api: { code: BUNDLED, environment: { AWS_REGION: 'x', SERVICE: 'y' } } } })),
      ).toEqual([
        'environments.dev.app.functions.api.environment.AWS_REGION: is reserved by Lambda (AWS_*, LAMBDA_TASK_ROOT, LAMBDA_RUNTIME_DIR), got "x"',
        'environments.dev.app.functions.api.environment.SERVICE: is set by the platform, got "y"',
      ]);
    });

    test('a SecureString parameter carries a value', () => {
      expect(problemsOf(withApp({ parameters: { SECRET_KEY: { type: 'SecureString', value: 'hunter2' } } }))).toEqual([
        expect.stringMatching(
          /^environments\.dev\.app\.parameters\.SECRET_KEY\.value: must not be set for a SecureString: secret values never live in code/,
        ),
      ]);
    });

    test('a route names an unknown function, serves GET /health itself, or clashes with the CORS preflight', () => {
      expect(
        problemsOf(
          withApp({
            functions: { api: { code: BUNDLED } },
            api: {
              type: 'http',
              cors: { allowOrigins: ['https://a.example.com'] },
              routes: {
                'GET /health': { function: 'api', authorization: 'iam' },
                'OPTIONS /items': { function: 'api', authorization: 'iam' },
                'GET /items': { function: 'missing', authorization: 'iam' },
              },
            },
          }),
        ),
      ).toEqual([
        'environments.dev.app.api.routes.GET /health: is served by the platform health function on every API; remove it, got {"function":"api","authorization":"iam"}',
        'environments.dev.app.api.routes.OPTIONS /items: conflicts with the CORS preflight the API answers itself; remove it or remove cors, got {"function":"api","authorization":"iam"}',
        'environments.dev.app.api.routes.GET /items.function: must name a function of app.functions or health, got "missing"',
      ]);
    });

    test('a route key is malformed', () => {
      expect(
        problemsOf(
          withApp({ api: { type: 'http', routes: { 'GET items': { function: 'health', authorization: 'iam' } } } }),
        ),
      ).toEqual([
        'environments.dev.app.api.routes: route keys must read METHOD /path, for example GET /items/{id}, got key "GET items"',
      ]);
    });

    test('two route keys differ only in path parameter names (the same route to API Gateway)', () => {
      const routes = {
        'GET /items/{id}': { function: 'health', authorization: 'iam' as const },
        'GET /items/{itemId}': { function: 'health', authorization: 'iam' as const },
        'ANY /files/{path+}': { function: 'health', authorization: 'iam' as const },
        'ANY /files/{key+}': { function: 'health', authorization: 'iam' as const },
        'POST /items/{id}': { function: 'health', authorization: 'iam' as const },
      };
      expect(problemsOf(withApp({ api: { type: 'http', routes } }))).toEqual([
        'environments.dev.app.api.routes: is the same route as "GET /items/{id}" (only parameter names differ), got key "GET /items/{itemId}"',
        'environments.dev.app.api.routes: is the same route as "ANY /files/{path+}" (only parameter names differ), got key "ANY /files/{key+}"',
      ]);
    });

    test('a route key has a lower-case method, so it cannot shadow its upper-case twin', () => {
      const routes = {
        'ANY /': { function: 'health', authorization: 'iam' as const },
        'any /': { function: 'health', authorization: 'iam' as const },
      };
      expect(problemsOf(withApp({ api: { type: 'http', routes } }))).toEqual([
        'environments.dev.app.api.routes: route keys must read METHOD /path, for example GET /items/{id}, got key "any /"',
      ]);
    });

    describe('route authorization', () => {
      const fns = { api: { code: BUNDLED }, auth: { code: BUNDLED } };
      const jwt = { type: 'jwt' as const, issuer: 'https://issuer.example.com/', audience: ['api'] as [string] };
      const routesOf = (api: Record<string, unknown>, type: 'http' | 'rest' = 'http') =>
        problemsOf(withApp({ functions: fns, api: { type, ...api } as never }));
      const at = 'environments.dev.app.api';

      test('is valid for IAM, an authorizer with scopes, an API key and a written public reason', () => {
        const http = validateConfig(
          withApp({
            functions: fns,
            api: {
              type: 'http',
              authorizers: { users: jwt },
              routes: {
                'GET /admin': { function: 'api', authorization: 'iam' },
                'GET /orders': { function: 'api', authorizer: 'users', scopes: ['orders:read'] },
                'GET /status': { function: 'api', public: { reason: 'Status page for everyone.' } },
              },
            },
          }),
        ).environments.dev.app.api!;
        expect(http.authorizers.users).toEqual({ ...jwt, header: 'Authorization' });
        expect(http.routes['GET /status']).toMatchObject({
          apiKeyRequired: false,
          public: { reason: 'Status page for everyone.' },
        });
        const rest = validateConfig(
          withApp({
            functions: fns,
            api: {
              type: 'rest',
              authorizers: { session: { type: 'lambda', function: 'auth' } },
              usagePlans: { partners: { throttling: { rateLimit: 10, burstLimit: 20 } } },
              routes: {
                'GET /orders': { function: 'api', authorizer: 'session', apiKeyRequired: true },
                'POST /orders': { function: 'api', apiKeyRequired: true },
              },
            },
          }),
        ).environments.dev.app.api!;
        expect(rest.authorizers.session).toEqual({
          type: 'lambda',
          function: 'auth',
          header: 'Authorization',
          resultTtlSeconds: 300,
        });
      });

      test('fails when a route has no authorization and no public reason, or an empty one', () => {
        expect(
          routesOf({
            routes: {
              'GET /a': { function: 'api' },
              'GET /b': { function: 'api', public: { reason: '  ' } },
            },
          }),
        ).toEqual([
          `${at}.routes.GET /a.public: must be set when the route has no authorization (iam, an authorizer or apiKeyRequired): public: { reason: "..." } says why anyone may call it`,
          `${at}.routes.GET /b.public.reason: must say why (a non-empty reason), got "  "`,
        ]);
      });

      test('fails when a protected route also claims to be public, or names IAM and an authorizer', () => {
        expect(
          routesOf({
            authorizers: { users: jwt },
            routes: {
              'GET /a': { function: 'api', authorization: 'iam', public: { reason: 'x' } },
              'GET /b': { function: 'api', authorization: 'iam', authorizer: 'users' },
            },
          }),
        ).toEqual([
          `${at}.routes.GET /a.public: contradicts the route's authorization; remove it or the authorization, got {"reason":"x"}`,
          `${at}.routes.GET /b.authorizer: a route has one authorizer: choose authorization: iam or an authorizer, not both, got "users"`,
        ]);
      });

      test('fails when a route names an unknown authorizer, or asks for scopes without a JWT authorizer', () => {
        expect(
          routesOf({
            authorizers: { session: { type: 'lambda', function: 'auth' } },
            routes: {
              'GET /a': { function: 'api', authorizer: 'nobody' },
              'GET /b': { function: 'api', authorizer: 'session', scopes: ['read'] },
              'GET /c': { function: 'api', authorization: 'iam', scopes: ['read'] },
            },
          }),
        ).toEqual([
          `${at}.routes.GET /c.scopes: need a JWT authorizer on the route, got ["read"]`,
          `${at}.routes.GET /a.authorizer: must name one of api.authorizers, got "nobody"`,
          `${at}.routes.GET /b.scopes: apply to JWT authorizers only, got ["read"]`,
        ]);
      });

      test('fails when a lambda authorizer names no function of the layer, or a REST API has a JWT authorizer', () => {
        expect(routesOf({ authorizers: { session: { type: 'lambda', function: 'missing' } }, routes: {} })).toEqual([
          `${at}.authorizers.session.function: must name a function of app.functions, got "missing"`,
        ]);
        expect(routesOf({ authorizers: { users: jwt }, routes: {} }, 'rest')).toEqual([
          `${at}.authorizers.users.type: jwt authorizers are for HTTP APIs; a REST API uses a lambda authorizer, got "jwt"`,
        ]);
      });

      test('fails when an HTTP API asks for API keys or usage plans, or a REST route needs a key without a plan', () => {
        expect(
          routesOf({
            usagePlans: { partners: { throttling: { rateLimit: 10, burstLimit: 20 } } },
            routes: { 'GET /a': { function: 'api', apiKeyRequired: true } },
          }),
        ).toEqual([
          `${at}.routes.GET /a.apiKeyRequired: applies to REST APIs only (HTTP APIs have no API keys); use an authorizer, got true`,
          `${at}.usagePlans: apply to REST APIs only (HTTP APIs have no API keys), got {"partners":{"throttling":{"rateLimit":10,"burstLimit":20}}}`,
        ]);
        expect(routesOf({ routes: { 'GET /a': { function: 'api', apiKeyRequired: true } } }, 'rest')).toEqual([
          `${at}.routes.GET /a.apiKeyRequired: needs a usage plan in api.usagePlans, whose API key callers send, got true`,
        ]);
      });

      test('fails when a JWT issuer is not https or has no audience', () => {
        expect(
          routesOf({
            authorizers: { users: { type: 'jwt', issuer: 'http://issuer.example.com', audience: [] } },
            routes: {},
          }),
        ).toEqual([
          `${at}.authorizers.users.issuer: must be the https:// URL of the token issuer, got "http://issuer.example.com"`,
          `${at}.authorizers.users.audience: must name at least one audience, got []`,
        ]);
      });
    });

    test('CORS allows credentials from any origin', () => {
      expect(
        problemsOf(withApp({ api: { type: 'rest', cors: { allowOrigins: ['*'], allowCredentials: true } } })),
      ).toEqual([
        'environments.dev.app.api.cors.allowOrigins: must list origins, not *, when allowCredentials is true (browsers refuse the combination), got ["*"]',
      ]);
    });

    test('an HTTP API names a stage', () => {
      expect(problemsOf(withApp({ api: { type: 'http', stageName: 'v1' } }))).toEqual([
        'environments.dev.app.api.stageName: applies to REST APIs only (HTTP APIs use $default), got "v1"',
      ]);
    });

    test('datapoints to alarm exceed the evaluation periods', () => {
      expect(problemsOf(withApp({ alarms: { evaluationPeriods: 2, datapointsToAlarm: 3 } }))).toEqual([
        'environments.dev.app.alarms.datapointsToAlarm: datapointsToAlarm must not exceed evaluationPeriods, got 3',
      ]);
    });
  });
});

describe('app layer wiring (across layers)', () => {
  test('fails when a function asks for VPC placement while the network layer is off', () => {
    expect(problemsOf(withApp({ functions: { api: { code: BUNDLED, vpc: true } } }))).toEqual([
      'environments.dev.app.functions.api.vpc: places the function in the VPC, but environments.dev.network.enabled is false; enable the network layer or set vpc: false, got true',
    ]);
  });

  test('fails when a container function has no tag yet, saying how to publish the first image', () => {
    expect(problemsOf(withApp({ functions: { api: { code: { type: 'image' } } } }))).toEqual([
      'environments.dev.app.functions.api.code.tag: is required: choose the tag of the first image (for example the git commit SHA) and set it here, then npm run cdktf -- deploy svc-dev-registry, push the image to ECR repository svc-dev-api (README, "Publishing the first image or artifact"), and deploy svc-dev-app',
    ]);
  });

  test('fails when an artifact function has no key yet, naming the bucket to upload to', () => {
    expect(problemsOf(withApp({ functions: { api: { code: { type: 'artifact' } } } }))).toEqual([
      'environments.dev.app.functions.api.code.key: is required: upload the function\'s zip to svc-dev-artifacts (npm run cdktf -- deploy svc-dev-registry) under a new key such as functions/api/<git sha>.zip (README, "Publishing the first image or artifact"), set that key here, and deploy svc-dev-app',
    ]);
  });

  test('fails when the latency threshold, given or defaulted, is not below the timeout', () => {
    expect(problemsOf(withApp({ timeoutSeconds: 10 }))).toEqual([
      'environments.dev.app.alarms.latencyThresholdMs: must be below the timeout of function health (10000 ms), or its latency alarm can never fire; the default here is 10000 ms',
    ]);
    expect(
      problemsOf(
        withApp({ functions: { api: { code: BUNDLED, timeoutSeconds: 3, alarms: { latencyThresholdMs: 3000 } } } }),
      ),
    ).toEqual([
      'environments.dev.app.functions.api.alarms.latencyThresholdMs: must be below the timeout of function api (3000 ms), or its latency alarm can never fire, got 3000',
    ]);
    // Production's 5 s default fits a 10 s timeout.
    expect(() => validateConfig(withApp({ timeoutSeconds: 10 }, { protectStatefulResources: true }))).not.toThrow();
  });

  test('a disabled app layer is not checked against other layers', () => {
    expect(() =>
      validateConfig(withApp({ enabled: false, functions: { api: { code: { type: 'image' } } } })),
    ).not.toThrow();
  });
});
