import { noGrad } from '../autograd/grad-mode.js';
import { ConfigError } from '../errors/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { clearGradient } from '../autograd/leaf-gradients.js';
import type { ZeroGradOptions } from '../autograd/leaf-gradients.js';

/** Hyperparameters of a group: `lr` plus each optimizer's own (momentum, betas, ...). */
export type Hyperparameters = { lr: number } & Record<string, number | boolean | readonly number[]>;

/** A set of parameters sharing hyperparameters, as in torch.optim param_groups. */
export interface ParamGroup<H extends Hyperparameters = Hyperparameters> {
  readonly params: readonly Tensor[];
  options: H;
}

/** What a caller passes: a list of tensors, or groups each with its own overrides. */
export type ParamsInput<H extends Hyperparameters> =
  | readonly Tensor[]
  | readonly { readonly params: readonly Tensor[]; readonly options?: Partial<H> }[];

/** Per-parameter optimizer state (momentum buffers, moment estimates, step counts). */
export type ParamState = Record<string, Tensor | number>;

/** A serializable snapshot: per-parameter state by parameter index, and each group's hyperparameters. */
export interface OptimizerStateDict {
  readonly state: Record<number, ParamState>;
  readonly groups: readonly Hyperparameters[];
}

/**
 * Base class of optimizers (torch.optim.Optimizer): param groups merged with defaults,
 * per-parameter state, and a state dict for checkpoints. Subclasses implement `updateGroup`.
 */
export abstract class Optimizer<H extends Hyperparameters = Hyperparameters> {
  readonly paramGroups: ParamGroup<H>[];
  protected readonly state = new Map<Tensor, ParamState>();

  constructor(params: ParamsInput<H>, defaults: H) {
    const name = this.constructor.name;
    if (params.length === 0) throw new ConfigError(`${name}: optimizer got an empty parameter list`);
    const groups = isTensorList(params) ? [{ params }] : params;
    this.paramGroups = groups.map((g) => ({ params: [...g.params], options: { ...defaults, ...(g.options ?? {}) } as H }));
    const seen = new Set<Tensor>();
    for (const group of this.paramGroups) {
      if (group.params.length === 0) throw new ConfigError(`${name}: a parameter group is empty`);
      for (const p of group.params) {
        if (seen.has(p)) throw new ConfigError(`${name}: a parameter appears in more than one group`);
        seen.add(p);
        if (p.dtype === 'int32') throw new ConfigError(`${name}: parameter '${p.name ?? '?'}' is int32; only float tensors can be optimized`);
      }
      this.validate(group.options);
    }
  }

  /** Checks one group's hyperparameters, throwing ConfigError with the bad value. */
  protected abstract validate(options: H): void;

  /** Applies one update to the parameters of `group` that have gradients. */
  protected abstract updateGroup(group: ParamGroup<H>): void;

  /**
   * Performs one optimization step on every parameter that has a gradient. The update writes
   * into the parameters' storage and records no graph (a gradient kept with createGraph, or
   * one that must be cast, is read under noGrad).
   */
  step(): void {
    noGrad(() => {
      for (const group of this.paramGroups) this.updateGroup(group);
    });
  }

  /**
   * Clears the gradients of all parameters (torch's zero_grad): drops them, or with
   * `{ setToNone: false }` zeroes them in place, so that the next backward adds into the same
   * arrays (on the wasm backend, in its memory, without allocating or copying gradients).
   */
  zeroGrad(options: ZeroGradOptions = {}): void {
    for (const group of this.paramGroups) for (const p of group.params) clearGradient(p, options.setToNone);
  }

  /** Every parameter, in group order (the order indexes the state dict). */
  params(): Tensor[] {
    return this.paramGroups.flatMap((g) => [...g.params]);
  }

  /** The state of one parameter, created empty on first use. */
  protected stateOf(p: Tensor): ParamState {
    let s = this.state.get(p);
    if (s === undefined) {
      s = {};
      this.state.set(p, s);
    }
    return s;
  }

  stateDict(): OptimizerStateDict {
    const state: Record<number, ParamState> = {};
    this.params().forEach((p, i) => {
      const s = this.state.get(p);
      if (s !== undefined) state[i] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' ? v : v.clone()]));
    });
    return { state, groups: this.paramGroups.map((g) => ({ ...g.options })) };
  }

  loadStateDict(dict: OptimizerStateDict): void {
    const params = this.params();
    if (dict.groups.length !== this.paramGroups.length) {
      throw new ConfigError(`${this.constructor.name}.loadStateDict: ${dict.groups.length} groups saved, optimizer has ${this.paramGroups.length}`);
    }
    this.paramGroups.forEach((g, i) => (g.options = { ...g.options, ...dict.groups[i]! } as H));
    this.state.clear();
    for (const [key, s] of Object.entries(dict.state)) {
      const p = params[Number(key)];
      if (p === undefined) throw new ConfigError(`${this.constructor.name}.loadStateDict: state for parameter ${key}, but there are ${params.length}`);
      for (const [k, v] of Object.entries(s)) {
        if (typeof v !== 'number' && v.size !== p.size) {
          throw new ConfigError(`${this.constructor.name}.loadStateDict: state '${k}' of parameter ${key} has ${v.size} values, the parameter has ${p.size}`, {
            hint: 'the state dict was saved for a different model or parameter order',
          });
        }
      }
      this.state.set(p, Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === 'number' ? v : v.clone()])));
    }
  }
}

function isTensorList<H extends Hyperparameters>(params: ParamsInput<H>): params is readonly Tensor[] {
  return params.length > 0 && !('params' in (params[0] as object));
}
