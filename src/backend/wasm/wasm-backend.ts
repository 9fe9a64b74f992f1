import { BackendError, ConfigError } from '../../errors/index.js';
import type { Backend } from '../backend.js';
import { jsBackend } from '../js/index.js';
import { WasmArena } from './arena.js';
import { wasmConv2d, wasmConvPoolRelu } from './conv.js';
import { wasmLinear } from './linear.js';
import { binary, copy, unary } from './fast-elementwise.js';
import { reduce } from './fast-reduce.js';
import { avgPool2d, avgPool2dBackward, col2im, im2col } from './fast-window.js';
import { ClaimedScratch } from './gemm-claimed.js';
import { wasmGemm } from './gemm.js';
import type { GemmContext } from './gemm.js';
import { unaryBackward } from './fast-unary-backward.js';
import { loadKernels, loadKernelsAsync, relaxedSimdSupported } from './load.js';
import type { WasmKernels } from './load.js';
import { createOptimizerKernels } from './optimizer-kernels.js';
import { createResidentMemory } from './resident.js';
import { availableCores, threadsSupported } from './threads.js';
import { ThreadPool } from './thread-pool.js';
import { wasmMaxPool2d } from './pool.js';

export interface WasmBackendOptions {
  /**
   * Threads that share a GEMM, the calling thread included; 1 runs everything on it. Workers
   * need Node's worker_threads or, in a browser, a cross-origin-isolated page (Web Workers).
   * @default min(available cores, 4)
   */
  readonly threads?: number;
  /**
   * Use the relaxed-SIMD build (fused multiply-add in the GEMM; results may differ from the
   * plain build in the last bit). @default true where the engine supports it
   */
  readonly relaxedSimd?: boolean;
  /** The name the backend reports and registers under. @default 'wasm' */
  readonly name?: string;
  /**
   * float32 GEMMs with fewer multiply-adds (m·n·k·batch) than this run on the js kernel. Even
   * a 4x4x4 product costs under a microsecond on the wasm path, so by default every float32
   * GEMM runs there (and the op suite exercises it at every size). @default 0
   */
  readonly minWork?: number;
  /**
   * GEMMs with at least this many multiply-adds are split across threads; below it, waking
   * a worker and moving the operands to its core cost more than they save (measured on 2 cores:
   * a 128x256x128 product took 0.21 ms on one thread, 0.28 ms split over two).
   * @default 8388608 (2^23, about 203^3)
   */
  readonly minParallelWork?: number;
  /**
   * One-matrix GEMMs with at least this many multiply-adds are shared by threads that claim
   * blocks of rows as they go (a thread whose core is busy elsewhere does fewer) instead of an
   * even split. Measured on 2 cores in interleaved rounds: as fast in the best rounds at
   * n = 512 and 1024, faster in the typical ones (e.g. median 45 against 37 GFLOP/s at 512);
   * slower for the MLP benchmark's products (about 128x784x256), which stay split evenly.
   * @default 67108864 (2^26, about 406^3)
   */
  readonly minClaimedWork?: number;
  /**
   * Whether 'same' 3x3 convolutions (stride 1, padding 1) with at least 8 channels in and out
   * and even sides of at least 8 run by Winograd's F(2x2, 3x3) (2.25x fewer multiplies; results
   * differ from the direct sums by float32 rounding). @default true
   */
  readonly winograd?: boolean;
}

/** The wasm backend: the `Backend` kernels plus its threads and memory, for tests and benchmarks. */
export interface WasmBackend extends Backend {
  /** Threads a large GEMM may use (the calling thread included). */
  readonly threads: number;
  /** Whether the relaxed-SIMD build (fused multiply-add) is running. */
  readonly relaxedSimd: boolean;
  /** Threads ready now; workers start on the first large GEMM and join once started. */
  activeThreads(): number;
  /** Starts the workers if needed and blocks until they are ready (or `timeoutMs` passes); returns activeThreads(). */
  waitForThreads(timeoutMs?: number): number;
  /** Bytes of wasm memory (grows only when a call needs more than any call before). */
  memoryBytes(): number;
  /** Stops the worker threads; later GEMMs run on the calling thread. */
  dispose(): void;
}

export type WasmBackendResult = { readonly ok: true; readonly backend: WasmBackend } | { readonly ok: false; readonly reason: string };

const alignTo = (x: number, to: number): number => Math.ceil(x / to) * to;

interface LoadPlan {
  readonly threadsWanted: number;
  readonly canThread: boolean;
  /** Memory to start with: per-thread scratch (about 2.3 MB with the conv blocks) reserved up front. */
  readonly initialBytes: number;
  readonly relaxed: boolean;
}

function loadPlan(options: WasmBackendOptions): LoadPlan {
  const threadsWanted = options.threads ?? Math.min(availableCores(), 4);
  if (!Number.isInteger(threadsWanted) || threadsWanted < 1 || threadsWanted > 64) {
    throw new ConfigError(`createWasmBackend: threads must be an integer from 1 to 64, got ${threadsWanted}`);
  }
  const canThread = threadsWanted > 1 && threadsSupported() && typeof SharedArrayBuffer === 'function';
  const scratchGuess = 3 * 1024 * 1024;
  const initialBytes = 1024 + (canThread ? threadsWanted : 1) * scratchGuess;
  return { threadsWanted, canThread, initialBytes, relaxed: options.relaxedSimd ?? relaxedSimdSupported() };
}

/** Builds a wasm backend, or says why it cannot load here. */
export function tryCreateWasmBackend(options: WasmBackendOptions = {}): WasmBackendResult {
  const plan = loadPlan(options);
  const loaded = loadKernels(plan.canThread, plan.initialBytes, plan.relaxed);
  return loaded.ok ? { ok: true, backend: backendOn(loaded.kernels, plan, options) } : loaded;
}

/**
 * tryCreateWasmBackend with asynchronous compilation: the way to load the wasm backend on a
 * browser page's main thread, which refuses to compile modules over 4 KB synchronously.
 */
export async function tryCreateWasmBackendAsync(options: WasmBackendOptions = {}): Promise<WasmBackendResult> {
  const plan = loadPlan(options);
  const loaded = await loadKernelsAsync(plan.canThread, plan.initialBytes, plan.relaxed);
  return loaded.ok ? { ok: true, backend: backendOn(loaded.kernels, plan, options) } : loaded;
}

/** The backend over loaded kernels: scratch, arena, threads and the kernel table. */
function backendOn(kernels: WasmKernels, plan: LoadPlan, options: WasmBackendOptions): WasmBackend {
  const { threadsWanted, canThread } = plan;
  const threads = kernels.shared && canThread ? threadsWanted : 1;
  // Per-thread scratch: the GEMM's packed panels, then the convolutions' column, plane and Winograd blocks.
  const scratchBytes = alignTo(Math.max(kernels.exports.scratchBytes(), kernels.exports.convScratchBytes()), 64);
  const base = alignTo(kernels.exports.heapBase(), 64);
  const scratch = Array.from({ length: threads }, (_, i) => base + i * scratchBytes);
  const arena = new WasmArena(kernels.memory, base + threads * scratchBytes);
  const pool = threads > 1 ? new ThreadPool(kernels, threads) : undefined;
  // Long-lived arrays may live in wasm memory only where views survive its growth (shared memory).
  const resident = kernels.shared ? createResidentMemory(kernels.memory, arena) : undefined;
  const ctx: GemmContext = {
    resident,
    kernels,
    arena,
    pool,
    scratch,
    tileRows: kernels.exports.microTileRows(),
    claimed: pool === undefined ? undefined : new ClaimedScratch(arena),
    minWork: options.minWork ?? 0,
    minParallelWork: options.minParallelWork ?? 2 ** 23,
    minClaimedWork: Math.max(options.minClaimedWork ?? 2 ** 26, options.minParallelWork ?? 2 ** 23),
    winograd: options.winograd ?? true,
  };
  const backend: WasmBackend = {
    ...jsBackend,
    name: options.name ?? 'wasm',
    gemm: (p) => wasmGemm(p, ctx),
    unary,
    unaryBackward,
    binary,
    copy,
    reduce,
    im2col,
    col2im,
    maxPool2d: wasmMaxPool2d(ctx),
    avgPool2d,
    avgPool2dBackward,
    conv2d: wasmConv2d(ctx),
    convPoolRelu: wasmConvPoolRelu(ctx),
    linear: wasmLinear(ctx),
    ...(resident !== undefined ? { optimizer: createOptimizerKernels(ctx, resident) } : {}),
    threads,
    relaxedSimd: kernels.relaxed,
    activeThreads: () => (pool === undefined ? 1 : pool.ready().length),
    waitForThreads: (timeoutMs = 10000) => (pool === undefined ? 1 : pool.waitReady(timeoutMs)),
    memoryBytes: () => arena.bytes,
    dispose: () => pool?.dispose(),
  };
  return backend;
}

/**
 * Creates a wasm backend: float32 GEMM (linear layers, batched matmul) and whole float32
 * convolutions (groups 1: im2col blocks and GEMM inside wasm memory, conv.ts) on SIMD128
 * kernels across worker threads. The memory-bound kernels stay in JavaScript, where copying
 * into wasm memory would cost more than SIMD saves: unary, binary, copy, reduce, im2col/col2im
 * (grouped and float64 convolutions) and pooling have specialized loops (fast-*.ts) that give the
 * reference's values; the rest are the js reference's. float64 GEMM runs the js kernel.
 *
 * @example
 * registerBackend(createWasmBackend({ name: 'wasm-1', threads: 1 }));
 * withBackend('wasm-1', () => matmul(a, b));
 */
export function createWasmBackend(options: WasmBackendOptions = {}): WasmBackend {
  const result = tryCreateWasmBackend(options);
  if (!result.ok) {
    throw new BackendError(`createWasmBackend: the wasm backend cannot load: ${result.reason}`, {
      hint: "use the js backend: setBackend('js')",
    });
  }
  return result.backend;
}
