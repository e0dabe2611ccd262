/**
 * Publishing one package: every file lands under `packages/<framework>/<version>/` first; only when all of them are
 * there does the version's manifest appear and the `latest` pointer move, and then the changed paths are
 * invalidated. Staged objects are never deleted here (the staging bucket expires them), so a failure halfway loses
 * nothing and the same request, retried, completes the job.
 */
import { CreateInvalidationCommand, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { randomUUID } from 'crypto';
import { extname } from 'path';
import { compareVersions, isSafeRelativePath, RequestError, type PackageLimits, type PackageRequest } from './request';
import { readTarGz } from './tar';

export interface PublishTarget {
  readonly stagingBucket: string;
  readonly originBucket: string;
  readonly distributionId: string;
  readonly limits: PackageLimits;
  /** Files copied at once. */
  readonly concurrency: number;
}

export interface PublishClients {
  readonly s3: S3Client;
  readonly cloudfront: CloudFrontClient;
}

export interface PublishResult {
  readonly framework: string;
  readonly version: string;
  readonly path: string;
  readonly files: number;
  readonly bytes: number;
  /** Whether `latest` now points at this version (it never moves backwards or to a pre-release). */
  readonly latestMoved: boolean;
  readonly invalidationId: string;
}

/** Versioned files never change: browsers and CloudFront may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pointers and manifests change with every release. */
const SHORT = 'public, max-age=60';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.cjs': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain',
  '.d.ts': 'text/plain',
};

export const packageRoot = (framework: string) => `packages/${framework}`;
export const versionPrefix = (framework: string, version: string) => `${packageRoot(framework)}/${version}/`;
export const manifestKey = (framework: string, version: string) =>
  `${packageRoot(framework)}/manifests/${version}.json`;
export const latestKey = (framework: string) => `${packageRoot(framework)}/latest.json`;

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    error instanceof NotFound ||
    error instanceof NoSuchKey ||
    e?.name === 'NotFound' ||
    e?.name === 'NoSuchKey' ||
    e?.$metadata?.httpStatusCode === 404
  );
}

async function headSize(s3: S3Client, bucket: string, key: string): Promise<number | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return head.ContentLength ?? 0;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

async function readJson(s3: S3Client, bucket: string, key: string): Promise<Record<string, unknown> | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse(await object.Body!.transformToString('utf8'));
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function contentTypeOf(path: string): string {
  if (path.endsWith('.d.ts')) return CONTENT_TYPES['.d.ts'];
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Puts one file into place; a source is a staged object (copied in S3) or bytes from an archive. */
type FileSource = { readonly path: string; readonly size: number } & (
  | { readonly stagedKey: string }
  | { readonly data: Buffer }
);

async function stagedFiles(
  clients: PublishClients,
  target: PublishTarget,
  request: PackageRequest,
): Promise<FileSource[]> {
  const { s3 } = clients;
  if (request.source.kind === 'files') {
    const sources: FileSource[] = [];
    let total = 0;
    for (const path of request.source.files) {
      const stagedKey = `${request.stagingPrefix}${path}`;
      const size = await headSize(s3, target.stagingBucket, stagedKey);
      if (size === undefined)
        throw new RequestError(400, `files: ${JSON.stringify(path)} is not staged at ${stagedKey}`);
      total += size;
      if (total > target.limits.maxBytes) {
        throw new RequestError(413, `files: a package may be at most ${target.limits.maxBytes} bytes, got more`);
      }
      sources.push({ path, size, stagedKey });
    }
    return sources;
  }
  const key = `${request.stagingPrefix}${request.source.key}`;
  const size = await headSize(s3, target.stagingBucket, key);
  if (size === undefined)
    throw new RequestError(400, `archive: ${JSON.stringify(request.source.key)} is not staged at ${key}`);
  if (size > target.limits.maxBytes) {
    throw new RequestError(413, `archive: a package may be at most ${target.limits.maxBytes} bytes, got ${size}`);
  }
  const object = await s3.send(new GetObjectCommand({ Bucket: target.stagingBucket, Key: key }));
  const entries = readTarGz(Buffer.from(await object.Body!.transformToByteArray()), target.limits.maxBytes);
  if (entries.length === 0) throw new RequestError(400, 'archive: holds no files');
  if (entries.length > target.limits.maxFiles) {
    throw new RequestError(
      413,
      `archive: a package may have at most ${target.limits.maxFiles} files, got ${entries.length}`,
    );
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!isSafeRelativePath(entry.path)) {
      throw new RequestError(
        400,
        `archive: entry ${JSON.stringify(entry.path)} must be a relative path without . or .. segments`,
      );
    }
    if (seen.has(entry.path)) throw new RequestError(400, `archive: entry ${JSON.stringify(entry.path)} appears twice`);
    seen.add(entry.path);
  }
  return entries.map((e) => ({ path: e.path, size: e.data.length, data: e.data }));
}

export async function publishPackage(
  clients: PublishClients,
  target: PublishTarget,
  request: PackageRequest,
  now: () => Date = () => new Date(),
): Promise<PublishResult> {
  const { s3, cloudfront } = clients;
  const { framework, version } = request;
  if ((await headSize(s3, target.originBucket, manifestKey(framework, version))) !== undefined) {
    throw new RequestError(
      409,
      `version: ${framework} ${version} is already published; published versions are immutable`,
    );
  }
  const sources = await stagedFiles(clients, target, request);
  const prefix = versionPrefix(framework, version);

  await inPool(sources, target.concurrency, async (source) => {
    const key = `${prefix}${source.path}`;
    const ContentType = contentTypeOf(source.path);
    if ('stagedKey' in source) {
      await s3.send(
        new CopyObjectCommand({
          Bucket: target.originBucket,
          Key: key,
          CopySource: `${target.stagingBucket}/${source.stagedKey.split('/').map(encodeURIComponent).join('/')}`,
          MetadataDirective: 'REPLACE',
          ContentType,
          CacheControl: IMMUTABLE,
        }),
      );
    } else {
      await s3.send(
        new PutObjectCommand({
          Bucket: target.originBucket,
          Key: key,
          Body: source.data,
          ContentType,
          CacheControl: IMMUTABLE,
        }),
      );
    }
  });

  // Every file is in place: the version exists from here on, and only now may `latest` name it.
  const publishedAt = now().toISOString();
  const bytes = sources.reduce((sum, s) => sum + s.size, 0);
  await s3.send(
    new PutObjectCommand({
      Bucket: target.originBucket,
      Key: manifestKey(framework, version),
      Body: JSON.stringify({
        framework,
        version,
        publishedAt,
        files: sources.map((s) => ({ path: s.path, size: s.size })),
      }),
      ContentType: 'application/json',
      CacheControl: SHORT,
    }),
  );
  const current = await readJson(s3, target.originBucket, latestKey(framework));
  const currentVersion = typeof current?.version === 'string' ? current.version : undefined;
  const latestMoved =
    !version.includes('-') && (currentVersion === undefined || compareVersions(version, currentVersion) > 0);
  if (latestMoved) {
    await s3.send(
      new PutObjectCommand({
        Bucket: target.originBucket,
        Key: latestKey(framework),
        Body: JSON.stringify({ framework, version, path: `/${prefix}`, publishedAt }),
        ContentType: 'application/json',
        CacheControl: SHORT,
      }),
    );
  }

  const paths = [
    `/${prefix}*`,
    `/${manifestKey(framework, version)}`,
    ...(latestMoved ? [`/${latestKey(framework)}`] : []),
  ];
  const invalidation = await cloudfront.send(
    new CreateInvalidationCommand({
      DistributionId: target.distributionId,
      InvalidationBatch: {
        CallerReference: `${framework}-${version}-${randomUUID()}`,
        Paths: { Quantity: paths.length, Items: paths },
      },
    }),
  );
  return {
    framework,
    version,
    path: `/${prefix}`,
    files: sources.length,
    bytes,
    latestMoved,
    invalidationId: invalidation.Invalidation?.Id ?? '',
  };
}
