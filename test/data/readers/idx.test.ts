import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx, readIdx } from '../../../src/data/readers/idx.js';
import { ConfigError, FormatError } from '../../../src/errors/index.js';
import { idxBytes, imagePixels, tempDir, writeBytes } from './fixtures.js';

const tmp = tempDir();
after(tmp.cleanup);

describe('parseIdx', () => {
  it('reads a uint8 image header and values', () => {
    const bytes = idxBytes(0x08, [2, 3, 4], imagePixels(2, 3, 4));
    const idx = parseIdx(bytes);
    assert.equal(idx.magic, IDX_IMAGES_MAGIC);
    assert.deepEqual(idx.dims, [2, 3, 4]);
    assert.ok(idx.values instanceof Uint8Array);
    assert.equal(idx.values.length, 24);
    assert.equal(idx.values[12 + 5], (7 + 5) % 256); // sample 1, pixel 5
  });

  it('reads big-endian int16 and float32 values', () => {
    const int16 = new Uint8Array(4);
    new DataView(int16.buffer).setInt16(0, -300, false);
    new DataView(int16.buffer).setInt16(2, 513, false);
    assert.deepEqual(Array.from(parseIdx(idxBytes(0x0b, [2], int16)).values), [-300, 513]);
    const f32 = new Uint8Array(8);
    new DataView(f32.buffer).setFloat32(0, 1.5, false);
    new DataView(f32.buffer).setFloat32(4, -0.25, false);
    const idx = parseIdx(idxBytes(0x0d, [1, 2], f32));
    assert.ok(idx.values instanceof Float32Array);
    assert.deepEqual(Array.from(idx.values), [1.5, -0.25]);
  });

  it('refuses a file shorter than the magic number', () => {
    assert.throws(() => parseIdx(new Uint8Array([0, 0]), { source: 'tiny.idx' }), (e: unknown) => {
      assert.ok(e instanceof FormatError);
      assert.match(e.message, /tiny\.idx: truncated: 2 bytes/);
      return true;
    });
  });

  it('refuses a wrong magic number, naming it', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    assert.throws(() => parseIdx(zip, { source: 'x.zip' }), /x\.zip: wrong magic number 0x504b0304 at byte 0/);
    const labels = idxBytes(0x08, [3], new Uint8Array([1, 2, 3]));
    assert.throws(
      () => parseIdx(labels, { source: 'labels.idx', magic: IDX_IMAGES_MAGIC }),
      /labels\.idx: wrong magic number 0x00000801 at byte 0, expected 0x00000803[\s\S]*swap/,
    );
    assert.throws(() => parseIdx(idxBytes(0x07, [1], new Uint8Array([1]))), FormatError); // unknown type code
  });

  it('refuses a truncated header', () => {
    const bytes = idxBytes(0x08, [2, 3, 4], new Uint8Array(0)).subarray(0, 10);
    assert.throws(() => parseIdx(bytes, { source: 'h.idx' }), /h\.idx: truncated header: 3 dimensions need 16 header bytes, the file has 10/);
  });

  it('refuses data shorter or longer than the header dims', () => {
    const short = idxBytes(0x08, [2, 3, 4], new Uint8Array(23));
    assert.throws(() => parseIdx(short, { source: 's.idx' }), /s\.idx: header dims \[2,3,4\] of uint8 need 24 data bytes after byte 16, the file has 23/);
    const long = idxBytes(0x08, [5], new Uint8Array(7));
    assert.throws(() => parseIdx(long, { source: 'l.idx' }), /l\.idx: header dims \[5\] of uint8 describe 5 data bytes, the file has 2 bytes more/);
  });

  it('refuses a hostile header claiming a huge array without allocating it', () => {
    // 4e9 x 4e9 x 4e9 float64 values: allocating would fail; the size check must come first.
    const hostile = idxBytes(0x0e, [0xffffffff, 0xffffffff, 0xffffffff], new Uint8Array(16));
    assert.throws(() => parseIdx(hostile, { source: 'evil.idx' }), (e: unknown) => {
      assert.ok(e instanceof FormatError);
      assert.match(e.message, /evil\.idx: header dims \[4294967295,4294967295,4294967295\] of float64 need .* data bytes/);
      return true;
    });
  });
});

describe('readIdx', () => {
  it('reads the same array from a plain and a gzipped file', () => {
    const bytes = idxBytes(0x08, [3, 2, 2], imagePixels(3, 2, 2));
    const plain = readIdx(writeBytes(tmp.path('a-idx3-ubyte'), bytes));
    const gz = readIdx(writeBytes(tmp.path('a-idx3-ubyte.gz'), bytes, true), { magic: IDX_IMAGES_MAGIC });
    assert.deepEqual(gz.dims, [3, 2, 2]);
    assert.deepEqual(Array.from(gz.values), Array.from(plain.values));
    assert.deepEqual(Array.from(plain.values), Array.from(imagePixels(3, 2, 2)));
  });

  it('names the file in errors, for gzipped files too', () => {
    const path = writeBytes(tmp.path('trunc-idx1-ubyte.gz'), idxBytes(0x08, [10], new Uint8Array(4)), true);
    assert.throws(() => readIdx(path, { magic: IDX_LABELS_MAGIC }), (e: unknown) => {
      assert.ok(e instanceof FormatError);
      assert.ok(e.message.startsWith(`${path}: header dims [10]`), e.message);
      return true;
    });
  });

  it('refuses a corrupt gzip stream and one that inflates past maxBytes', () => {
    const good = gzipSync(idxBytes(0x08, [1000], new Uint8Array(1000)));
    const corrupt = tmp.path('corrupt.gz');
    writeFileSync(corrupt, good.subarray(0, good.length - 20));
    assert.throws(() => readIdx(corrupt), new RegExp(`${corrupt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the gzip stream is corrupt or truncated`));
    const big = writeBytes(tmp.path('big.gz'), idxBytes(0x08, [1000], new Uint8Array(1000)), true);
    assert.throws(() => readIdx(big, { maxBytes: 100 }), /inflates to more than 100 bytes, refused/);
  });

  it('a missing file is a ConfigError naming the path', () => {
    assert.throws(() => readIdx(tmp.path('nope.idx')), (e: unknown) => e instanceof ConfigError && e.message.includes('nope.idx'));
  });
});
