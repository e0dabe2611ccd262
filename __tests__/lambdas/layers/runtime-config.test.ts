/**
 * The shared layer's runtime-config module: Node.js directly, and its Python twin through python3 (skipped, with the
 * reason printed, where no python3 is on the PATH).
 */
import { spawnSync } from 'child_process';
import { join, resolve } from 'path';
import type { ConfigFetchers } from '../../../lambdas/layers/shared/nodejs/node_modules/@platform/runtime-config';

const LAYER = resolve(__dirname, '../../../lambdas/layers/shared');
const { createConfigReader, DEFAULT_TTL_MS } = require(join(LAYER, 'nodejs/node_modules/@platform/runtime-config'));

const ENV = { PARAMETER_PATH: '/phoney/dev/', SECRET_PREFIX: 'phoney/dev/' };

function fakeFetchers(values: Record<string, string>) {
  const calls: string[] = [];
  const fetch: ConfigFetchers = {
    async parameter(name) {
      calls.push(`parameter ${name}`);
      if (!(name in values)) throw new Error(`ParameterNotFound: ${name}`);
      return values[name];
    },
    async secret(id) {
      calls.push(`secret ${id}`);
      if (!(id in values)) throw new Error(`ResourceNotFoundException: ${id}`);
      return values[id];
    },
  };
  return { fetch, calls };
}

describe('@platform/runtime-config (Node.js)', () => {
  test('reads parameters under PARAMETER_PATH and secrets under SECRET_PREFIX', async () => {
    const { fetch } = fakeFetchers({
      '/phoney/dev/RATE_LIMIT_PER_MINUTE': '60',
      'phoney/dev/credentials': '{"jwt_secret":"s"}',
    });
    const reader = createConfigReader({ env: ENV, fetch });
    await expect(reader.parameter('RATE_LIMIT_PER_MINUTE')).resolves.toBe('60');
    await expect(reader.secretJson('credentials')).resolves.toEqual({ jwt_secret: 's' });
  });

  test('caches values for the TTL and shares one request between concurrent callers', async () => {
    let now = 0;
    const { fetch, calls } = fakeFetchers({ '/phoney/dev/K': 'v' });
    const reader = createConfigReader({ env: ENV, fetch, now: () => now });
    await Promise.all([reader.parameter('K'), reader.parameter('K')]);
    now = DEFAULT_TTL_MS - 1;
    await reader.parameter('K');
    expect(calls).toEqual(['parameter /phoney/dev/K']);
    now = DEFAULT_TTL_MS + 1;
    await reader.parameter('K');
    expect(calls).toHaveLength(2);
    reader.clear();
    await reader.parameter('K');
    expect(calls).toHaveLength(3);
  });

  test('does not cache failures', async () => {
    const values: Record<string, string> = {};
    const { fetch, calls } = fakeFetchers(values);
    const reader = createConfigReader({ env: ENV, fetch });
    await expect(reader.parameter('LATE')).rejects.toThrow('ParameterNotFound: /phoney/dev/LATE');
    values['/phoney/dev/LATE'] = 'here';
    await expect(reader.parameter('LATE')).resolves.toBe('here');
    expect(calls).toHaveLength(2);
  });

  test('says what is missing: the variables of a function granted nothing, or JSON', async () => {
    const { fetch } = fakeFetchers({ 'phoney/dev/plain': 'not json' });
    await expect(createConfigReader({ env: {}, fetch }).parameter('K')).rejects.toThrow(
      'PARAMETER_PATH is not set: the function was granted no parameters',
    );
    await expect(createConfigReader({ env: {}, fetch }).secret('K')).rejects.toThrow(
      'SECRET_PREFIX is not set: the function was granted no secrets',
    );
    await expect(createConfigReader({ env: ENV, fetch }).secretJson('plain')).rejects.toThrow(
      'secret plain is not JSON',
    );
  });
});

const python = spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0;
if (!python) {
  console.log('Skipping the Python runtime-config tests: no python3 on the PATH.');
}

const PYTHON_TEST = `
import json, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
from platform_runtime_config import ConfigReader, DEFAULT_TTL_SECONDS

calls = []
values = {"/concert/dev/BEDROCK_AGENT_ID": "agent-1", "concert/dev/credentials": '{"key": "k"}'}
def fetch_parameter(name):
    calls.append("parameter " + name)
    return values[name]
def fetch_secret(secret_id):
    calls.append("secret " + secret_id)
    return values[secret_id]
now = [0.0]
reader = ConfigReader(
    env={"PARAMETER_PATH": "/concert/dev/", "SECRET_PREFIX": "concert/dev/"},
    fetch_parameter=fetch_parameter, fetch_secret=fetch_secret, clock=lambda: now[0])
out = {"parameter": reader.parameter("BEDROCK_AGENT_ID"), "again": reader.parameter("BEDROCK_AGENT_ID"),
       "secret": reader.secret_json("credentials")}
now[0] = DEFAULT_TTL_SECONDS + 1
reader.parameter("BEDROCK_AGENT_ID")
try:
    ConfigReader(env={}, fetch_parameter=fetch_parameter, fetch_secret=fetch_secret).parameter("X")
except KeyError as error:
    out["missing"] = str(error)
out["calls"] = calls
print(json.dumps(out))
`;

(python ? describe : describe.skip)('platform_runtime_config (Python)', () => {
  test('reads, caches for the TTL and says what is missing', () => {
    const result = spawnSync('python3', ['-c', PYTHON_TEST, join(LAYER, 'python')], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ parameter: 'agent-1', again: 'agent-1', secret: { key: 'k' } });
    expect(out.missing).toContain('PARAMETER_PATH is not set: the function was granted no parameters');
    expect(out.calls).toEqual([
      'parameter /concert/dev/BEDROCK_AGENT_ID',
      'secret concert/dev/credentials',
      'parameter /concert/dev/BEDROCK_AGENT_ID',
    ]);
  });
});
