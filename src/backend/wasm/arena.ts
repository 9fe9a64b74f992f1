const pageBytes = 65536;
const blockAlign = 64;

const alignUp = (x: number): number => Math.ceil(x / blockAlign) * blockAlign;

/** A free run of wasm memory: bytes [start, start + size). */
interface FreeRun {
  start: number;
  size: number;
}

/**
 * The wasm backend's memory above the fixed per-thread GEMM scratch. It holds
 * - one operand area, reused by every kernel call and replaced by a larger one only when a call
 *   needs more than any call before (the old area returns to the free list);
 * - long-lived blocks (optimizer state the kernels update in place), allocated first-fit from the
 *   free list or at the end of memory, and released when their owner is garbage-collected.
 * Users never see or free any of it.
 */
export class WasmArena {
  private f32: Float32Array;
  private areaStart: number;
  private areaSize = 0;
  /** Free runs, sorted by start, never adjacent (coalesced). */
  private readonly free: FreeRun[] = [];

  /** `base` is the first byte above the per-thread scratch. */
  constructor(readonly memory: WebAssembly.Memory, base: number) {
    this.f32 = new Float32Array(memory.buffer);
    this.areaStart = alignUp(base);
    const end = memory.buffer.byteLength;
    if (end > this.areaStart) this.release(this.areaStart, end - this.areaStart);
    this.reserve(0);
  }

  /** A Float32Array over all of wasm memory (renewed after growth). */
  get heap(): Float32Array {
    return this.f32;
  }

  /** Bytes of wasm memory in use now. */
  get bytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** First byte of the operand area (it moves when the area is replaced by a larger one). */
  get operandBase(): number {
    return this.areaStart;
  }

  /**
   * Makes the operand area at least `bytes` long; throws RangeError when memory cannot grow
   * that far. A new area gets 1/8 headroom so slowly increasing sizes do not move it every call.
   */
  reserve(bytes: number): void {
    if (bytes <= this.areaSize && this.areaSize > 0) return;
    const size = alignUp(Math.max(bytes + Math.ceil(bytes / 8), blockAlign));
    if (this.areaSize > 0) this.release(this.areaStart, this.areaSize);
    this.areaSize = 0;
    this.areaStart = this.allocate(size);
    this.areaSize = size;
  }

  /**
   * A long-lived block of `bytes` (64-byte aligned); its address. Throws RangeError when memory
   * cannot grow that far. Only for shared memory, whose old views stay valid when it grows.
   */
  allocate(bytes: number): number {
    const size = alignUp(Math.max(bytes, blockAlign));
    for (let i = 0; i < this.free.length; i++) {
      const run = this.free[i]!;
      if (run.size < size) continue;
      const start = run.start;
      run.start += size;
      run.size -= size;
      if (run.size === 0) this.free.splice(i, 1);
      return start;
    }
    // Nothing fits: grow memory, extending a free run that ends where memory ends.
    const end = this.memory.buffer.byteLength;
    const last = this.free[this.free.length - 1];
    const tail = last !== undefined && last.start + last.size === end ? last.size : 0;
    this.memory.grow(Math.ceil((size - tail) / pageBytes));
    this.f32 = new Float32Array(this.memory.buffer);
    this.release(end, this.memory.buffer.byteLength - end);
    return this.allocate(size);
  }

  /** Returns a block from `allocate` (or the old operand area) to the free list. */
  release(start: number, bytes: number): void {
    const size = alignUp(bytes);
    let i = 0;
    while (i < this.free.length && this.free[i]!.start < start) i++;
    this.free.splice(i, 0, { start, size });
    // Merge with the next run, then with the previous one.
    const next = this.free[i + 1];
    if (next !== undefined && start + size === next.start) {
      this.free[i]!.size += next.size;
      this.free.splice(i + 1, 1);
    }
    const previous = this.free[i - 1];
    if (previous !== undefined && previous.start + previous.size === start) {
      previous.size += this.free[i]!.size;
      this.free.splice(i, 1);
    }
  }
}
