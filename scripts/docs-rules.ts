// Regenerates the rule table in README.md from the policy rule pack: node scripts/run-app.mjs scripts/docs-rules.ts
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { RULES } from '../modules/policy/rules';
import { withRuleTable } from '../modules/policy/rule-table';

const readme = join(__dirname, '..', '..', 'README.md');
const before = readFileSync(readme, 'utf8');
const after = withRuleTable(before, RULES);
writeFileSync(readme, after);
process.stdout.write(before === after ? 'README.md rule table is up to date\n' : 'README.md rule table rewritten\n');
