/** Example values the presets share. The people are placeholders: replace them with your PagerDuty users' emails. */

/** A schedule with one weekly rotation (Mondays 09:00 UTC) through the given users, in order. */
export function weeklySchedule(name: string, users: readonly string[]) {
  return {
    name,
    timeZone: 'UTC',
    layers: [{ name: 'Weekly rotation', start: '2025-01-06T09:00:00Z', rotationLengthHours: 168, users: [...users] }],
  };
}
