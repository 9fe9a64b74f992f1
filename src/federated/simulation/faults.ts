import { ConfigError } from '../../errors/index.js';
import { Generator } from '../../tensor/random.js';
import type { ArrayData, ArrayRecord } from '../protocol/index.js';
import { deriveSeed, SeedPurpose } from './seeds.js';

/** Kinds of adversarial update a client can send in place of its honest one. */
export type AttackKind = 'sign-flip' | 'scale' | 'noise' | 'nan' | 'malformed';

export const attackKinds: readonly AttackKind[] = ['sign-flip', 'scale', 'noise', 'nan', 'malformed'];

/**
 * Rates and strengths of injected faults. Dropout and straggling are drawn afresh for every
 * client in every round; attackers are a fixed set of clients chosen once from the seed
 * (round(rate · clients) of them per kind, disjoint), as in the Byzantine-robustness
 * literature (Blanchard et al. 2017, Krum).
 */
export interface FaultOptions {
  /** Chance that a sampled client drops out mid-round and never replies. @default 0 */
  readonly dropoutRate?: number;
  /** Chance that a sampled client replies after the round timeout (counted as a failure). @default 0 */
  readonly stragglerRate?: number;
  /** Fraction of clients that send w_g − signFlipFactor · (w − w_g). @default 0 */
  readonly signFlipRate?: number;
  /** Fraction of clients that send w_g + scaleFactor · (w − w_g). @default 0 */
  readonly scaleRate?: number;
  /** Fraction of clients that add N(0, noiseStd²) to every parameter. @default 0 */
  readonly noiseRate?: number;
  /** Fraction of clients whose update holds NaN. @default 0 */
  readonly nanRate?: number;
  /** Fraction of clients whose update is malformed (the first array one value short). @default 0 */
  readonly malformedRate?: number;
  /** @default 4 */
  readonly signFlipFactor?: number;
  /** @default 10 */
  readonly scaleFactor?: number;
  /** @default 1 */
  readonly noiseStd?: number;
}

/** What happens to one client in one round. */
export interface ClientFault {
  /** 'dropout': no reply; 'straggler': the reply comes after the timeout; 'ok': it replies in time. */
  readonly delivery: 'ok' | 'dropout' | 'straggler';
  /** The attack applied to its update, if it is an attacker. */
  readonly attack: AttackKind | null;
}

const rateKeys = ['dropoutRate', 'stragglerRate', 'signFlipRate', 'scaleRate', 'noiseRate', 'nanRate', 'malformedRate'] as const;

/**
 * The fault plan of a simulation: which clients attack, and the per-round draws. Deterministic
 * from the seed: the same (seed, round, client) always gets the same fault.
 */
export class FaultPlan {
  private readonly attackers = new Map<number, AttackKind>();
  readonly options: Required<FaultOptions>;

  constructor(clients: number, options: FaultOptions, private readonly seed: number) {
    for (const key of rateKeys) {
      const rate = options[key] ?? 0;
      if (!(rate >= 0 && rate <= 1)) throw new ConfigError(`FaultPlan: ${key} must be in [0, 1], got ${rate}`);
    }
    this.options = {
      dropoutRate: options.dropoutRate ?? 0,
      stragglerRate: options.stragglerRate ?? 0,
      signFlipRate: options.signFlipRate ?? 0,
      scaleRate: options.scaleRate ?? 0,
      noiseRate: options.noiseRate ?? 0,
      nanRate: options.nanRate ?? 0,
      malformedRate: options.malformedRate ?? 0,
      signFlipFactor: options.signFlipFactor ?? 4,
      scaleFactor: options.scaleFactor ?? 10,
      noiseStd: options.noiseStd ?? 1,
    };
    const o = this.options;
    const counts: [AttackKind, number][] = [
      ['sign-flip', o.signFlipRate],
      ['scale', o.scaleRate],
      ['noise', o.noiseRate],
      ['nan', o.nanRate],
      ['malformed', o.malformedRate],
    ].map(([kind, rate]) => [kind as AttackKind, Math.round((rate as number) * clients)]);
    const total = counts.reduce((a, [, n]) => a + n, 0);
    if (total > clients) throw new ConfigError(`FaultPlan: the attack rates add up to ${total} attackers among ${clients} clients`, { hint: 'attack rates must sum to at most 1' });
    const order = new Generator(deriveSeed(seed, SeedPurpose.attackers)).permutation(clients);
    let next = 0;
    for (const [kind, n] of counts) for (let i = 0; i < n; i++) this.attackers.set(order[next++]!, kind);
  }

  /** The attack client `index` makes, or null for an honest client. */
  attackOf(index: number): AttackKind | null {
    return this.attackers.get(index) ?? null;
  }

  /** Attacking client indices by kind, sorted. */
  attackerList(): Record<AttackKind, number[]> {
    const out: Record<AttackKind, number[]> = { 'sign-flip': [], scale: [], noise: [], nan: [], malformed: [] };
    for (const [index, kind] of this.attackers) out[kind].push(index);
    for (const kind of attackKinds) out[kind].sort((a, b) => a - b);
    return out;
  }

  /** The fault of client `index` in `round`: one seeded draw each for dropout and straggling. */
  faultOf(round: number, index: number): ClientFault {
    const gen = new Generator(deriveSeed(this.seed, SeedPurpose.faults, round, index));
    const dropout = gen.random() < this.options.dropoutRate;
    const straggler = gen.random() < this.options.stragglerRate;
    return { delivery: dropout ? 'dropout' : straggler ? 'straggler' : 'ok', attack: this.attackOf(index) };
  }

  /**
   * The update an attacker sends instead of `honest` (trained from `global`). Float arrays are
   * attacked; int32 arrays (counters) are left as they are.
   */
  attack(kind: AttackKind, honest: ArrayRecord, global: ArrayRecord, round: number, index: number): ArrayRecord {
    const o = this.options;
    const gen = new Generator(deriveSeed(this.seed, SeedPurpose.attack, round, index));
    return honest.map((a, i) => {
      const g = global[i]!.data;
      let data: ArrayData = a.data.slice();
      if (data instanceof Int32Array) return { ...a, data };
      if (kind === 'sign-flip') data = data.map((w, k) => g[k]! - o.signFlipFactor * (w - g[k]!));
      else if (kind === 'scale') data = data.map((w, k) => g[k]! + o.scaleFactor * (w - g[k]!));
      else if (kind === 'noise') data = data.map((w) => w + o.noiseStd * gen.normal());
      else if (kind === 'nan') data[gen.integer(0, data.length)] = Number.NaN;
      else if (kind === 'malformed' && i === 0) data = data.subarray(0, data.length - 1).slice();
      return { ...a, data };
    });
  }
}
