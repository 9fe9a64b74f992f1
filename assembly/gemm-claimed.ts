// One GEMM shared by threads that claim its work as they go, so a thread that starts late or
// whose core is taken for a while does less of it (a static split waits for the slowest share).
// Two phases, both claimed from counters in a control block:
//  1. pack all of op(B) into panels shared by every thread (chunks of panels per claim);
//  2. once every panel is packed and the host has flagged A as ready, claim blocks of rows of C,
//     each computed over all of k and n from the shared panels, and flag each block done.
// The loops inside a block follow gemm.ts (Goto & van de Geijn 2008), with the whole of packed B
// in place of its NC x KC block.
import { KC, MC } from './gemm';
import { microKernel } from './micro-kernel';
import { MR, NR, packA, packB } from './pack';

// Control block (i32 slots): next panel chunk to claim, panels packed, next row block to claim,
// A ready (set by the host), then one done flag per row block, then the blocks' first rows
// (blocks + 1 of them, the last being m; written by the host).
const nextChunk = 0;
const panelsPacked = 4;
const nextBlock = 8;
const aReady = 12;
const doneFlags = 16;
/** Panels per claim in phase 1. */
const chunk = 4;
/** Polls of the phase-1 barrier before handing back to the host (which then waits with a clock). */
const maxPolls = 1 << 22;

/** Bytes of the shared packed B of a k x n product: one KC x NR slot per (k block, NR columns). */
export function claimedPackedBytes(n: i32, k: i32): i32 {
  return ((k + KC - 1) / KC) * ((n + NR - 1) / NR) * KC * NR * 4;
}

/**
 * C (+)= op(A)·op(B) for one matrix (arguments as gemmOne), shared with other threads through
 * `control` (20 + 8 x blocks bytes: counters and flags zeroed, block starts written by the host)
 * and `packed` (claimedPackedBytes). Blocks are at most MC rows. Returns the index of the last
 * block this call computed when `oneBlock` is set, -1 when no block was left to claim, and -2
 * when the panels were not all packed (or A not ready) after a bounded wait: the host waits and
 * calls again.
 */
export function gemmClaimed(
  a: usize, b: usize, c: usize, m: i32, n: i32, k: i32,
  ars: i32, acs: i32, brs: i32, bcs: i32, ldc: i32, accumulate: bool, scratch: usize,
  packed: usize, control: usize, blocks: i32, oneBlock: bool,
): i32 {
  const panelsN = (n + NR - 1) / NR;
  const panels = ((k + KC - 1) / KC) * panelsN;
  const panelBytes = <usize>(KC * NR) << 2;
  for (let u = claim(control, nextChunk) * chunk; u < panels; u = claim(control, nextChunk) * chunk) {
    const end = min(panels, u + chunk);
    for (let q = u; q < end; q++) {
      const pc = (q / panelsN) * KC;
      const jr = (q % panelsN) * NR;
      packB(b + (<usize>(pc * brs + jr * bcs) << 2), brs, bcs, min(KC, k - pc), min(NR, n - jr), packed + <usize>q * panelBytes);
    }
    add(control, panelsPacked, end - u);
  }
  let polls = 0;
  while (read(control, panelsPacked) < panels || read(control, aReady) == 0) {
    if (++polls > maxPolls) return -2;
  }
  const packedA = scratch;
  const tile = scratch + (<usize>(MC * KC) << 2);
  const ldcBytes = <usize>ldc << 2;
  let last = -1;
  const starts = control + doneFlags + (<usize>blocks << 2);
  for (let r = claim(control, nextBlock); r < blocks; r = claim(control, nextBlock)) {
    const i0 = load<i32>(starts + (<usize>r << 2));
    const rows = load<i32>(starts + (<usize>(r + 1) << 2)) - i0;
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const overwrite = pc == 0 && !accumulate;
      packA(a + (<usize>(i0 * ars + pc * acs) << 2), ars, acs, rows, kc, packedA);
      for (let jr = 0; jr < n; jr += NR) {
        const nr = min(NR, n - jr);
        const pb = packed + <usize>((pc / KC) * panelsN + jr / NR) * panelBytes;
        const cCol = c + (<usize>jr << 2);
        for (let ir = 0; ir < rows; ir += MR) {
          microKernel(
            kc, packedA + (<usize>(ir * kc) << 2), pb,
            cCol + <usize>(i0 + ir) * ldcBytes, ldcBytes, min(MR, rows - ir), nr, overwrite, tile,
          );
        }
      }
    }
    write(control, doneFlags + (r << 2), 1);
    last = r;
    if (oneBlock) return r;
  }
  return oneBlock ? -1 : last;
}

// Sequentially consistent atomics where memory is shared; plain loads and stores in the
// one-thread build, which has no atomics (and no other thread).
// @ts-ignore: decorator
@inline function claim(control: usize, slot: i32): i32 {
  return add(control, slot, 1);
}

// @ts-ignore: decorator
@inline function add(control: usize, slot: i32, value: i32): i32 {
  const at = control + <usize>slot;
  if (ASC_FEATURE_THREADS) return atomic.add<i32>(at, value);
  const old = load<i32>(at);
  store<i32>(at, old + value);
  return old;
}

// @ts-ignore: decorator
@inline function read(control: usize, slot: i32): i32 {
  if (ASC_FEATURE_THREADS) return atomic.load<i32>(control + <usize>slot);
  return load<i32>(control + <usize>slot);
}

// @ts-ignore: decorator
@inline function write(control: usize, slot: i32, value: i32): void {
  if (ASC_FEATURE_THREADS) atomic.store<i32>(control + <usize>slot, value);
  else store<i32>(control + <usize>slot, value);
}
