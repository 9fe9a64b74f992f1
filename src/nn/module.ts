import { noGrad } from '../autograd/grad-mode.js';
import { ConfigError } from '../errors/index.js';
import type { HookHandle } from '../autograd/node.js';
import type { Tensor } from '../tensor/tensor.js';
import { residentParameter } from './resident-parameter.js';
import { clearGradient } from '../autograd/leaf-gradients.js';
import type { ZeroGradOptions } from '../autograd/leaf-gradients.js';

/** Called after forward with the module, its inputs and its output; may return a replacement output. */
export type ForwardHook = (module: Module, inputs: readonly unknown[], output: unknown) => unknown;
/** Called before forward with the module and its inputs; may return replacement inputs. */
export type ForwardPreHook = (module: Module, inputs: readonly unknown[]) => readonly unknown[] | void;
/**
 * Called during backward with the module, dL/d(output), its output (the first tensor of an
 * array output, as RNN's [output, hN]) and its inputs. Diagnostics see layer gradients this way.
 */
export type BackwardHook = (module: Module, gradOutput: Tensor, output: Tensor, inputs: readonly unknown[]) => void;

/** The JSON description of a layer, from which `fromConfig` rebuilds it without the code that built it. */
export interface LayerConfig {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** An identifier (`weight`, `fc1`) or an index (`0`, as Sequential names its children); never dotted. */
const validName = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)$/;

/**
 * Base class of every layer and model, as torch.nn.Module: named parameters, buffers and
 * children registered explicitly (TypeScript has no __setattr__), train/eval mode, state
 * dicts, and forward/backward hooks.
 *
 * @example
 * class TwoLayer extends Module {
 *   fc1 = this.registerModule('fc1', new Linear(4, 8));
 *   fc2 = this.registerModule('fc2', new Linear(8, 2));
 *   forward(x: Tensor) { return this.fc2.call(this.fc1.call(x).relu()); }
 * }
 */
export abstract class Module<In extends unknown[] = [Tensor], Out = Tensor> {
  /** True in training mode (dropout active, batch norm uses batch statistics). */
  training = true;
  private readonly params = new Map<string, Tensor>();
  private readonly buffersMap = new Map<string, Tensor>();
  private readonly childrenMap = new Map<string, Module<never[], unknown>>();
  private forwardHooks: ForwardHook[] = [];
  private forwardPreHooks: ForwardPreHook[] = [];
  private backwardHooks: BackwardHook[] = [];

  /** The computation. Call the module through `call()` so that hooks run. */
  abstract forward(...inputs: In): Out;

  /** Runs pre-hooks, forward, forward hooks, and arranges backward hooks on a tensor output. */
  call(...inputs: In): Out {
    let args: readonly unknown[] = inputs;
    for (const hook of this.forwardPreHooks) args = hook(this as unknown as Module, args) ?? args;
    let output: unknown = this.forward(...(args as In));
    for (const hook of this.forwardHooks) {
      const replaced = hook(this as unknown as Module, args, output);
      if (replaced !== undefined) output = replaced;
    }
    // Recurrent layers return [output, state]: their hooks see dL/d(output), the first tensor.
    const out = isTensor(output) ? output : Array.isArray(output) && isTensor(output[0]) ? output[0] : null;
    if (this.backwardHooks.length > 0 && out !== null && out.requiresGrad) {
      const hooks = this.backwardHooks;
      out.registerHook((grad) => {
        for (const hook of hooks) hook(this as unknown as Module, grad, out, args);
      });
    }
    return output as Out;
  }

  /** Registers a leaf tensor as trainable `name`; returns it, or its copy in wasm memory (residentParameter). */
  protected registerParameter(name: string, tensor: Tensor): Tensor {
    this.checkName(name);
    if (!tensor.isLeaf) {
      throw new ConfigError(`registerParameter: '${name}' is not a leaf tensor`, {
        hint: 'Model parameters must be created explicitly. To express a parameter as a function of another tensor, compute it in forward().',
      });
    }
    const param = Object.assign(residentParameter(tensor), { requiresGrad: true, name });
    this.params.set(name, param);
    return param;
  }

  /** Registers state that is saved in the state dict but not trained (running means, ...). */
  protected registerBuffer(name: string, tensor: Tensor): Tensor {
    this.checkName(name);
    tensor.name = name;
    this.buffersMap.set(name, tensor);
    return tensor;
  }

  /** The registered parameter `name` (layers read their weights through this, so `cast` and replacements are seen). */
  protected param(name: string): Tensor {
    const t = this.params.get(name);
    if (t === undefined) throw new ConfigError(`${this.constructor.name}: no parameter named '${name}'`);
    return t;
  }

  /** The registered parameter `name`, or null when the layer was built without it (`bias: false`). */
  protected optionalParam(name: string): Tensor | null {
    return this.params.get(name) ?? null;
  }

  /** The registered buffer `name`. */
  protected buffer(name: string): Tensor {
    const t = this.buffersMap.get(name);
    if (t === undefined) throw new ConfigError(`${this.constructor.name}: no buffer named '${name}'`);
    return t;
  }

  /** Registers a child module under `name`. Returns it. */
  protected registerModule<M extends Module<never[], unknown>>(name: string, module: M): M {
    this.checkName(name);
    this.childrenMap.set(name, module);
    return module;
  }

  private checkName(name: string): void {
    if (!validName.test(name)) {
      throw new ConfigError(`${this.constructor.name}: invalid name '${name}': expected an identifier like weight or fc1 (or an index), without dots`, {
        expected: 'an identifier without dots',
        got: name,
      });
    }
    if (this.params.has(name) || this.buffersMap.has(name) || this.childrenMap.has(name)) {
      throw new ConfigError(`${this.constructor.name}: '${name}' is already registered`, { hint: 'each parameter, buffer and child needs its own name' });
    }
  }

  /** Replaces a registered parameter or buffer's tensor (used by loadStateDict and weight tying). */
  protected replaceTensor(name: string, tensor: Tensor): void {
    if (this.params.has(name)) {
      tensor.requiresGrad = true;
      tensor.name = name;
      this.params.set(name, tensor);
    } else if (this.buffersMap.has(name)) {
      tensor.name = name;
      this.buffersMap.set(name, tensor);
    } else {
      throw new ConfigError(`Module: no parameter or buffer named '${name}'`);
    }
  }

  /** Direct children, by name. */
  namedChildren(): [string, Module<never[], unknown>][] {
    return [...this.childrenMap.entries()];
  }

  children(): Module<never[], unknown>[] {
    return [...this.childrenMap.values()];
  }

  /** This module and every descendant, with dotted names ('' for this one). */
  namedModules(prefix = ''): [string, Module<never[], unknown>][] {
    const out: [string, Module<never[], unknown>][] = [[prefix, this as unknown as Module<never[], unknown>]];
    for (const [name, child] of this.childrenMap) out.push(...child.namedModules(prefix === '' ? name : `${prefix}.${name}`));
    return out;
  }

  /** Every parameter with its dotted name (`fc1.weight`), each tensor once. */
  namedParameters(): [string, Tensor][] {
    return this.collect((m) => m.params);
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  namedBuffers(): [string, Tensor][] {
    return this.collect((m) => m.buffersMap);
  }

  buffers(): Tensor[] {
    return this.namedBuffers().map(([, t]) => t);
  }

  private collect(pick: (m: Module<never[], unknown>) => Map<string, Tensor>): [string, Tensor][] {
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    for (const [prefix, module] of this.namedModules()) {
      for (const [name, t] of pick(module)) {
        if (seen.has(t)) continue;
        seen.add(t);
        out.push([prefix === '' ? name : `${prefix}.${name}`, t]);
      }
    }
    return out;
  }

  /**
   * Converts every float parameter and buffer of this module and its descendants to `dtype`
   * (int32 buffers such as counters are kept), like torch's `module.to(torch.float64)`. The
   * converted tensors are new leaves; gradients are cleared. Used for float64 gradchecks.
   */
  cast(dtype: 'float32' | 'float64'): this {
    for (const [, module] of this.namedModules()) {
      for (const map of [module.params, module.buffersMap]) {
        for (const [name, t] of map) {
          if (t.dtype === 'int32' || t.dtype === dtype) continue;
          const copy = noGrad(() => t.cast(dtype)).detach();
          copy.requiresGrad = t.requiresGrad;
          copy.name = name;
          map.set(name, copy);
        }
      }
    }
    return this;
  }

  /** Sets training mode on this module and every descendant. */
  train(on = true): this {
    for (const [, m] of this.namedModules()) m.training = on;
    return this;
  }

  /** Sets evaluation mode (dropout off, batch norm uses running statistics). */
  eval(): this {
    return this.train(false);
  }

  /** Clears the gradients of every parameter, as Optimizer.zeroGrad does. */
  zeroGrad(options: ZeroGradOptions = {}): void {
    for (const p of this.parameters()) clearGradient(p, options.setToNone);
  }

  /** Number of parameter elements (trainable only when `trainableOnly`). */
  parameterCount(trainableOnly = false): number {
    return this.parameters()
      .filter((p) => !trainableOnly || p.requiresGrad)
      .reduce((n, p) => n + p.size, 0);
  }

  /** Parameters and buffers by dotted name, sharing storage with the module. */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, t] of this.namedParameters()) out[name] = t;
    for (const [name, t] of this.namedBuffers()) out[name] = t;
    return out;
  }

  /**
   * Copies values from `state` into this module's parameters and buffers. With `strict`
   * (default) missing or unexpected names and any shape or dtype mismatch are errors.
   */
  loadStateDict(state: Readonly<Record<string, Tensor>>, options: { strict?: boolean } = {}): { missing: string[]; unexpected: string[] } {
    const strict = options.strict ?? true;
    const own = this.stateDict();
    const missing = Object.keys(own).filter((k) => !(k in state));
    const unexpected = Object.keys(state).filter((k) => !(k in own));
    if (strict && (missing.length > 0 || unexpected.length > 0)) {
      throw new ConfigError(`loadStateDict: keys do not match: missing [${missing.join(', ')}], unexpected [${unexpected.join(', ')}]`, {
        hint: 'pass { strict: false } to load a partial state',
      });
    }
    for (const [name, target] of Object.entries(own)) {
      const source = state[name];
      if (source === undefined) continue;
      if (source.shape.length !== target.shape.length || source.shape.some((d, i) => d !== target.shape[i])) {
        throw new ConfigError(`loadStateDict: '${name}' has shape [${source.shape.join(',')}], the module expects [${target.shape.join(',')}]`);
      }
      if (source.dtype !== target.dtype) {
        throw new ConfigError(`loadStateDict: '${name}' is ${source.dtype}, the module expects ${target.dtype}`);
      }
      target.storage.set(source.values(), target.offset);
    }
    return { missing, unexpected };
  }

  registerForwardHook(hook: ForwardHook): HookHandle {
    this.forwardHooks.push(hook);
    return { remove: () => (this.forwardHooks = this.forwardHooks.filter((h) => h !== hook)) };
  }

  registerForwardPreHook(hook: ForwardPreHook): HookHandle {
    this.forwardPreHooks.push(hook);
    return { remove: () => (this.forwardPreHooks = this.forwardPreHooks.filter((h) => h !== hook)) };
  }

  /** Whether any forward, forward-pre or backward hook is registered on this module itself. */
  get hasHooks(): boolean {
    return this.forwardHooks.length + this.forwardPreHooks.length + this.backwardHooks.length > 0;
  }

  /** Registers a hook that receives dL/d(output) of this module during backward. */
  registerBackwardHook(hook: BackwardHook): HookHandle {
    this.backwardHooks.push(hook);
    return { remove: () => (this.backwardHooks = this.backwardHooks.filter((h) => h !== hook)) };
  }

  /** The JSON description of this layer (type and constructor arguments). Layers override it. */
  toConfig(): LayerConfig {
    throw new ConfigError(`${this.constructor.name}.toConfig: this module has no JSON description`, {
      hint: 'build models from the standard layers and Sequential, or override toConfig()',
    });
  }

  /** A one-line description, like torch's extra_repr: `Linear(in=4, out=8, bias=true)`. */
  toString(): string {
    return `${this.constructor.name}()`;
  }
}

function isTensor(value: unknown): value is Tensor {
  return typeof value === 'object' && value !== null && 'gradFn' in value && 'storage' in value;
}
