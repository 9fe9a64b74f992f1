import type { Callback, TrainContext } from '../callback.js';
import type { BatchEndEvent } from '../events.js';
import type { EpochLogs } from '../history.js';

/** Where progress goes: anything with `write` (process.stdout, a test buffer). */
export interface ProgressStream {
  write(text: string): unknown;
  /** True for a terminal: then an animated bar is drawn (cli-progress), else plain lines. */
  readonly isTTY?: boolean;
}

export interface ProgressOptions {
  /** @default process.stdout in Node; console.log lines elsewhere */
  readonly stream?: ProgressStream;
  /** Draw the animated bar on a TTY; false forces plain lines. @default true */
  readonly bar?: boolean;
}

/** The bar of cli-progress that this file uses. */
interface Bar {
  start(total: number, startValue: number, payload?: object): void;
  update(current: number, payload?: object): void;
  stop(): void;
}

/** Formats one logged number: 4 decimals in the usual range, exponent otherwise. */
export function formatLogValue(key: string, value: number): string {
  if (key === 'seconds') return `${value.toFixed(2)}s`;
  if (!Number.isFinite(value)) return String(value);
  const a = Math.abs(value);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? value.toExponential(3) : value.toFixed(4);
}

/** `epoch 3/10 - loss 0.4210 - accuracy 0.8750 - val_loss 0.5012 - lr 0.0100 - 0.12s` */
export function formatEpochLine(logs: EpochLogs, epochs: number): string {
  const parts = [`epoch ${logs.epoch}/${epochs}`];
  for (const [key, value] of Object.entries(logs)) {
    if (key === 'epoch') continue;
    parts.push(key === 'seconds' ? formatLogValue(key, value) : `${key} ${formatLogValue(key, value)}`);
  }
  return parts.join(' - ');
}

function defaultStream(): ProgressStream {
  const proc = (globalThis as { process?: { stdout?: ProgressStream } }).process;
  if (proc?.stdout !== undefined) return proc.stdout;
  return { write: (text: string) => console.log(text.replace(/\n$/, '')) };
}

/**
 * Shows training progress: on a terminal, a cli-progress bar per epoch with the running loss
 * and throughput; elsewhere (files, CI logs, browsers) one plain line per epoch.
 */
export class Progress implements Callback {
  private readonly stream: ProgressStream;
  private readonly useBar: boolean;
  private bar: Bar | null = null;
  private createBar: (() => Bar) | null = null;

  constructor(options: ProgressOptions = {}) {
    this.stream = options.stream ?? defaultStream();
    this.useBar = (options.bar ?? true) && this.stream.isTTY === true;
  }

  async onTrainBegin(): Promise<void> {
    if (!this.useBar || this.createBar !== null) return;
    // Loaded only on a terminal, so browsers and plain logs never import it.
    const { SingleBar, Presets } = (await import('cli-progress')).default;
    const stream = this.stream as unknown as NodeJS.WritableStream;
    this.createBar = () =>
      new SingleBar(
        { stream, format: 'epoch {epoch} [{bar}] {value}/{total} | loss {loss} | {rate} samples/s', hideCursor: false, clearOnComplete: true },
        Presets.shades_classic,
      );
  }

  onEpochBegin(ctx: TrainContext, epoch: number): void {
    if (this.createBar === null) return;
    this.bar = this.createBar();
    this.bar.start(ctx.loader.length, 0, { epoch: `${epoch}/${ctx.epochs}`, loss: '-', rate: '-' });
  }

  onBatchEnd(_ctx: TrainContext, b: BatchEndEvent): void {
    this.bar?.update(b.batch + 1, { loss: formatLogValue('loss', b.loss), rate: Math.round(b.samplesPerSecond) });
  }

  onEpochEnd(ctx: TrainContext, logs: EpochLogs): void {
    this.stopBar();
    this.stream.write(`${formatEpochLine(logs, ctx.epochs)}\n`);
  }

  onTrainEnd(): void {
    this.stopBar();
  }

  private stopBar(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
