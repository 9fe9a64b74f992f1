import type { Tensor } from '../../tensor/tensor.js';
import type { LayerConfig } from '../module.js';
import { Module } from '../module.js';
import type { GRU } from './gru.js';
import type { LSTM } from './lstm.js';
import type { RNN } from './rnn.js';

/** A recurrent layer that LastTimeStep can wrap. */
export type RecurrentLayer = RNN | LSTM | GRU;

/**
 * Runs a recurrent layer (child `rnn`) over [N, T, F] and keeps only the last step's output
 * [N, H], so a sequence model fits in a Sequential: `Reshape([28, 28])`, `LastTimeStep(LSTM)`,
 * `Linear(H, 10)` classifies an image read row by row. Config: `{ type: 'LastTimeStep', layer }`.
 * @example new LastTimeStep(new LSTM(28, 64))
 */
export class LastTimeStep extends Module {
  readonly rnn: RecurrentLayer;

  constructor(rnn: RecurrentLayer) {
    super();
    this.rnn = this.registerModule('rnn', rnn);
  }

  forward(x: Tensor): Tensor {
    const [output] = this.rnn.call(x);
    return output.slice(null, output.shape[1]! - 1);
  }

  override toConfig(): LayerConfig {
    return { type: 'LastTimeStep', layer: this.rnn.toConfig() };
  }

  override toString(): string {
    return `LastTimeStep(${this.rnn.toString()})`;
  }
}
