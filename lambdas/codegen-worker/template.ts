/**
 * Templates: JSON objects `{"prompt": "...", "system": "...", "model": "..."}` under `templates/<name>.json` in the
 * templates bucket, with `{{name}}` placeholders filled from the request's parameters. The cache (Valkey/Redis
 * through ioredis) is read first and written back after a bucket read; a cache that fails is logged and bypassed,
 * since the bucket is the source of truth.
 */
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import type { Redis } from 'ioredis';
import { CODEGEN_CONTRACT } from '../../core/codegen-contract';
import { PermanentGenerationError } from './errors';
import type { ParameterValue } from './request';

export interface Template {
  readonly prompt: string;
  readonly system?: string;
  readonly model?: string;
}

export interface RenderedPrompt {
  readonly prompt: string;
  readonly system?: string;
  readonly model?: string;
}

export type TemplateSource = 'cache' | 'bucket';

export interface TemplateStoreOptions {
  readonly s3: S3Client;
  readonly bucket: string;
  /** @default no cache */
  readonly cache?: Redis;
  /** @default 3600 */
  readonly cacheTtlSeconds?: number;
  /** Told about cache failures (the store then reads the bucket). */
  readonly onCacheError?: (operation: 'get' | 'set', error: unknown) => void;
}

export const templateKey = (name: string): string => `${CODEGEN_CONTRACT.templatesPrefix}${name}.json`;
export const cacheKey = (name: string): string => `codegen:template:${name}`;

export class TemplateStore {
  constructor(private readonly options: TemplateStoreOptions) {}

  async load(name: string): Promise<{ template: Template; source: TemplateSource }> {
    const { cache, onCacheError } = this.options;
    if (cache) {
      try {
        const cached = await cache.get(cacheKey(name));
        if (cached !== null) return { template: parseTemplate(name, cached), source: 'cache' };
      } catch (error) {
        if (error instanceof PermanentGenerationError) throw error;
        onCacheError?.('get', error);
      }
    }
    const text = await this.readBucket(name);
    const template = parseTemplate(name, text);
    if (cache) {
      try {
        await cache.set(cacheKey(name), text, 'EX', this.options.cacheTtlSeconds ?? 3600);
      } catch (error) {
        onCacheError?.('set', error);
      }
    }
    return { template, source: 'bucket' };
  }

  private async readBucket(name: string): Promise<string> {
    try {
      const object = await this.options.s3.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: templateKey(name) }),
      );
      return await object.Body!.transformToString('utf-8');
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
        throw new PermanentGenerationError(`template ${name}: no object ${templateKey(name)}`, 'TemplateNotFound');
      }
      throw error;
    }
  }
}

export function parseTemplate(name: string, text: string): Template {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PermanentGenerationError(`template ${name}: is not JSON`, 'TemplateInvalid');
  }
  const t = value as Partial<Record<keyof Template, unknown>> | null;
  if (t === null || typeof t !== 'object' || typeof t.prompt !== 'string' || t.prompt.length === 0) {
    throw new PermanentGenerationError(
      `template ${name}: must be an object with a non-empty "prompt"`,
      'TemplateInvalid',
    );
  }
  for (const field of ['system', 'model'] as const) {
    if (t[field] !== undefined && typeof t[field] !== 'string') {
      throw new PermanentGenerationError(`template ${name}: "${field}" must be a string`, 'TemplateInvalid');
    }
  }
  return { prompt: t.prompt, system: t.system as string | undefined, model: t.model as string | undefined };
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Fills every `{{name}}`; a placeholder without a parameter fails the job rather than sending a half prompt. */
export function renderTemplate(
  name: string,
  template: Template,
  parameters: Readonly<Record<string, ParameterValue>>,
): RenderedPrompt {
  const missing = new Set<string>();
  const fill = (text: string): string =>
    text.replace(PLACEHOLDER, (_match, key: string) => {
      if (!Object.prototype.hasOwnProperty.call(parameters, key)) {
        missing.add(key);
        return '';
      }
      return String(parameters[key]);
    });
  const prompt = fill(template.prompt);
  const system = template.system === undefined ? undefined : fill(template.system);
  if (missing.size > 0) {
    throw new PermanentGenerationError(
      `template ${name}: no value for parameter(s) ${[...missing].sort().join(', ')}`,
      'MissingParameters',
    );
  }
  return { prompt, system, model: template.model };
}
