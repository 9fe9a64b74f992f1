import type { Transport } from '../transport/transport.js';
import type { FederatedHistory } from './history.js';
import type { RunFederatedOptions } from './run-federated.js';
import { runFederated } from './run-federated.js';

/** Everything of a run except the transport. */
export type ServerAppOptions = Omit<RunFederatedOptions, 'transport'>;

/**
 * The server side bundled for reuse (Flower's ServerApp): the strategy, the initial model and
 * the run options, started against any transport, in memory, on worker threads or over a network.
 * @example
 * const server = new ServerApp({ strategy: new FedAvg(), initialParameters, rounds: 5 });
 * const history = await server.run(new InMemoryTransport(apps));
 */
export class ServerApp {
  readonly options: ServerAppOptions;

  constructor(options: ServerAppOptions) {
    this.options = options;
  }

  /** Runs the rounds over `transport`. */
  run(transport: Transport): Promise<FederatedHistory> {
    return runFederated({ ...this.options, transport });
  }
}
