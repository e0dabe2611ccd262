/**
 * The real local servers the worker's integration tests run against, all on 127.0.0.1: s3rver (S3), redis-server
 * (the template cache), and one small HTTP server answering SSM GetParameter and Secrets Manager GetSecretValue.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { createServer, type IncomingMessage, type Server } from 'http';
import { createServer as createNetServer, type AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

// s3rver ships no type declarations.
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
};

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export async function close(server: Server): Promise<void> {
  // SDK clients and fetch keep connections alive; close() alone would wait for them.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

export interface LocalS3 {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startS3(buckets: readonly string[]): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'codegen-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The redis-server binary on the PATH, or undefined. */
export function findRedisServer(): string | undefined {
  const result = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = result.stdout.trim();
  return result.status === 0 && path !== '' ? path : undefined;
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface LocalRedis {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts redis-server on a free loopback port without persistence, and waits until it accepts connections. */
export async function startRedis(binary: string): Promise<LocalRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    const check = (): void => {
      if (/Ready to accept connections/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return {
    host: '127.0.0.1',
    port,
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

export interface ParameterStores {
  readonly endpoint: string;
  /** X-Amz-Target of every request received. */
  readonly calls: string[];
  parameters: Record<string, string>;
  secrets: Record<string, string>;
  stop(): Promise<void>;
}

/** SSM GetParameter and Secrets Manager GetSecretValue over the AWS JSON protocol, as the SDK clients speak it. */
export async function startParameterStores(): Promise<ParameterStores> {
  const stores: Omit<ParameterStores, 'endpoint' | 'stop'> = { calls: [], parameters: {}, secrets: {} };
  const server = createServer(async (req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const body = JSON.parse((await readBody(req)) || '{}') as { Name?: string; SecretId?: string };
    stores.calls.push(target);
    const send = (status: number, answer: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(answer));
    };
    if (target === 'AmazonSSM.GetParameter' && body.Name && stores.parameters[body.Name] !== undefined) {
      send(200, { Parameter: { Name: body.Name, Type: 'String', Value: stores.parameters[body.Name], Version: 1 } });
    } else if (target === 'secretsmanager.GetSecretValue' && body.SecretId && stores.secrets[body.SecretId]) {
      send(200, { ARN: body.SecretId, Name: 'model-api-key', SecretString: stores.secrets[body.SecretId] });
    } else if (target.startsWith('AmazonSSM.')) {
      send(400, { __type: 'ParameterNotFound', message: `no parameter ${body.Name}` });
    } else {
      send(400, { __type: 'ResourceNotFoundException', message: `no secret ${body.SecretId}` });
    }
  });
  const port = await listen(server);
  return Object.assign(stores, {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => close(server),
  });
}
