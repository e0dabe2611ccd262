/**
 * The generation request a producer sends to the queue, and its validation. The body is JSON:
 * `{"requestId": "...", "template": "integration", "parameters": {"name": "Acme"}, "model": "optional"}`.
 */
import { PermanentGenerationError } from './errors';

export type ParameterValue = string | number | boolean;

export interface GenerationRequest {
  /** Caller-chosen identifier: the tracking item's key and the idempotency key. */
  readonly requestId: string;
  /** Template name: the object `templates/<template>.json` of the templates bucket. */
  readonly template: string;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  /** Model name sent to the endpoint. @default the template's, then the worker's default */
  readonly model?: string;
}

export const REQUEST_ID_RULE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const TEMPLATE_NAME_RULE = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/;
const MAX_TEMPLATE_NAME_LENGTH = 200;

export class MalformedRequestError extends PermanentGenerationError {
  override name = 'MalformedRequestError';

  constructor(
    message: string,
    /** The request ID, when the body had a usable one (so the tracking item can record the failure). */
    readonly requestId?: string,
  ) {
    super(message, 'MalformedRequest');
  }
}

/** Parses and validates a message body; the errors name the field and what was wrong, never echo the whole body. */
export function parseRequest(body: string): GenerationRequest {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new MalformedRequestError('body is not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MalformedRequestError('body must be a JSON object');
  }
  const raw = value as Record<string, unknown>;
  const requestId =
    typeof raw.requestId === 'string' && REQUEST_ID_RULE.test(raw.requestId) ? raw.requestId : undefined;
  if (requestId === undefined) {
    throw new MalformedRequestError(
      'requestId: must be 1 to 128 characters of A-Z, a-z, 0-9 and ._:-, starting with a letter or digit',
    );
  }
  const fail = (message: string): never => {
    throw new MalformedRequestError(message, requestId);
  };
  const template = raw.template;
  if (
    typeof template !== 'string' ||
    template.length > MAX_TEMPLATE_NAME_LENGTH ||
    !TEMPLATE_NAME_RULE.test(template)
  ) {
    fail('template: must be a template name of a-z, 0-9, _ and - (with / between folders)');
  }
  const parameters = raw.parameters ?? {};
  if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) {
    fail('parameters: must be an object of names to strings, numbers or booleans');
  }
  for (const [name, v] of Object.entries(parameters as Record<string, unknown>)) {
    if (!['string', 'number', 'boolean'].includes(typeof v)) {
      fail(`parameters.${name}: must be a string, number or boolean, got ${v === null ? 'null' : typeof v}`);
    }
  }
  if (raw.model !== undefined && (typeof raw.model !== 'string' || raw.model.length === 0)) {
    fail('model: must be a non-empty string when given');
  }
  return {
    requestId,
    template: template as string,
    parameters: parameters as Record<string, ParameterValue>,
    model: raw.model as string | undefined,
  };
}
