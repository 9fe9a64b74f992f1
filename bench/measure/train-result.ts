// What one training run reports (one JSON line on the child's stdout), and the loss bookkeeping
// shared by the deeptrace and TF.js loops.
import { peakRssMiB } from './peak-memory.js';

export type ModelName = 'mlp' | 'cnn';
export type Framework = 'deeptrace' | 'tfjs';

export interface TrainRunOptions {
  readonly model: ModelName;
  /** Backend name asked for ('wasm' | 'js' for deeptrace, 'wasm' | 'cpu' for TF.js). */
  readonly backend: string;
  /** Samples trained on in the timed part (one pass over that many Fashion-MNIST images). */
  readonly samples: number;
  readonly batchSize: number;
  /** Untimed batches before the timed pass (JIT, wasm compilation, buffer sizing): at least this many... */
  readonly warmupBatches: number;
  /** ...and for at least this many seconds (at most one pass over the samples). */
  readonly warmupSeconds: number;
}

export interface TrainResult {
  readonly framework: Framework;
  readonly model: ModelName;
  /** The backend the run used, with details (threads, borrowed kernels). */
  readonly backend: string;
  readonly backendDetail: string;
  readonly batchSize: number;
  readonly samples: number;
  readonly seconds: number;
  readonly samplesPerSecond: number;
  /** Peak resident set size of the whole child process (getrusage maxRSS). */
  readonly peakRssMiB: number;
  /** Mean loss of the first and the last few timed batches: the run really trains when it falls. */
  readonly firstLoss: number;
  readonly finalLoss: number;
}

/** Mean of the first and of the last `k` losses of a pass. */
export function lossEnds(losses: readonly number[], k = 10): { firstLoss: number; finalLoss: number } {
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const n = Math.min(k, Math.max(1, Math.floor(losses.length / 2)));
  return { firstLoss: mean(losses.slice(0, n)), finalLoss: mean(losses.slice(-n)) };
}

/** Fills in the derived fields of a finished timed pass. */
export function finishRun(
  base: Pick<TrainResult, 'framework' | 'model' | 'backend' | 'backendDetail' | 'batchSize'>,
  samples: number,
  seconds: number,
  losses: readonly number[],
): TrainResult {
  return { ...base, samples, seconds, samplesPerSecond: samples / seconds, peakRssMiB: peakRssMiB(), ...lossEnds(losses) };
}

/** Whether warm-up goes on after `batches` untimed batches that began at `start` (performance.now()). */
export function warmingUp(options: TrainRunOptions, batches: number, start: number): boolean {
  return batches < options.warmupBatches || performance.now() - start < options.warmupSeconds * 1000;
}
