import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { zipDirectory } from './zip.js';

/** Reads a zip back through its central directory, as an unzip tool does. */
function readZip(/** @type {Buffer} */ zip) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  /** @type {Record<string, string>} */
  const files = {};
  for (let i = 0; i < count; i++) {
    const packedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = zip.readUInt32LE(at + 42);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = inflateRawSync(zip.subarray(dataStart, dataStart + packedSize));
    assert.equal(crc32(data), zip.readUInt32LE(at + 16), `crc of ${name}`);
    files[name] = data.toString('utf8');
    at += 46 + nameLength;
  }
  return files;
}

describe('zip', () => {
  it('directory_isZippedWithForwardSlashPathsAndReadsBack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
    try {
      mkdirSync(join(dir, 'src', 'sub'), { recursive: true });
      writeFileSync(join(dir, 'src', 'manifest.json'), '{"manifest_version":3}');
      writeFileSync(join(dir, 'src', 'sub', 'page.js'), 'x'.repeat(5000));
      assert.equal(zipDirectory(join(dir, 'src'), join(dir, 'out.zip')), 2);
      assert.deepEqual(readZip(readFileSync(join(dir, 'out.zip'))), { 'manifest.json': '{"manifest_version":3}', 'sub/page.js': 'x'.repeat(5000) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
