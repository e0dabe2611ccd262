/**
 * The traffic-shift script against a stand-in `aws` CLI on the PATH that records its calls and answers like the
 * real one (alias version, deployment id, then a sequence of deployment statuses).
 */
import { spawnSync } from 'child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SHIFT_SCRIPT } from '../../modules/canary-deployment';

const FAKE_AWS = `#!/usr/bin/env bash
echo "$*" >> "$FAKE_LOG"
case "$1 $2" in
  "lambda get-alias") echo "$FAKE_CURRENT" ;;
  "deploy create-deployment") echo "d-TEST123" ;;
  "deploy get-deployment")
    if [[ "$*" == *errorInformation* ]]; then echo "ALARM_ACTIVE"; exit 0; fi
    n=$(cat "$FAKE_STATE" 2>/dev/null || echo 0)
    IFS=, read -ra statuses <<< "$FAKE_STATUSES"
    echo "\${statuses[$n]:-\${statuses[-1]}}"
    echo $((n + 1)) > "$FAKE_STATE" ;;
  "deploy stop-deployment") echo "stopped" ;;
esac
`;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly calls: string[];
}

function run(current: string, statuses: string[], env: Record<string, string> = {}): Run {
  const dir = mkdtempSync(join(tmpdir(), 'shift-'));
  writeFileSync(join(dir, 'aws'), FAKE_AWS);
  chmodSync(join(dir, 'aws'), 0o755);
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  const result = spawnSync('bash', [SHIFT_SCRIPT], {
    encoding: 'utf8',
    env: {
      PATH: `${dir}:${process.env.PATH}`,
      FAKE_LOG: log,
      FAKE_STATE: join(dir, 'state'),
      FAKE_CURRENT: current,
      FAKE_STATUSES: statuses.join(','),
      FUNCTION_NAME: 'svc-prod-api',
      ALIAS: 'live',
      TARGET_VERSION: '8',
      APPLICATION: 'svc-prod-functions',
      DEPLOYMENT_GROUP: 'svc-prod-api',
      AWS_REGION: 'eu-west-1',
      TIMEOUT_SECONDS: '60',
      POLL_SECONDS: '0',
      ...env,
    },
  });
  const calls = readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls };
}

describe('shift-lambda-traffic.sh', () => {
  test('does nothing when the alias already serves the target version (first apply)', () => {
    const result = run('8', ['Succeeded']);
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([
      'lambda get-alias --region eu-west-1 --function-name svc-prod-api --name live --query FunctionVersion --output text',
    ]);
  });

  test('creates a deployment from the current to the target version and waits for success', () => {
    const result = run('7', ['Created', 'InProgress', 'Succeeded']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('svc-prod-api:live now serves version 8');
    const create = result.calls.find((c) => c.startsWith('deploy create-deployment')) as string;
    expect(create).toContain('--application-name svc-prod-functions --deployment-group-name svc-prod-api');
    const revision = JSON.parse(/--revision (\{.*\}) --description/.exec(create)?.[1] ?? '{}');
    expect(revision.revisionType).toBe('AppSpecContent');
    expect(JSON.parse(revision.appSpecContent.content)).toEqual({
      version: 0.0,
      Resources: [
        {
          'svc-prod-api': {
            Type: 'AWS::Lambda::Function',
            Properties: { Name: 'svc-prod-api', Alias: 'live', CurrentVersion: '7', TargetVersion: '8' },
          },
        },
      ],
    });
    expect(result.calls.filter((c) => c.startsWith('deploy get-deployment'))).toHaveLength(3);
  });

  test('fails the apply when CodeDeploy rolls back (an alarm fired)', () => {
    const result = run('7', ['InProgress', 'Stopped']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('deployment d-TEST123 Stopped; svc-prod-api:live stays on version 7');
    expect(result.stderr).toContain('ALARM_ACTIVE');
  });

  test('stops the deployment (with rollback) and fails when it outlasts the timeout', () => {
    const result = run('7', ['InProgress'], { TIMEOUT_SECONDS: '0' });
    expect(result.status).toBe(1);
    expect(
      result.calls.some((c) => c.startsWith('deploy stop-deployment') && c.includes('--auto-rollback-enabled')),
    ).toBe(true);
  });

  test('fails when a required variable is missing', () => {
    const result = run('7', ['Succeeded'], { TARGET_VERSION: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('TARGET_VERSION is not set');
    expect(result.calls).toEqual([]);
  });
});
