import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import type { CellState, RecurrentOptions } from './recurrent.js';
import { Recurrent, recurrentArgs } from './recurrent.js';

/**
 * Gated recurrent unit (Cho et al. 2014), PyTorch's equations:
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)    z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * The gates are stacked in the order r, z, n in `weight_ih_l{k}` [3H, in] and `weight_hh_l{k}` [3H, H].
 *
 * Input [N, T, inputSize] and an optional h0 [numLayers, N, hiddenSize];
 * `call` returns `[output [N, T, H], hN [numLayers, N, H]]`.
 * @example const [out, hN] = new GRU(8, 16).call(x)
 */
export class GRU extends Recurrent<Tensor> {
  protected readonly layerType = 'GRU';

  constructor(inputSize: number, hiddenSize: number, options: RecurrentOptions = {}) {
    super(inputSize, hiddenSize, 3, options);
  }

  protected cell(xProj: Tensor, hProj: Tensor, state: CellState): CellState {
    const r = this.gate(xProj, 0).add(this.gate(hProj, 0)).sigmoid();
    const z = this.gate(xProj, 1).add(this.gate(hProj, 1)).sigmoid();
    const n = this.gate(xProj, 2).add(r.mul(this.gate(hProj, 2))).tanh();
    // (1 − z)·n + z·h written as n + z·(h − n).
    return { h: n.add(z.mul(state.h.sub(n))), c: null };
  }

  forward(x: Tensor, h0?: Tensor): [Tensor, Tensor] {
    const { output, h } = this.run(x, h0 ?? null, null, false);
    return [output, h];
  }

  static fromConfig(r: ConfigReader): GRU {
    const [inputSize, hiddenSize, options] = recurrentArgs(r);
    return new GRU(inputSize, hiddenSize, options);
  }
}
