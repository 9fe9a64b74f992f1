import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostIsLittleEndian, readLittleEndian, writeLittleEndian } from '../../src/io/little-endian.js';

describe('little-endian copies', () => {
  it('detects the host byte order', () => {
    const probe = new DataView(new Uint16Array([0x0102]).buffer).getUint16(0, true) === 0x0102;
    assert.equal(hostIsLittleEndian, probe);
  });

  // Both paths run on every host: the byte copy (little-endian hosts) and DataView (any host).
  for (const littleEndianHost of [true, false]) {
    const path = littleEndianHost ? 'byte-copy path' : 'DataView path';
    it(`reads hand-written little-endian bytes at an odd offset (${path})`, () => {
      if (littleEndianHost && !hostIsLittleEndian) return;
      // 1 pad byte, then F32 1.0 (00 00 80 3f), F32 -2.0 (00 00 00 c0).
      const f32 = readLittleEndian(new Uint8Array([9, 0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]), 1, 2, 'float32', littleEndianHost);
      assert.ok(f32 instanceof Float32Array);
      assert.deepEqual(Array.from(f32), [1, -2]);
      // I32 -2 = fe ff ff ff, 258 = 02 01 00 00, at offset 3.
      const i32 = readLittleEndian(new Uint8Array([0, 0, 0, 0xfe, 0xff, 0xff, 0xff, 2, 1, 0, 0]), 3, 2, 'int32', littleEndianHost);
      assert.deepEqual(Array.from(i32), [-2, 258]);
      // F64 0.5 = 00 00 00 00 00 00 e0 3f, at offset 5.
      const f64 = readLittleEndian(new Uint8Array([1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0, 0xe0, 0x3f]), 5, 1, 'float64', littleEndianHost);
      assert.ok(f64 instanceof Float64Array && f64.byteOffset === 0);
      assert.deepEqual(Array.from(f64), [0.5]);
    });

    it(`writes little-endian bytes at an odd offset (${path})`, () => {
      if (littleEndianHost && !hostIsLittleEndian) return;
      const out = new Uint8Array(13);
      writeLittleEndian(out, 1, new Float32Array([1]), littleEndianHost);
      writeLittleEndian(out, 5, new Float64Array([0.5]), littleEndianHost);
      assert.deepEqual(Array.from(out), [0, 0, 0, 0x80, 0x3f, 0, 0, 0, 0, 0, 0, 0xe0, 0x3f]);
      const ints = new Uint8Array(8);
      writeLittleEndian(ints, 0, new Int32Array([-2, 258]), littleEndianHost);
      assert.deepEqual(Array.from(ints), [0xfe, 0xff, 0xff, 0xff, 2, 1, 0, 0]);
    });
  }
});
