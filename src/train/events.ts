/**
 * Typed training events and a tiny browser-safe emitter (no Node EventEmitter), so a
 * command-line view or a web page can follow a `fit` run.
 * @example
 * const events = new TrainEvents();
 * events.on('batchEnd', ({ loss, step }) => chart.push(step, loss));
 * await fit(model, { ..., events });
 */
import type { EpochLogs, History } from './history.js';

/** Sent once, before the first epoch (or the first resumed one). */
export interface TrainBeginEvent {
  /** Total epochs of the run (resumed runs count the epochs already done). */
  readonly epochs: number;
  /** The first epoch this call runs, 1-based (greater than 1 after `resumeFrom`). */
  readonly startEpoch: number;
  /** Batches per training epoch. */
  readonly stepsPerEpoch: number;
  /** Training samples per epoch. */
  readonly trainSamples: number;
  /** Validation samples per epoch (0 without validation). */
  readonly validationSamples: number;
}

export interface EpochBeginEvent {
  /** 1-based epoch number. */
  readonly epoch: number;
  readonly epochs: number;
}

export interface BatchEndEvent {
  readonly epoch: number;
  /** 0-based batch index within the epoch. */
  readonly batch: number;
  /** Batches in this epoch. */
  readonly batches: number;
  /** Optimizer steps taken since the start of training (1 after the first batch). */
  readonly step: number;
  /** Samples in this batch. */
  readonly size: number;
  /** The batch's loss. */
  readonly loss: number;
  /** Throughput of this epoch so far, in samples per second. */
  readonly samplesPerSecond: number;
}

export interface EpochEndEvent {
  readonly epoch: number;
  readonly epochs: number;
  /** The epoch's record: loss, metrics, validation loss and metrics, lr, seconds. */
  readonly logs: EpochLogs;
}

export interface TrainEndEvent {
  readonly history: History;
  /** Why training ended: all epochs done, or stopped early by a callback. */
  readonly reason: 'completed' | 'stopped';
}

/** Event name → payload, for every event `fit` sends. */
export interface TrainEventMap {
  trainBegin: TrainBeginEvent;
  epochBegin: EpochBeginEvent;
  batchEnd: BatchEndEvent;
  epochEnd: EpochEndEvent;
  trainEnd: TrainEndEvent;
}

export type Listener<T> = (payload: T) => void;

/** A minimal typed emitter: `on` returns an unsubscribe function; listeners run in subscription order. */
export class Emitter<M extends object> {
  private readonly listeners = new Map<keyof M, Listener<never>[]>();

  /** Subscribes `listener` to `type`; call the returned function to unsubscribe. */
  on<K extends keyof M>(type: K, listener: Listener<M[K]>): () => void {
    const list = this.listeners.get(type) ?? [];
    list.push(listener as Listener<never>);
    this.listeners.set(type, list);
    return () => this.off(type, listener);
  }

  /** Subscribes for the next event of `type` only. */
  once<K extends keyof M>(type: K, listener: Listener<M[K]>): () => void {
    const off = this.on(type, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  off<K extends keyof M>(type: K, listener: Listener<M[K]>): void {
    const list = this.listeners.get(type);
    if (list === undefined) return;
    const at = list.indexOf(listener as Listener<never>);
    if (at >= 0) list.splice(at, 1);
  }

  /** True when someone listens to `type` (lets the sender skip building a payload). */
  has<K extends keyof M>(type: K): boolean {
    const list = this.listeners.get(type);
    return list !== undefined && list.length > 0;
  }

  emit<K extends keyof M>(type: K, payload: M[K]): void {
    const list = this.listeners.get(type);
    if (list === undefined || list.length === 0) return;
    for (const listener of [...list]) (listener as Listener<M[K]>)(payload);
  }
}

/** The emitter `fit` accepts as `events`. */
export class TrainEvents extends Emitter<TrainEventMap> {}
