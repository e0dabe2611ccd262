import { inflateRawSync } from 'zlib';
import { crc32, deterministicZip } from '../../modules/deterministic-zip';

/** Reads a zip through its central directory, as unzip and Lambda do. */
function readZip(zip: Buffer): Record<string, string> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const crc = zip.readUInt32LE(p + 16);
    const compressedSize = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = inflateRawSync(zip.subarray(dataStart, dataStart + compressedSize));
    expect(crc32(data)).toBe(crc);
    files[name] = data.toString('utf8');
    p += 46 + nameLength;
  }
  return files;
}

describe('deterministicZip', () => {
  const entries = [
    { name: 'index.js', data: Buffer.from('exports.handler = async () => 1;') },
    { name: 'index.js.map', data: Buffer.from('{"version":3}') },
  ];

  test('round-trips its entries', () => {
    expect(readZip(deterministicZip(entries))).toEqual({
      'index.js': 'exports.handler = async () => 1;',
      'index.js.map': '{"version":3}',
    });
  });

  test('depends only on names and contents, not on order or time', () => {
    const first = deterministicZip(entries);
    const second = deterministicZip([...entries].reverse());
    expect(second.equals(first)).toBe(true);
  });

  test('changes when a content changes', () => {
    const changed = deterministicZip([entries[0], { name: 'index.js.map', data: Buffer.from('{"version":4}') }]);
    expect(changed.equals(deterministicZip(entries))).toBe(false);
  });

  test('crc32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
