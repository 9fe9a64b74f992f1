import { ConfigError } from '../../errors/index.js';
import { partitionDirichlet } from './dirichlet.js';
import { partitionIid } from './iid.js';
import type { Labels, Partition } from './partition.js';
import { partitionQuantitySkew } from './quantity.js';
import { partitionShards } from './shards.js';

/** A partitioner and its parameter, as the simulator and the CLI name them. */
export type PartitionSpec =
  | { readonly kind: 'iid' }
  | { readonly kind: 'dirichlet'; readonly alpha: number }
  | { readonly kind: 'shards'; readonly classesPerClient: number }
  | { readonly kind: 'quantity'; readonly alpha: number };

const forms = "'iid', 'dirichlet:ALPHA' (e.g. dirichlet:0.1), 'shards:K' (e.g. shards:2) or 'quantity:ALPHA' (e.g. quantity:0.5)";

/** Parses 'iid', 'dirichlet:0.1', 'shards:2' or 'quantity:0.5'. */
export function parsePartitionSpec(text: string): PartitionSpec {
  const [kind, arg, ...rest] = text.trim().split(':');
  const value = arg === undefined ? Number.NaN : Number(arg);
  const bad = (): never => {
    throw new ConfigError(`partition: cannot read '${text}'`, { expected: forms, got: text });
  };
  if (rest.length > 0) return bad();
  if (kind === 'iid' && arg === undefined) return { kind: 'iid' };
  if (!(value > 0) || !Number.isFinite(value)) return bad();
  if (kind === 'dirichlet') return { kind: 'dirichlet', alpha: value };
  if (kind === 'quantity') return { kind: 'quantity', alpha: value };
  if (kind === 'shards' && Number.isInteger(value)) return { kind: 'shards', classesPerClient: value };
  return bad();
}

/** Runs the partitioner `spec` names over `labels`. */
export function partitionData(spec: PartitionSpec, labels: Labels, clients: number, seed: number): Partition {
  switch (spec.kind) {
    case 'iid':
      return partitionIid(labels.length, clients, seed);
    case 'dirichlet':
      return partitionDirichlet(labels, clients, spec.alpha, seed);
    case 'shards':
      return partitionShards(labels, clients, spec.classesPerClient, seed);
    case 'quantity':
      return partitionQuantitySkew(labels.length, clients, spec.alpha, seed);
  }
}

/** A short name for logs: 'dirichlet:0.1'. */
export function formatPartitionSpec(spec: PartitionSpec): string {
  switch (spec.kind) {
    case 'iid':
      return 'iid';
    case 'dirichlet':
    case 'quantity':
      return `${spec.kind}:${spec.alpha}`;
    case 'shards':
      return `shards:${spec.classesPerClient}`;
  }
}
