import { ConfigError } from '../../errors/index.js';
import type { ConfigRecord } from '../protocol/index.js';
import type { FedAvgOptions } from './fed-avg.js';
import { FedAvg } from './fed-avg.js';

export interface FedProxOptions extends FedAvgOptions {
  /** Weight μ of the proximal term μ/2·‖w − w_global‖² the clients add to their loss. */
  readonly proximalMu: number;
}

/**
 * FedProx (Li et al. 2020, "Federated Optimization in Heterogeneous Networks"): aggregation is
 * FedAvg's; the difference is on the client, which minimises its loss plus μ/2·‖w − w_global‖²
 * (eq. 2) to limit client drift on heterogeneous data. The strategy sends μ as
 * config.proximalMu; a client's training loop adds `proximalTerm(model, globalParams, mu)`
 * (`createTorchLikeClient` does it). μ = 0 is FedAvg.
 * @example new FedProx({ proximalMu: 0.01, trainConfig: { localEpochs: 2, lr: 0.05 } })
 */
export class FedProx extends FedAvg {
  override readonly name: string = 'FedProx';
  readonly proximalMu: number;

  constructor(options: FedProxOptions) {
    super(options);
    if (!(options.proximalMu >= 0) || !Number.isFinite(options.proximalMu)) {
      throw new ConfigError(`FedProx: proximalMu must be a finite number >= 0, got ${options.proximalMu}`, { hint: 'typical values are 0.001 to 1' });
    }
    this.proximalMu = options.proximalMu;
  }

  protected override trainConfig(round: number): ConfigRecord {
    return { ...super.trainConfig(round), proximalMu: this.proximalMu };
  }
}
