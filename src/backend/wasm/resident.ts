import type { WasmArena } from './arena.js';

/** Float32 arrays that live in wasm memory, so kernels use them in place instead of copying. */
export interface ResidentMemory {
  /** A zero-filled array in wasm memory, released when it is garbage-collected. */
  array(length: number): Float32Array;
  /** Whether `array` is one of this memory's arrays (then its byteOffset is its wasm address). */
  owns(array: ArrayLike<number>): boolean;
}

/**
 * Long-lived arrays in wasm memory (optimizer state, parameters): blocks of the arena, released
 * by a FinalizationRegistry when their array is collected. Only for a shared memory, whose
 * views stay valid when it grows (a plain memory's buffer is replaced, and views die with it).
 */
export function createResidentMemory(memory: WebAssembly.Memory, arena: WasmArena): ResidentMemory {
  const owned = new WeakSet<object>();
  const blocks = new FinalizationRegistry<{ start: number; bytes: number }>(({ start, bytes }) => arena.release(start, bytes));
  return {
    array: (length) => {
      const bytes = Math.max(length, 1) * 4;
      const start = arena.allocate(bytes);
      const array = new Float32Array(memory.buffer, start, length);
      array.fill(0);
      owned.add(array);
      blocks.register(array, { start, bytes });
      return array;
    },
    owns: (array) => owned.has(array),
  };
}
