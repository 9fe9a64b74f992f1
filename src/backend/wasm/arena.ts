const pageBytes = 65536;

/**
 * The wasm backend's scratch space: fixed per-thread GEMM scratch at the bottom, then one
 * operand area that is reused by every call and grown only when a call needs more than it
 * has ever needed before. Users never see or free it.
 */
export class WasmArena {
  private f32: Float32Array;
  private capacity: number;

  /** `operandBase` is the first byte of the operand area (above the per-thread scratch). */
  constructor(
    readonly memory: WebAssembly.Memory,
    readonly operandBase: number,
  ) {
    this.f32 = new Float32Array(memory.buffer);
    this.capacity = memory.buffer.byteLength - operandBase;
  }

  /** A Float32Array over all of wasm memory (renewed after growth). */
  get heap(): Float32Array {
    return this.f32;
  }

  /** Bytes of wasm memory in use now. */
  get bytes(): number {
    return this.memory.buffer.byteLength;
  }

  /**
   * Makes the operand area at least `bytes` long; throws RangeError when memory cannot grow
   * that far. Growth adds 1/8 headroom so slowly increasing sizes do not grow every call.
   */
  reserve(bytes: number): void {
    if (bytes <= this.capacity) return;
    const target = this.operandBase + bytes + Math.ceil(bytes / 8);
    const pages = Math.ceil(target / pageBytes) - this.memory.buffer.byteLength / pageBytes;
    this.memory.grow(pages);
    this.f32 = new Float32Array(this.memory.buffer);
    this.capacity = this.memory.buffer.byteLength - this.operandBase;
  }
}
