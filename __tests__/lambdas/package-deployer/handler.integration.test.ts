/**
 * The package deployer against real local servers: s3rver (S3) on 127.0.0.1 behind a small proxy that can fail one
 * copy, and an HTTP server standing in for the CloudFront API. The SDK clients reach them by endpoint override.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mkdtempSync, rmSync } from 'fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import S3rver from 's3rver';
import { gzipSync } from 'zlib';
import { compareVersions, createHandler, type DeployerSettings } from '../../../lambdas/package-deployer';

const STAGING = 'staging';
const ORIGIN = 'origin';
const DISTRIBUTION = 'E2EXAMPLE000';
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A ustar archive built byte by byte, so tests can hold entries no tar tool would write (`../x`, links). */
function tarGz(entries: { name: string; data?: string; type?: string }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    const header = Buffer.alloc(512);
    header.write(e.name, 0, 100);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(data.length.toString(8).padStart(11, '0') + '\0', 124);
    header.write('00000000000\0', 136);
    header.write(e.type ?? '0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    header.fill(' ', 148, 156);
    const sum = header.reduce((a, b) => a + b, 0);
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

let dataDir: string;
let s3rver: S3rver;
let proxy: Server;
let cloudfrontApi: Server;
let s3: S3Client;
/** Keys whose next copy (or put) the proxy answers with a 500, once each. */
const failNext = new Set<string>();
let invalidations: string[] = [];

const settings = (overrides: Partial<DeployerSettings> = {}): DeployerSettings => ({
  stagingBucket: STAGING,
  originBucket: ORIGIN,
  distributionId: DISTRIBUTION,
  frameworks: ['react', 'vue', 'angular'],
  limits: { maxFiles: 5, maxBytes: 1024 },
  concurrency: 1,
  ...overrides,
});

let handler: ReturnType<typeof createHandler>;
const deploy = (body: unknown) =>
  handler({ body: typeof body === 'string' ? body : JSON.stringify(body) } as APIGatewayProxyEventV2);

beforeAll(async () => {
  // EMF lines on stdout are the metrics; the test reads the outcome from S3 and the responses instead.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  dataDir = mkdtempSync(join(tmpdir(), 'package-deployer-'));
  s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dataDir,
    configureBuckets: [
      { name: STAGING, configs: [] },
      { name: ORIGIN, configs: [] },
    ],
  });
  const { port: s3Port } = (await s3rver.run()) as AddressInfo;
  proxy = createServer(async (req, res) => {
    const body = await bodyOf(req);
    const key = decodeURIComponent((req.url ?? '').split('?')[0]);
    if (req.method === 'PUT' && failNext.delete(key)) {
      res.writeHead(500, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0"?><Error><Code>InternalError</Code><Message>injected</Message></Error>');
      return;
    }
    const upstream = httpRequest(
      { host: '127.0.0.1', port: s3Port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.end(body);
  });
  const proxyPort = await listen(proxy);
  cloudfrontApi = createServer(async (req, res) => {
    const body = (await bodyOf(req)).toString('utf8');
    const match = /^\/2020-05-31\/distribution\/([^/]+)\/invalidation$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match || match[1] !== DISTRIBUTION) {
      res.writeHead(404).end();
      return;
    }
    invalidations.push(body);
    const id = `I${invalidations.length}`;
    res.writeHead(201, { 'content-type': 'text/xml', location: `https://cloudfront.amazonaws.com${req.url}/${id}` });
    res.end(
      `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>${id}</Id>` +
        `<Status>InProgress</Status><CreateTime>2026-01-01T00:00:00Z</CreateTime></Invalidation>`,
    );
  });
  const cloudfrontPort = await listen(cloudfrontApi);
  const common = {
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  } as const;
  s3 = new S3Client({ ...common, endpoint: `http://127.0.0.1:${proxyPort}`, forcePathStyle: true });
  const cloudfront = new CloudFrontClient({ ...common, endpoint: `http://127.0.0.1:${cloudfrontPort}` });
  handler = createHandler({
    settings: settings(),
    clients: { s3, cloudfront },
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'test', serviceName: 'package-deployer' }),
    tracer: new Tracer({ enabled: false }),
  });
});

afterAll(async () => {
  s3?.destroy();
  await close(proxy);
  await close(cloudfrontApi);
  await s3rver.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  invalidations = [];
  failNext.clear();
});

const stage = (key: string, body: string | Buffer) =>
  s3.send(new PutObjectCommand({ Bucket: STAGING, Key: key, Body: body }));
const read = async (bucket: string, key: string) =>
  (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString('utf8');
const exists = (bucket: string, key: string) =>
  s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
    () => true,
    () => false,
  );
const message = (response: { body?: string }) => JSON.parse(response.body ?? '{}').message as string;

describe('package deployer', () => {
  test('publishes a file list under packages/<framework>/<version>/, moves latest, invalidates the changed paths', async () => {
    await stage('uploads/r1/index.js', 'export default 1;');
    await stage('uploads/r1/css/main.css', 'body{}');
    const response = await deploy({
      framework: 'react',
      version: '1.0.0',
      stagingPrefix: 'uploads/r1',
      files: ['index.js', 'css/main.css'],
    });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body!)).toMatchObject({ files: 2, latestMoved: true, path: '/packages/react/1.0.0/' });
    expect(await read(ORIGIN, 'packages/react/1.0.0/index.js')).toBe('export default 1;');
    const head = await s3.send(new HeadObjectCommand({ Bucket: ORIGIN, Key: 'packages/react/1.0.0/index.js' }));
    expect(head.ContentType).toBe('text/javascript');
    expect(head.CacheControl).toContain('immutable');
    expect(JSON.parse(await read(ORIGIN, 'packages/react/latest.json'))).toMatchObject({ version: '1.0.0' });
    expect(invalidations).toHaveLength(1);
    expect(invalidations[0]).toContain('<Path>/packages/react/1.0.0/*</Path>');
    expect(invalidations[0]).toContain('<Path>/packages/react/latest.json</Path>');
    // Staged objects stay: the staging bucket's lifecycle removes them.
    expect(await exists(STAGING, 'uploads/r1/index.js')).toBe(true);
  });

  test('reads a base64-encoded body, as HTTP APIs pass it for non-text content types', async () => {
    await stage('uploads/b64/index.js', 'b64');
    const body = JSON.stringify({
      framework: 'react',
      version: '0.1.0',
      stagingPrefix: 'uploads/b64',
      files: ['index.js'],
    });
    const response = await handler({
      body: Buffer.from(body).toString('base64'),
      isBase64Encoded: true,
    } as APIGatewayProxyEventV2);
    expect(response.statusCode).toBe(200);
    expect(await read(ORIGIN, 'packages/react/0.1.0/index.js')).toBe('b64');
  });

  test('publishes a .tar.gz archive; an older or pre-release version does not move latest', async () => {
    await stage(
      'uploads/v2/pkg.tar.gz',
      tarGz([
        { name: 'dist/', type: '5' },
        { name: 'dist/vue.js', data: 'v2' },
      ]),
    );
    const newer = await deploy({
      framework: 'vue',
      version: '2.0.0',
      stagingPrefix: 'uploads/v2/',
      archive: 'pkg.tar.gz',
    });
    expect(newer.statusCode).toBe(200);
    expect(await read(ORIGIN, 'packages/vue/2.0.0/dist/vue.js')).toBe('v2');
    await stage('uploads/v1/pkg.tar.gz', tarGz([{ name: './vue.js', data: 'v1' }]));
    const older = await deploy({
      framework: 'vue',
      version: '1.9.0',
      stagingPrefix: 'uploads/v1',
      archive: 'pkg.tar.gz',
    });
    expect(JSON.parse(older.body!)).toMatchObject({ latestMoved: false });
    expect(await read(ORIGIN, 'packages/vue/1.9.0/vue.js')).toBe('v1');
    const pre = await deploy({
      framework: 'vue',
      version: '3.0.0-rc.1',
      stagingPrefix: 'uploads/v1',
      archive: 'pkg.tar.gz',
    });
    expect(JSON.parse(pre.body!)).toMatchObject({ latestMoved: false });
    expect(JSON.parse(await read(ORIGIN, 'packages/vue/latest.json'))).toMatchObject({ version: '2.0.0' });
    expect(invalidations[1]).not.toContain('latest.json');
  });

  describe('answers 4xx and publishes nothing when', () => {
    beforeAll(async () => {
      await stage('uploads/bad/a.js', 'a');
      await stage('uploads/bad/big.js', 'x'.repeat(2000));
    });
    const base = { framework: 'angular', version: '1.0.0', stagingPrefix: 'uploads/bad', files: ['a.js'] };
    const cases: [string, unknown, number, string][] = [
      ['the body is not JSON', 'not json', 400, 'body: must be a JSON object'],
      ['the body is a list', [], 400, 'body: must be a JSON object'],
      ['the framework is missing', { ...base, framework: undefined }, 400, 'framework: is required'],
      [
        'the framework is unknown',
        { ...base, framework: 'svelte' },
        400,
        'framework: must be one of react, vue, angular, got "svelte"',
      ],
      [
        'the version is not semver',
        { ...base, version: 'v1.0' },
        400,
        'version: must be a semantic version such as 1.2.3, got "v1.0"',
      ],
      ['the version has a leading zero', { ...base, version: '01.0.0' }, 400, 'version: must be a semantic version'],
      [
        'the staging prefix climbs out',
        { ...base, stagingPrefix: '../other' },
        400,
        'stagingPrefix: must be a relative key prefix',
      ],
      [
        'the staging prefix is absolute',
        { ...base, stagingPrefix: '/uploads/bad' },
        400,
        'stagingPrefix: must be a relative key prefix',
      ],
      ['a file climbs out', { ...base, files: ['../../etc/passwd'] }, 400, 'files[0]: must be a relative path'],
      ['a file has a backslash', { ...base, files: ['a\\..\\b.js'] }, 400, 'files[0]: must be a relative path'],
      ['a file is listed twice', { ...base, files: ['a.js', 'a.js'] }, 400, 'files[1]: "a.js" is listed twice'],
      ['the file list is empty', { ...base, files: [] }, 400, 'files: must be a non-empty list'],
      ['both files and archive are given', { ...base, archive: 'x.tar.gz' }, 400, 'files, archive: give exactly one'],
      ['neither files nor archive is given', { ...base, files: undefined }, 400, 'files, archive: give exactly one'],
      [
        'the archive is not a .tar.gz',
        { ...base, files: undefined, archive: 'x.zip' },
        400,
        'archive: must be a relative .tar.gz key',
      ],
      [
        'a file is not staged',
        { ...base, files: ['missing.js'] },
        400,
        'files: "missing.js" is not staged at uploads/bad/missing.js',
      ],
      ['there are too many files', { ...base, files: ['1', '2', '3', '4', '5', '6'] }, 413, 'at most 5 files, got 6'],
      ['the files are too large', { ...base, files: ['big.js'] }, 413, 'at most 1024 bytes'],
    ];
    test.each(cases)('%s', async (_name, body, status, expected) => {
      const response = await deploy(body);
      expect(response.statusCode).toBe(status);
      expect(message(response)).toContain(expected);
      expect(await exists(ORIGIN, 'packages/angular/latest.json')).toBe(false);
      expect(invalidations).toEqual([]);
    });

    const archiveCases: [string, Buffer, number, string][] = [
      [
        'an archive entry climbs out',
        tarGz([{ name: '../evil.js', data: 'x' }]),
        400,
        'entry "../evil.js" must be a relative path',
      ],
      ['an archive entry is a symbolic link', tarGz([{ name: 'link', type: '2' }]), 400, 'is a link or special file'],
      [
        'an archive has too many files',
        tarGz(['1', '2', '3', '4', '5', '6'].map((n) => ({ name: n, data: n }))),
        413,
        'at most 5 files',
      ],
      [
        'an archive unpacks beyond the size limit',
        tarGz([
          { name: 'a', data: 'y'.repeat(900) },
          { name: 'b', data: 'y'.repeat(900) },
        ]),
        413,
        'at most 1024 bytes uncompressed',
      ],
      ['an archive is not gzip', Buffer.from('plain text'), 400, 'is not a valid gzip-compressed tar archive'],
      ['an archive holds no files', tarGz([]), 400, 'archive: holds no files'],
    ];
    test.each(archiveCases)('%s', async (_name, archive, status, expected) => {
      await stage('uploads/bad/pkg.tar.gz', archive);
      const response = await deploy({ ...base, files: undefined, archive: 'pkg.tar.gz' });
      expect(response.statusCode).toBe(status);
      expect(message(response)).toContain(expected);
      expect(await exists(ORIGIN, 'packages/angular/1.0.0/evil.js')).toBe(false);
      expect(await exists(ORIGIN, 'packages/angular/latest.json')).toBe(false);
    });

    test('the version is already published (409; versions are immutable)', async () => {
      await stage('uploads/dup/a.js', 'a');
      const body = { framework: 'angular', version: '9.9.9', stagingPrefix: 'uploads/dup', files: ['a.js'] };
      expect((await deploy(body)).statusCode).toBe(200);
      await s3.send(
        new PutObjectCommand({ Bucket: ORIGIN, Key: 'packages/angular/latest.json', Body: '{"version":"9.9.9"}' }),
      );
      const again = await deploy(body);
      expect(again.statusCode).toBe(409);
      expect(message(again)).toContain('angular 9.9.9 is already published');
    });
  });

  test('a copy failing halfway moves no pointer and loses nothing, and the same request retried completes', async () => {
    await stage('uploads/h/one.js', '1');
    await stage('uploads/h/two.js', '2');
    await stage('uploads/h/three.js', '3');
    const first = { framework: 'react', version: '1.1.0', stagingPrefix: 'uploads/h', files: ['one.js'] };
    await stage('uploads/h0/one.js', '0');
    expect((await deploy({ ...first, version: '1.0.5', stagingPrefix: 'uploads/h0' })).statusCode).toBe(200);
    invalidations = [];
    const body = { ...first, files: ['one.js', 'two.js', 'three.js'] };
    failNext.add(`/${ORIGIN}/packages/react/1.1.0/two.js`);

    const failed = await deploy(body);
    expect(failed.statusCode).toBe(500);
    expect(message(failed)).toContain('retry the same request');
    expect(JSON.parse(await read(ORIGIN, 'packages/react/latest.json'))).toMatchObject({ version: '1.0.5' });
    expect(await exists(ORIGIN, 'packages/react/manifests/1.1.0.json')).toBe(false);
    expect(await exists(ORIGIN, 'packages/react/1.1.0/three.js')).toBe(false);
    for (const f of ['one.js', 'two.js', 'three.js']) expect(await exists(STAGING, `uploads/h/${f}`)).toBe(true);
    expect(invalidations).toEqual([]);

    const retried = await deploy(body);
    expect(retried.statusCode).toBe(200);
    expect(JSON.parse(retried.body!)).toMatchObject({ files: 3, latestMoved: true });
    for (const [f, content] of [
      ['one.js', '1'],
      ['two.js', '2'],
      ['three.js', '3'],
    ]) {
      expect(await read(ORIGIN, `packages/react/1.1.0/${f}`)).toBe(content);
    }
    expect(JSON.parse(await read(ORIGIN, 'packages/react/latest.json'))).toMatchObject({ version: '1.1.0' });
    expect(invalidations).toHaveLength(1);
  });

  test('a failing CloudFront invalidation answers 500', async () => {
    await stage('uploads/cf/a.js', 'a');
    const failing = createHandler({
      settings: settings({ distributionId: 'EUNKNOWN' }),
      clients: {
        s3,
        cloudfront: new CloudFrontClient({
          region: 'us-east-1',
          credentials,
          maxAttempts: 1,
          endpoint: `http://127.0.0.1:${(cloudfrontApi.address() as AddressInfo).port}`,
        }),
      },
      logger: new Logger({ logLevel: 'SILENT' }),
      tracer: new Tracer({ enabled: false }),
    });
    const response = await failing({
      body: JSON.stringify({ framework: 'vue', version: '5.0.0', stagingPrefix: 'uploads/cf', files: ['a.js'] }),
    } as APIGatewayProxyEventV2);
    expect(response.statusCode).toBe(500);
  });
});

describe('compareVersions', () => {
  test('orders by semver precedence', () => {
    const sorted = [
      '1.0.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-beta',
      '0.9.9',
      '1.0.0-alpha.beta',
      '1.0.0-rc.1',
      '1.0.0-beta.11',
      '1.0.0-beta.2',
    ];
    expect([...sorted].sort(compareVersions)).toEqual([
      '0.9.9',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ]);
  });
});
