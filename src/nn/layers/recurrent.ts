import { ShapeError, formatShape } from '../../errors/index.js';
import { stack } from '../../ops/join.js';
import { zeros } from '../../tensor/create.js';
import type { Generator } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ConfigReader } from '../config.js';
import { uniform } from '../init/distributions.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';
import { checkInt, withGenerator } from './checks.js';
import { Dropout } from './dropout.js';

export interface RecurrentOptions {
  /** Stacked layers; layer k > 0 reads layer k−1's outputs. @default 1 */
  readonly numLayers?: number;
  /** Use `bias_ih_l{k}` and `bias_hh_l{k}`. @default true */
  readonly bias?: boolean;
  /** Dropout probability on the outputs of every layer but the last, in training (as PyTorch). @default 0 */
  readonly dropout?: number;
  /** Initial weights and dropout masks. @default the generator seeded by `manualSeed` */
  readonly generator?: Generator;
}

/** Hidden (and, for LSTM, cell) state of one layer at one time step, each [N, H]. */
export interface CellState {
  readonly h: Tensor;
  readonly c: Tensor | null;
}

/**
 * The loop shared by RNN, LSTM and GRU. Sequences are batch-first: input [N, T, inputSize],
 * output [N, T, hiddenSize] (the last layer's h at every step). Parameters follow PyTorch's
 * names and layout, per layer k: `weight_ih_l{k}` [G·H, in_k], `weight_hh_l{k}` [G·H, H],
 * `bias_ih_l{k}` and `bias_hh_l{k}` [G·H], where G is the number of gates (1, 4, 3) stacked in
 * PyTorch's order, all initialized from U(−1/√H, 1/√H).
 */
export abstract class Recurrent<S> extends Module<[Tensor, S?], [Tensor, S]> {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bias: boolean;
  readonly dropout: number;
  private readonly dropoutLayer: Dropout;
  protected abstract readonly layerType: 'RNN' | 'LSTM' | 'GRU';

  constructor(inputSize: number, hiddenSize: number, gates: number, options: RecurrentOptions) {
    super();
    checkInt('Recurrent', 'inputSize', inputSize);
    checkInt('Recurrent', 'hiddenSize', hiddenSize);
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = options.numLayers ?? 1;
    checkInt('Recurrent', 'numLayers', this.numLayers);
    this.bias = options.bias ?? true;
    this.dropout = options.dropout ?? 0;
    this.dropoutLayer = new Dropout(this.dropout, withGenerator(options.generator));
    const bound = 1 / Math.sqrt(hiddenSize);
    const init = withGenerator(options.generator);
    for (let k = 0; k < this.numLayers; k++) {
      const inK = k === 0 ? inputSize : hiddenSize;
      this.registerParameter(`weight_ih_l${k}`, uniform(zeros([gates * hiddenSize, inK]), -bound, bound, init));
      this.registerParameter(`weight_hh_l${k}`, uniform(zeros([gates * hiddenSize, hiddenSize]), -bound, bound, init));
      if (this.bias) {
        this.registerParameter(`bias_ih_l${k}`, uniform(zeros([gates * hiddenSize]), -bound, bound, init));
        this.registerParameter(`bias_hh_l${k}`, uniform(zeros([gates * hiddenSize]), -bound, bound, init));
      }
    }
  }

  /** One time step of layer k, given xProj = x_t·W_ihᵀ + b_ih and hProj = h·W_hhᵀ + b_hh (each [N, G·H]). */
  protected abstract cell(xProj: Tensor, hProj: Tensor, state: CellState): CellState;

  /** Columns [i·H, (i+1)·H) of a [N, G·H] projection: gate i. */
  protected gate(proj: Tensor, i: number): Tensor {
    return proj.slice(null, { start: i * this.hiddenSize, end: (i + 1) * this.hiddenSize });
  }

  /** Checks x and the optional initial state, and runs every layer over every step. */
  protected run(x: Tensor, h0: Tensor | null, c0: Tensor | null, withCell: boolean): { output: Tensor; h: Tensor; c: Tensor | null } {
    const type = this.layerType;
    if (x.ndim !== 3 || x.shape[2] !== this.inputSize || x.shape[1] === 0) {
      throw new ShapeError(`${type}: expected batch-first input [N, T, ${this.inputSize}], got ${formatShape(x.shape)}`, {
        hint: 'sequences are [batch, time, features]; add a Reshape([T, F]) in front for images',
      });
    }
    const [n, steps] = [x.shape[0]!, x.shape[1]!];
    const stateShape = [this.numLayers, n, this.hiddenSize];
    for (const [name, s] of [['h0', h0], ['c0', c0]] as const) {
      if (s !== null && (s.ndim !== 3 || s.shape.some((d, i) => d !== stateShape[i]))) {
        throw new ShapeError(`${type}: initial state ${name} must be ${formatShape(stateShape)} ([numLayers, N, hiddenSize]), got ${formatShape(s.shape)}`);
      }
    }
    // Per-step inputs of the current layer. Layer k > 0 reads layer k−1's per-step outputs
    // directly: slicing a stacked [N, T, F] tensor would cost a full-size gradient per step.
    let inputs: Tensor[] = Array.from({ length: steps }, (_, t) => x.slice(null, t));
    const hN: Tensor[] = [];
    const cN: Tensor[] = [];
    for (let k = 0; k < this.numLayers; k++) {
      const wihT = this.param(`weight_ih_l${k}`).T;
      const whhT = this.param(`weight_hh_l${k}`).T;
      const bih = this.optionalParam(`bias_ih_l${k}`);
      const bhh = this.optionalParam(`bias_hh_l${k}`);
      const zero = zeros([n, this.hiddenSize], { dtype: x.dtype === 'float64' ? 'float64' : 'float32' });
      let state: CellState = {
        h: h0 === null ? zero : h0.slice(k),
        c: withCell ? (c0 === null ? zero : c0.slice(k)) : null,
      };
      const outputs: Tensor[] = [];
      for (const xt of inputs) {
        const xProj = bih === null ? xt.matmul(wihT) : xt.matmul(wihT).add(bih);
        const hProj = bhh === null ? state.h.matmul(whhT) : state.h.matmul(whhT).add(bhh);
        state = this.cell(xProj, hProj, state);
        outputs.push(state.h);
      }
      this.dropoutLayer.training = this.training;
      inputs = k < this.numLayers - 1 && this.dropout > 0 ? outputs.map((o) => this.dropoutLayer.forward(o)) : outputs;
      hN.push(state.h);
      if (state.c !== null) cN.push(state.c);
    }
    return { output: stack(inputs, 1), h: stack(hN, 0), c: withCell ? stack(cN, 0) : null };
  }

  override toConfig(): LayerConfig {
    const { layerType: type, inputSize, hiddenSize, numLayers, bias, dropout } = this;
    return { type, inputSize, hiddenSize, numLayers, bias, dropout };
  }

  override toString(): string {
    return `${this.layerType}(${this.inputSize}, ${this.hiddenSize}, numLayers=${this.numLayers})`;
  }
}

/** Reads the options shared by every recurrent layer from a config. */
export function recurrentArgs(r: ConfigReader): [number, number, { numLayers: number; bias: boolean; dropout: number }] {
  const options = { numLayers: r.int('numLayers', 1, 1), bias: r.bool('bias', true), dropout: r.number('dropout', 0, 1, 0) };
  return [r.int('inputSize', 1), r.int('hiddenSize', 1), options];
}
