/**
 * A 32-bit seed derived from `seed` and a path of integers (round, client, purpose): each
 * part is folded in with MurmurHash3's finalizer, so neighbouring paths give unrelated seeds.
 * A client's randomness in a round depends only on this path, never on which worker thread
 * ran it or in what order, which keeps a simulation deterministic under any scheduling.
 * @example const clientSeed = deriveSeed(42, round, clientIndex, SeedPurpose.train);
 */
export function deriveSeed(seed: number, ...parts: readonly number[]): number {
  let h = mix(Math.floor(seed) >>> 0 ^ 0x2545f491);
  h = mix(h ^ (Math.floor(seed / 0x100000000) >>> 0));
  for (const p of parts) h = mix((h + Math.imul(Math.floor(p) >>> 0, 0x9e3779b1)) >>> 0);
  return h;
}

/** Streams of randomness kept apart by `deriveSeed`'s last part. */
export const SeedPurpose = {
  train: 1,
  faults: 2,
  attack: 3,
  sampling: 4,
  attackers: 5,
  localSplit: 6,
  model: 7,
} as const;

function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
