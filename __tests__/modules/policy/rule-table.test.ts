import { readFileSync } from 'fs';
import { join } from 'path';
import { RULES } from '../../../modules/policy/rules';
import { ruleTable, withRuleTable } from '../../../modules/policy/rule-table';
import { S3Versioning } from '../../../modules/policy/rules/s3/S3Versioning';

describe('the README rule table', () => {
  test('is what the rules generate (run node scripts/run-app.mjs scripts/docs-rules.ts after changing a rule)', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    expect(withRuleTable(readme, RULES)).toBe(readme);
  });

  test('has a row per rule with its level and public references, quoted values as code', () => {
    const table = ruleTable([S3Versioning]).split('\n');
    expect(table[2]).toMatch(
      /^\| `s3-versioning` +\| s3 +\| error \| Every bucket has versioning enabled\. +\| .+ \| S3\.14 \| NIST\.800\.53\.R5-S3BucketVersioningEnabled \| CKV_AWS_21 \|$/,
    );
    expect(table.at(-1)).toMatch(/^\| `policy-suppression-reason` /);
  });

  test('fails when the README has no markers for it', () => {
    expect(() => withRuleTable('# README\n', RULES)).toThrow(/has no "<!-- rule table/);
  });
});
