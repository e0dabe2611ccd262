/**
 * Reads the regular files of a gzip-compressed tar archive (ustar, with pax `path` records), refusing links and
 * other special entries and anything larger than the package limit once uncompressed.
 */
import { gunzipSync } from 'zlib';
import { RequestError } from './request';

export interface ArchiveEntry {
  readonly path: string;
  readonly data: Buffer;
}

const BLOCK = 512;

function field(header: Buffer, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function paxPath(data: Buffer): string | undefined {
  // Records are "<length> <key>=<value>\n".
  for (const record of data.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match) return match[1];
  }
  return undefined;
}

export function readTarGz(archive: Buffer, maxBytes: number): ArchiveEntry[] {
  let tar: Buffer;
  try {
    // Archive size is bounded by the limit, not the compressed size: a small bomb must not fill the memory.
    tar = gunzipSync(archive, { maxOutputLength: maxBytes + 2 * BLOCK * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new RequestError(413, `archive: a package may be at most ${maxBytes} bytes uncompressed`);
    }
    throw new RequestError(400, 'archive: is not a valid gzip-compressed tar archive');
  }
  const entries: ArchiveEntry[] = [];
  let total = 0;
  let offset = 0;
  let nextPath: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (!field(header, 257, 6).startsWith('ustar')) throw new RequestError(400, 'archive: is not a ustar tar archive');
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size) || size < 0 || offset + BLOCK + size > tar.length) {
      throw new RequestError(400, 'archive: is truncated or has a malformed entry size');
    }
    const type = String.fromCharCode(header[156] || 0x30);
    const data = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const prefix = field(header, 345, 155);
    const name = nextPath ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    if (type === 'x') {
      nextPath = paxPath(data);
      continue;
    }
    if (type === 'L') {
      // GNU long name: the entry's data is the next entry's path.
      nextPath = field(data, 0, data.length);
      continue;
    }
    nextPath = undefined;
    if (type === 'g' || type === '5') continue;
    if (type !== '0') {
      throw new RequestError(
        400,
        `archive: entry ${JSON.stringify(name)} is a link or special file; only regular files are allowed`,
      );
    }
    total += size;
    if (total > maxBytes)
      throw new RequestError(413, `archive: a package may be at most ${maxBytes} bytes uncompressed`);
    entries.push({ path: name.replace(/^(\.\/)+/, ''), data: Buffer.from(data) });
  }
  return entries;
}
