import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WasmArena } from '../../../src/backend/wasm/arena.js';

const page = 65536;

describe('WasmArena', () => {
  it('reuses the operand area, and replaces it only when a call needs more', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 64, shared: true });
    const arena = new WasmArena(memory, 1024);
    arena.reserve(1000);
    const first = arena.operandBase;
    assert.ok(first >= 1024 && first % 64 === 0);
    arena.reserve(800);
    assert.equal(arena.operandBase, first);
    arena.reserve(3 * page);
    assert.ok(memory.buffer.byteLength >= arena.operandBase + 3 * page, 'memory grew to hold the larger area');
    const bytes = arena.bytes;
    for (let i = 0; i < 20; i++) arena.reserve(3 * page - i);
    assert.equal(arena.bytes, bytes, 'smaller requests neither grow memory nor move the area');
  });

  it('allocates disjoint aligned blocks, and coalesces released ones so their space is reused', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 64, shared: true });
    const arena = new WasmArena(memory, 256);
    arena.reserve(4096);
    const blocks = [1000, 64, 7, 5000].map((bytes) => ({ start: arena.allocate(bytes), bytes }));
    const area = { start: arena.operandBase, bytes: 4096 };
    const all = [...blocks, area].sort((a, b) => a.start - b.start);
    for (let i = 0; i < all.length; i++) {
      assert.equal(all[i]!.start % 64, 0);
      if (i > 0) assert.ok(all[i - 1]!.start + all[i - 1]!.bytes <= all[i]!.start, 'blocks do not overlap');
    }
    // Release the first three (adjacent after the area): one 1,152-byte request fits in their merged run.
    const [a, b, c] = blocks as [{ start: number; bytes: number }, { start: number; bytes: number }, { start: number; bytes: number }];
    arena.release(b.start, b.bytes);
    arena.release(a.start, a.bytes);
    arena.release(c.start, c.bytes);
    const grown = arena.bytes;
    const again = arena.allocate(1000 + 64 + 64);
    assert.equal(again, Math.min(a.start, b.start, c.start));
    assert.equal(arena.bytes, grown);
  });

  it('keeps views of long-lived blocks valid when shared memory grows', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 256, shared: true });
    const arena = new WasmArena(memory, 64);
    const start = arena.allocate(400);
    const view = new Float32Array(memory.buffer, start, 100);
    view.fill(3.5);
    arena.reserve(40 * page);
    assert.ok(memory.buffer.byteLength > 40 * page);
    assert.equal(view[99], 3.5);
    assert.equal(arena.heap[start / 4 + 50], 3.5);
    view[0] = -1;
    assert.equal(arena.heap[start / 4], -1);
  });

  it('throws RangeError when memory cannot grow that far', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const arena = new WasmArena(memory, 64);
    assert.throws(() => arena.reserve(10 * page), RangeError);
    assert.throws(() => arena.allocate(10 * page), RangeError);
  });
});
