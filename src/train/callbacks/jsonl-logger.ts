import { ConfigError } from '../../errors/index.js';
import type { Callback, TrainContext } from '../callback.js';
import type { BatchEndEvent } from '../events.js';
import type { EpochLogs } from '../history.js';

export interface JsonlLoggerOptions {
  /** File to write (Node). Truncated at the start of a fresh run, appended to when resuming. */
  readonly path?: string;
  /** Receives each chunk of lines instead of a file (browsers, tests). */
  readonly write?: (text: string) => void | Promise<void>;
  /** Also log every batch (`{"type":"batch",...}`). @default false */
  readonly perBatch?: boolean;
}

/**
 * Writes metrics as JSON Lines: one object per epoch (`{"type":"epoch","epoch":1,"loss":...}`),
 * and with `perBatch` one per batch. Lines are buffered and flushed once per epoch, so
 * per-batch logging costs a string, not a file write. Non-finite numbers are written as null.
 */
export class JsonlLogger implements Callback {
  private readonly path: string | undefined;
  private readonly sink: ((text: string) => void | Promise<void>) | undefined;
  readonly perBatch: boolean;
  private buffer: string[] = [];

  constructor(options: JsonlLoggerOptions) {
    if ((options.path === undefined) === (options.write === undefined)) {
      throw new ConfigError('JsonlLogger: pass exactly one of path or write', { hint: "new JsonlLogger({ path: 'metrics.jsonl' })" });
    }
    this.path = options.path;
    this.sink = options.write;
    this.perBatch = options.perBatch ?? false;
  }

  async onTrainBegin(ctx: TrainContext): Promise<void> {
    this.buffer = [];
    if (this.path !== undefined && ctx.epoch === 0) {
      const fs = await import('node:fs/promises');
      await fs.writeFile(this.path, '');
    }
  }

  onBatchEnd(_ctx: TrainContext, b: BatchEndEvent): void {
    if (!this.perBatch) return;
    this.buffer.push(JSON.stringify({ type: 'batch', ...b }));
  }

  async onEpochEnd(_ctx: TrainContext, logs: EpochLogs): Promise<void> {
    this.buffer.push(JSON.stringify({ type: 'epoch', ...logs }));
    await this.flush();
  }

  async onTrainEnd(): Promise<void> {
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const text = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    if (this.sink !== undefined) {
      await this.sink(text);
    } else {
      const fs = await import('node:fs/promises');
      await fs.appendFile(this.path!, text);
    }
  }
}
