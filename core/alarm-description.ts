/**
 * The platform's alarm description format, `<summary> Runbook: <url>`: the alarm factory writes it and the alert
 * processor splits it to put a runbook button on the Slack message, so both sides share this one definition.
 */

/** CloudWatch's limit on an alarm description. */
export const MAX_ALARM_DESCRIPTION_LENGTH = 1024;

export function alarmDescription(summary: string, runbookUrl?: string): string {
  return runbookUrl === undefined ? summary : `${summary} Runbook: ${runbookUrl}`;
}

/** Splits a description written by `alarmDescription`; a description without a runbook is all summary. */
export function parseAlarmDescription(description: string | null | undefined): {
  summary: string;
  runbookUrl?: string;
} {
  const match = /\bRunbook:\s*(https?:\/\/\S+)/i.exec(description ?? '');
  if (!match) return { summary: (description ?? '').trim() };
  const summary = `${match.input.slice(0, match.index)}${match.input.slice(match.index + match[0].length)}`.trim();
  // A URL at the end of a sentence would otherwise swallow the full stop.
  return { summary, runbookUrl: match[1].replace(/[.,;)]+$/, '') };
}
