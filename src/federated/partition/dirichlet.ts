import { ConfigError } from '../../errors/index.js';
import { Generator } from '../../tensor/random.js';
import { sampleDirichlet } from './gamma.js';
import type { Labels, Partition } from './partition.js';
import { checkClients, countClasses } from './partition.js';

export interface DirichletOptions {
  /**
   * Every client gets at least this many samples: a draw that leaves a client short is redrawn
   * (up to `maxTries`), then the shortest clients take random rows from the largest ones.
   * @default min(10, floor(samples / clients))
   */
  readonly minSize?: number;
  /** Draws before falling back to moving rows. @default 100 */
  readonly maxTries?: number;
}

/**
 * Dirichlet label skew (Hsu, Qi & Brown 2019, "Measuring the effects of non-identical data
 * distribution"; the sampler of Wang et al. 2020, FedMA): for each class, proportions
 * p ~ Dir(alpha · 1) over the clients split that class's shuffled rows. Small alpha (0.1) gives
 * each client few dominant classes; large alpha (100) approaches IID. As in FedMA's sampler, a
 * client that already holds samples/clients rows takes no more of later classes, which keeps
 * sizes from running away.
 * @example const parts = partitionDirichlet(train.targets.values(), 10, 0.1, 42);
 */
export function partitionDirichlet(labels: Labels, clients: number, alpha: number, seed: number, options: DirichletOptions = {}): Partition {
  const n = labels.length;
  checkClients('partitionDirichlet', n, clients);
  if (!(alpha > 0) || !Number.isFinite(alpha)) {
    throw new ConfigError(`partitionDirichlet: alpha must be a finite number > 0, got ${alpha}`, { hint: 'typical values: 0.1 (strongly non-IID) to 100 (almost IID)' });
  }
  const minSize = options.minSize ?? Math.min(10, Math.floor(n / clients));
  const maxTries = options.maxTries ?? 100;
  if (!Number.isInteger(minSize) || minSize < 0 || minSize * clients > n) {
    throw new ConfigError(`partitionDirichlet: minSize must be an integer from 0 to samples / clients = ${Math.floor(n / clients)}, got ${minSize}`);
  }
  const numClasses = countClasses('partitionDirichlet', labels);
  const gen = new Generator(seed);
  const byClass = rowsByClass(labels, numClasses, gen);
  let parts: number[][] = [];
  for (let attempt = 0; attempt < Math.max(1, maxTries); attempt++) {
    parts = drawOnce(byClass, clients, alpha, n, gen);
    if (Math.min(...parts.map((p) => p.length)) >= minSize) break;
  }
  fillShortClients(parts, minSize, gen);
  return parts.map((p) => Int32Array.from(p));
}

/** Rows of each class, each list in a seeded random order. */
export function rowsByClass(labels: Labels, numClasses: number, gen: Generator): number[][] {
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]!]!.push(i);
  for (const rows of byClass) {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = gen.integer(0, i + 1);
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
  }
  return byClass;
}

function drawOnce(byClass: readonly number[][], clients: number, alpha: number, n: number, gen: Generator): number[][] {
  const parts: number[][] = Array.from({ length: clients }, () => []);
  const cap = n / clients;
  for (const rows of byClass) {
    const p = sampleDirichlet(alpha, clients, gen);
    let open = 0;
    for (let c = 0; c < clients; c++) {
      if (parts[c]!.length >= cap) p[c] = 0;
      open += p[c]!;
    }
    // Every client is full only when rounding left a few rows over: spread them by the raw draw.
    const q = open > 0 ? p.map((v) => v / open) : sampleDirichlet(alpha, clients, gen);
    let start = 0;
    let cumulative = 0;
    for (let c = 0; c < clients; c++) {
      cumulative += q[c]!;
      const end = c === clients - 1 ? rows.length : Math.min(rows.length, Math.round(cumulative * rows.length));
      for (let i = start; i < end; i++) parts[c]!.push(rows[i]!);
      start = Math.max(start, end);
    }
  }
  return parts;
}

/** Moves random rows from the largest client to each client still under `minSize`. */
function fillShortClients(parts: number[][], minSize: number, gen: Generator): void {
  for (const part of parts) {
    while (part.length < minSize) {
      let largest = parts[0]!;
      for (const p of parts) if (p.length > largest.length) largest = p;
      const i = gen.integer(0, largest.length);
      part.push(largest[i]!);
      largest[i] = largest[largest.length - 1]!;
      largest.pop();
    }
  }
}
