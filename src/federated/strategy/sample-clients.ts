import { ConfigError } from '../../errors/index.js';
import type { Generator } from '../../tensor/index.js';
import type { ClientInfo } from './strategy.js';

/** How many clients a round uses. */
export interface SamplingOptions {
  /** Fraction of the available clients to sample. @default 1 */
  readonly fraction: number;
  /** Sample at least this many, even when the fraction gives fewer. @default 2 */
  readonly minClients: number;
  /** Skip the round when fewer clients than this are available. @default 2 */
  readonly minAvailable: number;
}

/**
 * Samples clients for a round, as Flower's `sample_nodes`: n = max(floor(fraction · available),
 * minClients), without replacement, drawn from `rng` so a seed fixes the choice. Returns an empty
 * list when n is 0 (fraction 0 and minClients 0 turn a phase off) or when fewer than max(minAvailable, minClients) clients are available (the round is skipped).
 * The sample is returned in the order of `clients`.
 */
export function sampleClients(clients: readonly ClientInfo[], options: SamplingOptions, rng: Generator): ClientInfo[] {
  const { fraction, minClients, minAvailable } = options;
  const available = clients.length;
  if (available < Math.max(minAvailable, minClients)) return [];
  const n = Math.min(available, Math.max(Math.floor(fraction * available), minClients));
  if (n === 0) return [];
  if (n === available) return [...clients];
  const order = rng.permutation(available).subarray(0, n);
  return [...order].sort((a, b) => a - b).map((i) => clients[i]!);
}

/** Checks sampling options, naming the strategy in the error. */
export function checkSampling(op: string, prefix: string, options: SamplingOptions): SamplingOptions {
  const { fraction, minClients, minAvailable } = options;
  if (!(fraction >= 0 && fraction <= 1)) throw new ConfigError(`${op}: fraction${cap(prefix)} must be in [0, 1], got ${fraction}`);
  if (!Number.isInteger(minClients) || minClients < 0) throw new ConfigError(`${op}: min${cap(prefix)}Clients must be an integer >= 0, got ${minClients}`);
  if (!Number.isInteger(minAvailable) || minAvailable < 0) {
    throw new ConfigError(`${op}: minAvailableClients must be an integer >= 0, got ${minAvailable}`);
  }
  return options;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
