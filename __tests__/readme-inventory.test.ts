/** The README's inventory of alarms and dashboards is the one the synthesized app gives (regenerate: npx tsx scripts/docs-inventory.ts). */
import { readFileSync } from 'fs';
import { join } from 'path';
import { inventoryMarkdown, withInventory } from '../scripts/docs-inventory';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
/** The README as the generator would write it: equal to the committed one exactly when the inventory is current. */
let regenerated: (text: string) => string;

beforeAll(() => {
  const inventory = inventoryMarkdown();
  regenerated = (text) => withInventory(text, inventory);
});

describe('README inventory', () => {
  test('is up to date with the synthesized app of every preset', () => {
    expect(regenerated(readme)).toEqual(readme);
  });

  test('fails when an alarm is missing from it', () => {
    const stale = readme.replace(/^\| `platform-dev-logs-errors` .*\n/m, '');
    expect(stale).not.toEqual(readme);
    expect(regenerated(stale)).not.toEqual(stale);
    expect(regenerated(stale)).toEqual(readme);
  });

  test('fails when the README has no inventory markers', () => {
    expect(() => withInventory('# README', '')).toThrow(/has no <!-- inventory:start/);
  });
});
