/**
 * A parser and evaluator for the subset of the CloudWatch Logs Insights query language the platform's saved
 * queries use, so that tests run each query over sample log lines and check what it selects and computes:
 *
 *   fields a, b.c, @timestamp
 *   filter <expr>          expr: a = "x" | a != "x" | a like /re/ | ispresent(a) | (expr) | expr and expr | expr or expr
 *   stats agg(...) [as name], ... [by field|bin(5m), ...]   agg: count(*), count(f), sum, avg, min, max, pct(f, n)
 *   sort field [asc|desc]
 *   limit n
 *
 * Records are built like Logs Insights builds them for Lambda log groups: JSON lines are flattened into dotted
 * fields, REPORT lines give @type, @requestId, @duration, @billedDuration, @memorySize, @maxMemoryUsed and
 * @initDuration; every record has @message and @timestamp. Anything outside the subset is a parse error.
 */

export type Value = string | number | boolean | null;
export type LogRecord = Record<string, Value>;

type Expr =
  | { kind: 'compare'; field: string; op: '=' | '!=' | '<' | '>'; value: Value }
  | { kind: 'like'; field: string; regex: RegExp }
  | { kind: 'ispresent'; field: string }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr };

interface Aggregation {
  readonly fn: 'count' | 'sum' | 'avg' | 'min' | 'max' | 'pct';
  readonly field?: string;
  readonly percentile?: number;
  readonly as: string;
}

type Grouping = { kind: 'field'; field: string } | { kind: 'bin'; ms: number };

export type Command =
  | { kind: 'fields'; fields: string[] }
  | { kind: 'filter'; expr: Expr }
  | { kind: 'stats'; aggregations: Aggregation[]; by: Grouping[] }
  | { kind: 'sort'; field: string; descending: boolean }
  | { kind: 'limit'; count: number };

export class QuerySyntaxError extends Error {}

const FIELD = /^@?[A-Za-z_][\w.]*$/;

function splitTopLevel(text: string, separator: ',' | '|'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || (c === '/' && /like\s*$/.test(text.slice(0, i)))) quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

function field(text: string): string {
  const name = text.trim();
  if (!FIELD.test(name)) throw new QuerySyntaxError(`not a field name: ${JSON.stringify(name)}`);
  return name;
}

function literal(text: string): Value {
  const t = text.trim();
  if (/^"(.*)"$/.test(t) || /^'(.*)'$/.test(t)) return t.slice(1, -1);
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  throw new QuerySyntaxError(`not a literal: ${JSON.stringify(t)}`);
}

/** Tokens of a filter expression: parentheses, `and`, `or`, `not`, and whole comparisons. */
function parseExpr(text: string): Expr {
  const t = text.trim();
  const orParts = splitKeyword(t, 'or');
  if (orParts.length > 1) return orParts.map(parseExpr).reduce((left, right) => ({ kind: 'or', left, right }));
  const andParts = splitKeyword(t, 'and');
  if (andParts.length > 1) return andParts.map(parseExpr).reduce((left, right) => ({ kind: 'and', left, right }));
  if (/^not\s+/i.test(t)) return { kind: 'not', expr: parseExpr(t.replace(/^not\s+/i, '')) };
  if (t.startsWith('(') && matchingParen(t, 0) === t.length - 1) return parseExpr(t.slice(1, -1));
  const present = /^ispresent\(\s*([^)]+)\)$/i.exec(t);
  if (present) return { kind: 'ispresent', field: field(present[1]) };
  const like = /^(\S+)\s+like\s+\/(.*)\/([i]?)$/i.exec(t);
  if (like) return { kind: 'like', field: field(like[1]), regex: new RegExp(like[2], like[3]) };
  const compare = /^(\S+)\s*(!=|=|<|>)\s*(.+)$/.exec(t);
  if (compare) {
    return { kind: 'compare', field: field(compare[1]), op: compare[2] as '=', value: literal(compare[3]) };
  }
  throw new QuerySyntaxError(`unsupported filter expression: ${JSON.stringify(t)}`);
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Splits on a keyword at depth 0, outside quotes and regexes. */
function splitKeyword(text: string, keyword: 'and' | 'or'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || (c === '/' && /like\s*$/i.test(text.slice(0, i)))) quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && new RegExp(`^\\s${keyword}\\s`, 'i').test(text.slice(i))) {
      parts.push(text.slice(start, i));
      start = i + keyword.length + 2;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

const BIN_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function parseAggregation(text: string): Aggregation {
  const m = /^(count|sum|avg|min|max|pct)\(\s*([^),]*)\s*(?:,\s*(\d+(?:\.\d+)?)\s*)?\)(?:\s+as\s+(\w+))?$/i.exec(text);
  if (!m) throw new QuerySyntaxError(`unsupported aggregation: ${JSON.stringify(text)}`);
  const fn = m[1].toLowerCase() as Aggregation['fn'];
  const arg = m[2].trim();
  if (fn === 'pct' && m[3] === undefined) throw new QuerySyntaxError(`pct needs a percentile: ${text}`);
  if (fn !== 'count' && arg === '*') throw new QuerySyntaxError(`${fn}(*) is not valid`);
  return {
    fn,
    field: arg === '*' ? undefined : field(arg),
    percentile: m[3] === undefined ? undefined : Number(m[3]),
    as: m[4] ?? text,
  };
}

function parseGrouping(text: string): Grouping {
  const bin = /^bin\(\s*(\d+)([smhd])\s*\)$/.exec(text);
  if (bin) return { kind: 'bin', ms: Number(bin[1]) * BIN_UNITS[bin[2]] };
  return { kind: 'field', field: field(text) };
}

export function parseQuery(query: string): Command[] {
  return splitTopLevel(query, '|').map((part): Command => {
    const m = /^(\w+)\s+([\s\S]+)$/.exec(part);
    if (!m) throw new QuerySyntaxError(`empty command: ${JSON.stringify(part)}`);
    const [, command, rest] = m;
    switch (command) {
      case 'fields':
        return { kind: 'fields', fields: splitTopLevel(rest, ',').map(field) };
      case 'filter':
        return { kind: 'filter', expr: parseExpr(rest) };
      case 'stats': {
        const [aggs, by] = rest.split(/\s+by\s+/);
        return {
          kind: 'stats',
          aggregations: splitTopLevel(aggs, ',').map(parseAggregation),
          by: by === undefined ? [] : splitTopLevel(by, ',').map(parseGrouping),
        };
      }
      case 'sort': {
        const s = /^(\S+)(?:\s+(asc|desc))?$/.exec(rest.trim());
        if (!s) throw new QuerySyntaxError(`unsupported sort: ${rest}`);
        return { kind: 'sort', field: field(s[1]), descending: s[2] === 'desc' };
      }
      case 'limit': {
        const count = Number(rest.trim());
        if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new QuerySyntaxError(`bad limit: ${rest}`);
        return { kind: 'limit', count };
      }
      default:
        throw new QuerySyntaxError(`unsupported command: ${command}`);
    }
  });
}

/** Fields a query reads (in filters, stats and sort) and shows (fields). */
export function referencedFields(commands: readonly Command[]): string[] {
  const found = new Set<string>();
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'and':
      case 'or':
        visit(e.left);
        visit(e.right);
        return;
      case 'not':
        visit(e.expr);
        return;
      default:
        found.add(e.field);
    }
  };
  for (const c of commands) {
    if (c.kind === 'fields') c.fields.forEach((f) => found.add(f));
    if (c.kind === 'filter') visit(c.expr);
    if (c.kind === 'stats') {
      c.aggregations.forEach((a) => a.field && found.add(a.field));
      c.by.forEach((g) => g.kind === 'field' && found.add(g.field));
    }
  }
  return [...found];
}

function matches(e: Expr, r: LogRecord): boolean {
  switch (e.kind) {
    case 'and':
      return matches(e.left, r) && matches(e.right, r);
    case 'or':
      return matches(e.left, r) || matches(e.right, r);
    case 'not':
      return !matches(e.expr, r);
    case 'ispresent':
      return r[e.field] !== undefined && r[e.field] !== null;
    case 'like':
      return typeof r[e.field] === 'string' && e.regex.test(r[e.field] as string);
    case 'compare': {
      const v = r[e.field];
      if (v === undefined) return false;
      if (e.op === '=') return v === e.value;
      if (e.op === '!=') return v !== e.value;
      return e.op === '<' ? Number(v) < Number(e.value) : Number(v) > Number(e.value);
    }
  }
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function aggregate(a: Aggregation, rows: LogRecord[]): number {
  const values = a.field
    ? rows.map((r) => r[a.field!]).filter((v): v is number => typeof v === 'number')
    : rows.map(() => 1);
  switch (a.fn) {
    case 'count':
      return a.field ? rows.filter((r) => r[a.field!] !== undefined).length : rows.length;
    case 'sum':
      return values.reduce((s, v) => s + v, 0);
    case 'avg':
      return values.reduce((s, v) => s + v, 0) / values.length;
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'pct':
      return percentile(values, a.percentile!);
  }
}

export function runQuery(query: string, records: readonly LogRecord[]): LogRecord[] {
  let rows: LogRecord[] = [...records];
  let projection: string[] | undefined;
  for (const c of parseQuery(query)) {
    if (c.kind === 'fields') projection = c.fields;
    if (c.kind === 'filter') rows = rows.filter((r) => matches(c.expr, r));
    if (c.kind === 'stats') {
      const groups = new Map<string, { key: LogRecord; rows: LogRecord[] }>();
      for (const r of rows) {
        const key: LogRecord = {};
        for (const g of c.by) {
          if (g.kind === 'field') key[g.field] = r[g.field] ?? null;
          else key['bin'] = new Date(Math.floor(Number(r['@timestamp']) / g.ms) * g.ms).toISOString();
        }
        const id = JSON.stringify(key);
        const group = groups.get(id) ?? { key, rows: [] };
        group.rows.push(r);
        groups.set(id, group);
      }
      rows = [...groups.values()].map(({ key, rows: members }) => {
        const out: LogRecord = { ...key };
        for (const a of c.aggregations) out[a.as] = aggregate(a, members);
        if ('bin' in key) out['@timestamp'] = Date.parse(String(key.bin));
        return out;
      });
      projection = undefined;
    }
    if (c.kind === 'sort') {
      const sign = c.descending ? -1 : 1;
      rows = [...rows].sort((a, b) => {
        const x = a[c.field];
        const y = b[c.field];
        if (x === y) return 0;
        return (x ?? 0) > (y ?? 0) ? sign : -sign;
      });
    }
    if (c.kind === 'limit') rows = rows.slice(0, c.count);
  }
  if (!projection) return rows;
  return rows.map((r) => Object.fromEntries(projection!.map((f) => [f, r[f] ?? null])));
}

const REPORT =
  /^REPORT RequestId: (\S+)\s+Duration: ([\d.]+) ms\s+Billed Duration: (\d+) ms\s+Memory Size: (\d+) MB\s+Max Memory Used: (\d+) MB(?:\s+Init Duration: ([\d.]+) ms)?/;

function flatten(value: unknown, prefix: string, out: LogRecord): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out[prefix] = Array.isArray(value) ? JSON.stringify(value) : (value as Value);
  }
}

/** A log line as Logs Insights sees it in a Lambda log group. */
export function toRecord(message: string, timestamp: number, logGroup = '/aws/lambda/test'): LogRecord {
  const record: LogRecord = { '@message': message, '@timestamp': timestamp, '@log': logGroup };
  const report = REPORT.exec(message);
  if (report) {
    Object.assign(record, {
      '@type': 'REPORT',
      '@requestId': report[1],
      '@duration': Number(report[2]),
      '@billedDuration': Number(report[3]),
      '@memorySize': Number(report[4]),
      '@maxMemoryUsed': Number(report[5]),
    });
    if (report[6] !== undefined) record['@initDuration'] = Number(report[6]);
    return record;
  }
  if (message.trim().startsWith('{')) {
    try {
      flatten(JSON.parse(message), '', record);
    } catch {
      // Not JSON after all: only @message, as in Logs Insights.
    }
  }
  return record;
}
