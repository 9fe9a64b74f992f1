import { Generator } from '../../tensor/random.js';
import type { Partition } from './partition.js';
import { checkClients, cut } from './partition.js';

/**
 * IID partition: a seeded permutation of the `samples` rows cut into `clients` parts whose
 * sizes differ by at most one. Each client's label histogram follows the global one up to
 * sampling noise.
 * @example const parts = partitionIid(60000, 10, 42); // 10 × 6000 rows
 */
export function partitionIid(samples: number, clients: number, seed: number): Partition {
  checkClients('partitionIid', samples, clients);
  const order = new Generator(seed).permutation(samples);
  const base = Math.floor(samples / clients);
  const extra = samples % clients;
  return cut(order, Array.from({ length: clients }, (_, c) => base + (c < extra ? 1 : 0)));
}
