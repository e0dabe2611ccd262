// The deploy workflow's closing notification: one Slack message with each environment's result, green when every
// environment deployed and red otherwise, and the same lines in the run's summary. The webhook is a repository secret
// (DEPLOY_SLACK_WEBHOOK_URL); without it the summary is the only notification.
//
// Environment: RESULTS ("dev=success staging=failure prod=skipped"), RUN_URL, COMMIT, SLACK_WEBHOOK_URL (optional),
// GITHUB_STEP_SUMMARY (set by Actions).
/* global fetch, AbortSignal */
import { appendFileSync } from 'fs';

const results = (process.env.RESULTS ?? '')
  .split(/\s+/)
  .filter((pair) => pair.includes('='))
  .map((pair) => {
    const [environment, result] = pair.split('=');
    return { environment, result: result || 'unknown' };
  });
if (results.length === 0) {
  process.stderr.write('notify-deployment: RESULTS is empty\n');
  process.exit(2);
}

const succeeded = results.every((r) => r.result === 'success');
const commit = (process.env.COMMIT ?? '').slice(0, 12);
const headline = succeeded
  ? `Deployment of ${commit} succeeded in ${results.map((r) => r.environment).join(', ')}`
  : `Deployment of ${commit} FAILED: ${results.map((r) => `${r.environment} ${r.result}`).join(', ')}`;
const lines = [headline, ...(process.env.RUN_URL ? [process.env.RUN_URL] : [])];

if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${lines.join('\n\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);

const webhook = process.env.SLACK_WEBHOOK_URL;
if (!webhook) {
  process.stdout.write('notify-deployment: no Slack webhook configured; the run summary carries the outcome\n');
  process.exit(0);
}
const payload = {
  text: headline,
  attachments: [
    {
      color: succeeded ? 'good' : 'danger',
      fields: results.map((r) => ({ title: r.environment, value: r.result, short: true })),
      ...(process.env.RUN_URL ? { title: 'Workflow run', title_link: process.env.RUN_URL } : {}),
    },
  ],
};
const response = await fetch(webhook, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(payload),
  signal: AbortSignal.timeout(10000),
});
if (!response.ok) {
  process.stderr.write(`notify-deployment: Slack answered HTTP ${response.status}\n`);
  process.exit(1);
}
