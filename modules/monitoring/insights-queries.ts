/**
 * The Logs Insights saved queries of an environment, as data: error analysis, conversation statistics, latency
 * percentiles, cold starts, data-quality issues, and one query per function family. They read the fields the
 * platform's Powertools handlers log (`level`, `message`, `function_name`, `function_request_id`,
 * `correlation_id`, `error.*`, the handlers' own keys) and the fields Logs Insights discovers in Lambda's REPORT
 * lines (`@type`, `@duration`, `@initDuration`, `@maxMemoryUsed`).
 */
import { DATA_QUALITY_FIELD } from './log-metrics';

export interface InsightsQuery {
  /** Name component: the saved query is `<prefix>/<folder>/<id>`. */
  readonly id: string;
  /** Console folder. */
  readonly folder: string;
  readonly query: string;
  /** Log group names the query runs over. */
  readonly logGroupNames: readonly string[];
}

export interface InsightsQueriesProps {
  /** Log groups of every function of the environment. */
  readonly allLogGroups: readonly string[];
  /** Log groups by function family (the layer the functions come from: app, jobs, alerting, ...). */
  readonly families: Readonly<Record<string, readonly string[]>>;
  /** Log groups of the function that logs conversation activity. @default no conversation query */
  readonly conversationLogGroups?: readonly string[];
}

const lines = (...parts: string[]): string => parts.join('\n| ');

export const ERROR_ANALYSIS = lines(
  'fields @timestamp, function_name, function_request_id, correlation_id, message, error.name, error.message',
  'filter level = "ERROR" or level = "CRITICAL" or @message like /Invoke Error|Task timed out/',
  'stats count(*) as errors by function_name, error.name',
  'sort errors desc',
  'limit 50',
);

/** The conversation-analytics job logs one `conversation activity counted` line per hourly run. */
export const CONVERSATION_STATS = lines(
  'fields @timestamp, conversations, messages',
  'filter message = "conversation activity counted"',
  'stats sum(messages) as messages, max(conversations) as peakConversations, count(*) as runs by bin(1d)',
  'sort @timestamp desc',
);

export const LATENCY = lines(
  'filter @type = "REPORT"',
  'stats pct(@duration, 50) as p50, pct(@duration, 95) as p95, pct(@duration, 99) as p99, count(*) as invocations by bin(5m)',
  'sort @timestamp desc',
);

export const COLD_STARTS = lines(
  'filter @type = "REPORT" and ispresent(@initDuration)',
  'stats count(*) as coldStarts, avg(@initDuration) as avgInitMs, max(@initDuration) as maxInitMs by bin(1h)',
  'sort @timestamp desc',
);

export const DATA_QUALITY = lines(
  `fields @timestamp, function_name, ${DATA_QUALITY_FIELD}, message`,
  `filter ispresent(${DATA_QUALITY_FIELD})`,
  `stats count(*) as issues by function_name, ${DATA_QUALITY_FIELD}`,
  'sort issues desc',
);

/** Recent warnings and errors of one family, newest first, with the IDs that tie them to a request. */
export const FAMILY_PROBLEMS = lines(
  'fields @timestamp, function_name, level, message, function_request_id, correlation_id',
  'filter level = "WARN" or level = "ERROR" or level = "CRITICAL"',
  'sort @timestamp desc',
  'limit 100',
);

export function insightsQueries(props: InsightsQueriesProps): InsightsQuery[] {
  const all = [...props.allLogGroups];
  const queries: InsightsQuery[] = [
    { id: 'error-analysis', folder: 'platform', query: ERROR_ANALYSIS, logGroupNames: all },
    { id: 'latency', folder: 'platform', query: LATENCY, logGroupNames: all },
    { id: 'cold-starts', folder: 'platform', query: COLD_STARTS, logGroupNames: all },
    { id: 'data-quality', folder: 'platform', query: DATA_QUALITY, logGroupNames: all },
  ];
  if (props.conversationLogGroups && props.conversationLogGroups.length > 0) {
    queries.push({
      id: 'conversation-stats',
      folder: 'platform',
      query: CONVERSATION_STATS,
      logGroupNames: [...props.conversationLogGroups],
    });
  }
  for (const [family, groups] of Object.entries(props.families)) {
    if (groups.length === 0) continue;
    queries.push({ id: `${family}-problems`, folder: family, query: FAMILY_PROBLEMS, logGroupNames: [...groups] });
  }
  return queries;
}
