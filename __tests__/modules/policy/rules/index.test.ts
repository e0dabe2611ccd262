/**
 * The rule pack's structure: one rule per file under modules/policy/rules/<service>/, every file in the pack, every
 * rule documented and tested with a compliant and a non-compliant case in the mirror folder here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { RULES } from '../../../../modules/policy/rules';

const RULES_DIR = join(__dirname, '..', '..', '..', '..', 'modules', 'policy', 'rules');

function ruleFiles(): { service: string; name: string; path: string }[] {
  return readdirSync(RULES_DIR)
    .filter((service) => statSync(join(RULES_DIR, service)).isDirectory())
    .flatMap((service) =>
      readdirSync(join(RULES_DIR, service))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => ({ service, name: f.replace(/\.ts$/, ''), path: join(RULES_DIR, service, f) })),
    );
}

describe('the rule pack', () => {
  test('every rule file exports one rule, named as the file, of its folder, and the pack lists it', () => {
    const files = ruleFiles();
    expect(files.length).toBe(RULES.length);
    for (const file of files) {
      const exported = require(file.path) as Record<string, unknown>;
      expect(Object.keys(exported)).toEqual([file.name]);
      const rule = exported[file.name];
      expect(RULES).toContain(rule);
      expect((rule as { service: string }).service).toBe(file.service);
    }
  });

  test('rule ids are unique kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  test.each(RULES.map((r) => [r.id, r] as const))('%s has a level, a description and why it matters', (_, rule) => {
    expect(['error', 'warning']).toContain(rule.level);
    expect(rule.description.trim().length).toBeGreaterThan(10);
    expect(rule.explanation.trim().length).toBeGreaterThan(10);
    for (const value of Object.values(rule.references)) expect(String(value).trim()).not.toBe('');
  });

  test.each(ruleFiles().map((f) => [`${f.service}/${f.name}`, f] as const))(
    '%s has a test with a compliant and a non-compliant case',
    (_, file) => {
      const testFile = join(__dirname, file.service, `${file.name}.test.ts`);
      expect(existsSync(testFile)).toBe(true);
      const text = readFileSync(testFile, 'utf8');
      expect(text).toMatch(/test\('compliant: /);
      expect(text).toMatch(/test\('non-compliant: /);
    },
  );
});
