/**
 * One record per epoch: `loss` and each metric on the training batches, `val_loss` and
 * `val_<metric>` on the validation set, the learning rate and the epoch's wall time.
 * Keys follow Keras (`val_loss`, `val_accuracy`) so callbacks can `monitor` them by name.
 */
export interface EpochLogs {
  /** 1-based epoch number. */
  readonly epoch: number;
  /** Mean training loss over the epoch's samples. */
  readonly loss: number;
  /** Learning rate of the first parameter group in the epoch's last optimizer step. */
  readonly lr: number;
  /** Wall-clock seconds of the epoch, validation included. */
  readonly seconds: number;
  /** Metrics (`accuracy`), validation values (`val_loss`, `val_accuracy`). */
  readonly [key: string]: number;
}

/** What `fit` returns: the per-epoch records, with helpers to read one series. */
export class History {
  readonly epochs: EpochLogs[];

  constructor(epochs: readonly EpochLogs[] = []) {
    this.epochs = [...epochs];
  }

  /** The values of `key` over the epochs (NaN where an epoch lacks it). */
  series(key: string): number[] {
    return this.epochs.map((e) => e[key] ?? Number.NaN);
  }

  /** The last epoch's record, or undefined before the first. */
  get last(): EpochLogs | undefined {
    return this.epochs[this.epochs.length - 1];
  }

  toJSON(): EpochLogs[] {
    return this.epochs;
  }
}
