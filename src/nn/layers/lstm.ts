import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import type { CellState, RecurrentOptions } from './recurrent.js';
import { Recurrent, recurrentArgs } from './recurrent.js';

/**
 * Long short-term memory (Hochreiter & Schmidhuber 1997, with a forget gate), PyTorch's equations:
 *   i = σ(W_ii x + b_ii + W_hi h + b_hi)    f = σ(W_if x + b_if + W_hf h + b_hf)
 *   g = tanh(W_ig x + b_ig + W_hg h + b_hg) o = σ(W_io x + b_io + W_ho h + b_ho)
 *   c' = f ⊙ c + i ⊙ g                     h' = o ⊙ tanh(c')
 * The gates are stacked in the order i, f, g, o in `weight_ih_l{k}` [4H, in] and `weight_hh_l{k}` [4H, H].
 *
 * Input [N, T, inputSize] and an optional `[h0, c0]`, each [numLayers, N, hiddenSize];
 * `call` returns `[output [N, T, H], [hN, cN]]`.
 * @example const [out, [hN, cN]] = new LSTM(28, 128).call(x)
 */
export class LSTM extends Recurrent<[Tensor, Tensor]> {
  protected readonly layerType = 'LSTM';

  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions = {}) {
    super(inputSize, hiddenSize, 4, options);
  }

  protected cell(xProj: Tensor, hProj: Tensor, state: CellState): CellState {
    const pre = xProj.add(hProj);
    const i = this.gate(pre, 0).sigmoid();
    const f = this.gate(pre, 1).sigmoid();
    const g = this.gate(pre, 2).tanh();
    const o = this.gate(pre, 3).sigmoid();
    const c = f.mul(state.c!).add(i.mul(g));
    return { h: o.mul(c.tanh()), c };
  }

  forward(x: Tensor, state?: [Tensor, Tensor]): [Tensor, [Tensor, Tensor]] {
    const { output, h, c } = this.run(x, state?.[0] ?? null, state?.[1] ?? null, true);
    return [output, [h, c!]];
  }

  static fromConfig(r: ConfigReader): LSTM {
    const [inputSize, hiddenSize, options] = recurrentArgs(r);
    return new LSTM(inputSize, hiddenSize, options);
  }
}
