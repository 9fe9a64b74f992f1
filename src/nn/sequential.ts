import { IndexError } from '../errors/index.js';
import type { Tensor } from '../tensor/tensor.js';
import type { LayerConfig } from './module.js';
import { Module } from './module.js';
import { fusableConvBlock, fusableLinearRelu } from './fused-blocks.js';

/** A module that maps one tensor to one tensor, as the layers of a Sequential must. */
export type TensorModule = Module<[Tensor], Tensor>;

/**
 * Calls its layers in order, each on the previous one's output. Children are named '0', '1',
 * ... so parameters appear as `0.weight`, `2.bias` in the state dict (as in PyTorch).
 *
 * @example
 * const model = new Sequential([new Linear(784, 128), new ReLU(), new Linear(128, 10)]);
 * model.at(0) // the first Linear
 */
export class Sequential extends Module {
  private readonly layers: TensorModule[] = [];

  constructor(layers: readonly TensorModule[] = []) {
    super();
    for (const layer of layers) this.append(layer);
  }

  /** Adds a layer at the end; returns this for chaining. */
  append(layer: TensorModule): this {
    this.layers.push(this.registerModule(String(this.layers.length), layer));
    return this;
  }

  /** Number of layers. */
  get length(): number {
    return this.layers.length;
  }

  /** The layer at `index` (negative counts from the end). */
  at(index: number): TensorModule {
    const i = index < 0 ? this.layers.length + index : index;
    const layer = this.layers[i];
    if (!Number.isInteger(index) || layer === undefined) {
      throw new IndexError(`Sequential.at: index ${index} is out of range for ${this.layers.length} layers`);
    }
    return layer;
  }

  [Symbol.iterator](): Iterator<TensorModule> {
    return this.layers[Symbol.iterator]();
  }

  /**
   * Each layer on the previous one's output. Runs of layers with no hooks run as one fused op
   * with the same values and gradients: Conv2d → MaxPool2d(2) → ReLU (either order of the last
   * two; fusableConvBlock) and Linear → ReLU (fusableLinearRelu).
   */
  forward(x: Tensor): Tensor {
    let y = x;
    for (let i = 0; i < this.layers.length; i++) {
      const conv = fusableConvBlock(this.layers, i);
      const dense = conv === undefined ? fusableLinearRelu(this.layers, i) : undefined;
      if (conv !== undefined) {
        y = conv.forwardPoolRelu(y);
        i += 2;
      } else if (dense !== undefined) {
        y = dense.forwardRelu(y);
        i += 1;
      } else {
        y = this.layers[i]!.call(y);
      }
    }
    return y;
  }

  override toConfig(): LayerConfig {
    return { type: 'Sequential', layers: this.layers.map((l) => l.toConfig()) };
  }

  override toString(): string {
    return `Sequential(\n${this.layers.map((l, i) => `  (${i}): ${l.toString()}`).join('\n')}\n)`;
  }
}
