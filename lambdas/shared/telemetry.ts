/**
 * Structured logging and custom metrics for the platform's own handlers.
 *
 * Metrics use CloudWatch Embedded Metric Format: one JSON log line that CloudWatch turns into a metric. That needs
 * no PutMetricData call, no extra IAM permission and no network round trip inside the invocation.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type Writer = (line: string) => void;

const defaultWriter: Writer = (line) => process.stdout.write(`${line}\n`);

export function log(
  level: LogLevel,
  message: string,
  fields: Record<string, unknown> = {},
  write = defaultWriter,
): void {
  write(JSON.stringify({ level, message, ...fields, timestamp: new Date().toISOString() }));
}

export type MetricUnit = 'Count' | 'Milliseconds' | 'Seconds' | 'None';

export interface MetricDatum {
  readonly name: string;
  readonly value: number;
  readonly unit?: MetricUnit;
}

export interface MetricOptions {
  /** CloudWatch namespace, for example `<service>/<env>`. */
  readonly namespace: string;
  /** Dimension name to value; every datum gets the same dimensions. */
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly now?: Date;
  readonly write?: Writer;
}

/** Emits one EMF record carrying every datum. */
export function putMetrics(metrics: readonly MetricDatum[], options: MetricOptions): void {
  const dimensions = options.dimensions ?? {};
  const record: Record<string, unknown> = {
    _aws: {
      Timestamp: (options.now ?? new Date()).getTime(),
      CloudWatchMetrics: [
        {
          Namespace: options.namespace,
          Dimensions: [Object.keys(dimensions)],
          Metrics: metrics.map((m) => ({ Name: m.name, Unit: m.unit ?? 'Count' })),
        },
      ],
    },
    ...dimensions,
  };
  for (const m of metrics) record[m.name] = m.value;
  (options.write ?? defaultWriter)(JSON.stringify(record));
}

/** Reads a required environment variable, failing with its name so a misconfigured function says what is missing. */
export function requireEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`environment variable ${name} is required`);
  return value;
}
