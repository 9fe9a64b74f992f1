import { ConfigError } from '../../errors/index.js';
import { Generator } from '../../tensor/random.js';
import { rowsByClass } from './dirichlet.js';
import type { Labels, Partition } from './partition.js';
import { checkClients, countClasses } from './partition.js';

/**
 * Pathological non-IID shards (McMahan et al. 2017, "Communication-efficient learning of deep
 * networks from decentralized data", section 3: sort by label, cut into shards, two shards per
 * client). McMahan's random shard draw can give a client two shards of one class; here each
 * client gets exactly `classesPerClient` distinct classes: clients pick, in turn, the classes
 * with the most unclaimed shards (ties broken at random), and each class's shuffled rows are
 * cut into equal shards among the clients that picked it.
 * @example partitionShards(labels, 100, 2, 42) // every client holds exactly 2 classes
 */
export function partitionShards(labels: Labels, clients: number, classesPerClient: number, seed: number): Partition {
  const n = labels.length;
  checkClients('partitionShards', n, clients);
  const numClasses = countClasses('partitionShards', labels);
  const k = classesPerClient;
  if (!Number.isInteger(k) || k < 1 || k > numClasses) {
    throw new ConfigError(`partitionShards: classesPerClient must be an integer from 1 to ${numClasses} (the number of classes), got ${k}`);
  }
  const gen = new Generator(seed);
  const byClass = rowsByClass(labels, numClasses, gen);
  const present = byClass.map((rows) => rows.length > 0);
  const classes = present.filter(Boolean).length;
  if (k > classes) throw new ConfigError(`partitionShards: classesPerClient ${k} exceeds the ${classes} classes present in the labels`);
  // Shards each class can give: an even share of the clients·k slots over the present classes.
  const slots = clients * k;
  const order = [...gen.permutation(numClasses)].filter((c) => present[c]);
  const capacity = new Array<number>(numClasses).fill(0);
  order.forEach((c, i) => (capacity[c] = Math.floor(slots / classes) + (i < slots % classes ? 1 : 0)));
  const holders: number[][] = Array.from({ length: numClasses }, () => []);
  const remaining = [...capacity];
  for (let client = 0; client < clients; client++) {
    const tie = Array.from({ length: numClasses }, () => gen.random());
    const ranked = order.slice().sort((a, b) => remaining[b]! - remaining[a]! || tie[a]! - tie[b]!);
    for (const c of ranked.slice(0, k)) {
      holders[c]!.push(client);
      remaining[c]!--;
    }
  }
  const parts: number[][] = Array.from({ length: clients }, () => []);
  byClass.forEach((rows, c) => {
    const who = holders[c]!;
    if (who.length === 0) return;
    if (rows.length < who.length) {
      throw new ConfigError(`partitionShards: class ${c} has ${rows.length} samples for ${who.length} shards`, { hint: 'use fewer clients or fewer classes per client' });
    }
    who.forEach((client, s) => {
      const start = Math.floor((s * rows.length) / who.length);
      const end = Math.floor(((s + 1) * rows.length) / who.length);
      for (let i = start; i < end; i++) parts[client]!.push(rows[i]!);
    });
  });
  return parts.map((p) => Int32Array.from(p));
}
