/**
 * The package-deployment request and its validation. Every problem is a `RequestError` with the HTTP status the
 * API answers and a message naming the field, the rule and the value received.
 */

/** Semantic version 2.0.0 (semver.org's own pattern), without a leading `v`. */
export const SEMVER_RULE =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** One path segment of a staged or published file: printable, no separators, not `.` or `..`. */
const SEGMENT_RULE = /^[A-Za-z0-9_@+=,~-][A-Za-z0-9_@+=,.~-]*$/;

export class RequestError extends Error {
  constructor(
    readonly statusCode: 400 | 404 | 409 | 413,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export interface PackageLimits {
  /** Files in one package. */
  readonly maxFiles: number;
  /** Total bytes of one package (uncompressed for archives). */
  readonly maxBytes: number;
}

/** What the caller asks for, validated: either `files` under the staging prefix or one `archive` there. */
export interface PackageRequest {
  readonly framework: string;
  readonly version: string;
  /** Key prefix in the staging bucket, ending with `/`. */
  readonly stagingPrefix: string;
  readonly source:
    | { readonly kind: 'files'; readonly files: readonly string[] }
    | { readonly kind: 'archive'; readonly key: string };
}

/** Whether a relative path stays inside its folder: segments of safe characters, no `.`, `..`, `\`, or leading `/`. */
export function isSafeRelativePath(path: string): boolean {
  if (path.length === 0 || path.length > 512) return false;
  return path.split('/').every((segment) => SEGMENT_RULE.test(segment) && segment !== '.' && segment !== '..');
}

function stringField(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new RequestError(400, `${field}: is required and must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Parses and validates the request body against the known frameworks and the limits. */
export function parseRequest(
  rawBody: string | undefined,
  frameworks: readonly string[],
  limits: PackageLimits,
): PackageRequest {
  let body: unknown;
  try {
    body = JSON.parse(rawBody ?? '');
  } catch {
    throw new RequestError(400, 'body: must be a JSON object');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RequestError(400, 'body: must be a JSON object');
  }
  const fields = body as Record<string, unknown>;
  const framework = stringField(fields, 'framework');
  if (!frameworks.includes(framework)) {
    throw new RequestError(400, `framework: must be one of ${frameworks.join(', ')}, got ${JSON.stringify(framework)}`);
  }
  const version = stringField(fields, 'version');
  if (!SEMVER_RULE.test(version)) {
    throw new RequestError(400, `version: must be a semantic version such as 1.2.3, got ${JSON.stringify(version)}`);
  }
  const prefix = stringField(fields, 'stagingPrefix');
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (!isSafeRelativePath(trimmed)) {
    throw new RequestError(
      400,
      `stagingPrefix: must be a relative key prefix without . or .. segments, got ${JSON.stringify(prefix)}`,
    );
  }
  const stagingPrefix = `${trimmed}/`;

  const hasFiles = fields.files !== undefined;
  const hasArchive = fields.archive !== undefined;
  if (hasFiles === hasArchive) {
    throw new RequestError(400, 'files, archive: give exactly one of them (a file list or one .tar.gz archive)');
  }
  if (hasArchive) {
    const key = stringField(fields, 'archive');
    if (!isSafeRelativePath(key) || !key.endsWith('.tar.gz')) {
      throw new RequestError(
        400,
        `archive: must be a relative .tar.gz key under stagingPrefix, got ${JSON.stringify(key)}`,
      );
    }
    return { framework, version, stagingPrefix, source: { kind: 'archive', key } };
  }
  const files = fields.files;
  if (!Array.isArray(files) || files.length === 0) {
    throw new RequestError(400, `files: must be a non-empty list of relative paths, got ${JSON.stringify(files)}`);
  }
  if (files.length > limits.maxFiles) {
    throw new RequestError(413, `files: a package may have at most ${limits.maxFiles} files, got ${files.length}`);
  }
  const seen = new Set<string>();
  for (const [i, file] of files.entries()) {
    if (typeof file !== 'string' || !isSafeRelativePath(file)) {
      throw new RequestError(
        400,
        `files[${i}]: must be a relative path without . or .. segments, got ${JSON.stringify(file)}`,
      );
    }
    if (seen.has(file)) throw new RequestError(400, `files[${i}]: ${JSON.stringify(file)} is listed twice`);
    seen.add(file);
  }
  return { framework, version, stagingPrefix, source: { kind: 'files', files: files as string[] } };
}

/** Compares two valid semantic versions by precedence (build metadata ignored). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = SEMVER_RULE.exec(v);
    if (!m) throw new Error(`not a semantic version: ${v}`);
    return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4]?.split('.') ?? [] };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return x.core[i] - y.core[i];
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    if (x.pre[i] === undefined) return -1;
    if (y.pre[i] === undefined) return 1;
    const [p, q] = [x.pre[i], y.pre[i]];
    const [pn, qn] = [/^\d+$/.test(p), /^\d+$/.test(q)];
    if (pn && qn && Number(p) !== Number(q)) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}
