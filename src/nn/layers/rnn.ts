import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import type { LayerConfig } from '../module.js';
import type { CellState, RecurrentOptions } from './recurrent.js';
import { Recurrent, recurrentArgs } from './recurrent.js';

export interface RNNOptions extends RecurrentOptions {
  /** @default 'tanh' */
  readonly nonlinearity?: 'tanh' | 'relu';
}

/**
 * Elman RNN: h_t = act(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh), act = tanh or relu.
 *
 * Input [N, T, inputSize] and an optional h0 [numLayers, N, hiddenSize] (zeros by default);
 * `call` returns `[output [N, T, hiddenSize], hN [numLayers, N, hiddenSize]]`.
 * Parameters: see Recurrent (one gate, U(−1/√H, 1/√H)).
 * @example const [out, hN] = new RNN(8, 16, { numLayers: 2 }).call(x)
 */
export class RNN extends Recurrent<Tensor> {
  protected readonly layerType = 'RNN';
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    super(inputSize, hiddenSize, 1, options);
    this.nonlinearity = options.nonlinearity ?? 'tanh';
  }

  protected cell(xProj: Tensor, hProj: Tensor): CellState {
    const pre = xProj.add(hProj);
    return { h: this.nonlinearity === 'tanh' ? pre.tanh() : pre.relu(), c: null };
  }

  forward(x: Tensor, h0?: Tensor): [Tensor, Tensor] {
    const { output, h } = this.run(x, h0 ?? null, null, false);
    return [output, h];
  }

  override toConfig(): LayerConfig {
    return { ...super.toConfig(), nonlinearity: this.nonlinearity };
  }

  static fromConfig(r: ConfigReader): RNN {
    const [inputSize, hiddenSize, options] = recurrentArgs(r);
    return new RNN(inputSize, hiddenSize, { ...options, nonlinearity: r.oneOf('nonlinearity', ['tanh', 'relu'] as const, 'tanh') });
  }
}
