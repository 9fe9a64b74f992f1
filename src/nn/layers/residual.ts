import type { Tensor } from '../../tensor/tensor.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';

export interface ResidualOptions {
  /** Applied to the input on the skip path (a 1×1 Conv2d or a Linear when shapes change). @default the identity */
  readonly shortcut?: Module;
}

/**
 * A residual block (He et al. 2016): y = body(x) + shortcut(x), the shortcut being the identity
 * unless one is given. Children are named `body` and `shortcut`, so parameters appear as
 * `body.0.weight`. The two outputs must have the same shape.
 *
 * @example new Residual(new Sequential([new Linear(8, 8), new ReLU(), new Linear(8, 8)]))
 */
export class Residual extends Module {
  readonly body: Module;
  readonly shortcut: Module | null;

  constructor(body: Module, options: ResidualOptions = {}) {
    super();
    this.body = this.registerModule('body', body as unknown as Module<never[], unknown>) as unknown as Module;
    this.shortcut = options.shortcut === undefined ? null : (this.registerModule('shortcut', options.shortcut as unknown as Module<never[], unknown>) as unknown as Module);
  }

  forward(x: Tensor): Tensor {
    const skip = this.shortcut === null ? x : this.shortcut.call(x);
    return this.body.call(x).add(skip);
  }

  override toConfig(): LayerConfig {
    return this.shortcut === null
      ? { type: 'Residual', body: this.body.toConfig() }
      : { type: 'Residual', body: this.body.toConfig(), shortcut: this.shortcut.toConfig() };
  }

  override toString(): string {
    const inner = (m: Module): string => m.toString().split('\n').join('\n  ');
    return `Residual(\n  (body): ${inner(this.body)}${this.shortcut === null ? '' : `\n  (shortcut): ${inner(this.shortcut)}`}\n)`;
  }
}
