import type { HookHandle } from '../autograd/node.js';
import type { Module } from '../nn/module.js';
import type { Tensor } from '../tensor/tensor.js';
import type { EpochLogs } from '../train/history.js';
import { analyzeEpoch, checkStep } from './analyze.js';
import type { DiagnosticsOptions, ResolvedThresholds } from './options.js';
import { resolveEvery, resolveSaturation, resolveThresholds } from './options.js';
import { deadFraction, diffSquares, markAlive, meanOf, meanStd, saturatedFraction, sumSquares, unitCount } from './stats.js';
import type { DiagnosticsWarning, LayerEpochStats, LayerKind, LayerRecord, LayerStepStats } from './types.js';

const kinds: Readonly<Record<string, LayerKind>> = { ReLU: 'relu', Sigmoid: 'sigmoid', Tanh: 'tanh' };

/** Per-layer scratch of the step being recorded. */
interface Pending {
  activationMean: number;
  activationStd: number;
  outputGradNorm: number;
  saturated: number;
}

interface Observed {
  readonly record: LayerRecord;
  readonly module: Module<never[], unknown>;
  readonly params: readonly Tensor[];
  pending: Pending | null;
  before: Float64Array[] | null;
  /** True when `before` holds the weights from before this step. */
  snapshot: boolean;
  alive: Uint8Array | null;
}

function firstTensor(output: unknown): Tensor | null {
  const isT = (v: unknown): v is Tensor => typeof v === 'object' && v !== null && 'storage' in v && 'shape' in v;
  if (isT(output)) return output;
  if (Array.isArray(output) && isT(output[0])) return output[0];
  return null;
}

/**
 * Watches a model's layers during training through the public module API: forward hooks
 * (activation mean/spread, dead ReLU units, saturated sigmoid/tanh units), backward hooks
 * (‖dL/d output‖), parameter gradients after backward, and the weights before and after each
 * optimizer step (update-to-weight ratio). Layers are the modules without children, plus any
 * module with parameters of its own.
 *
 * Outside `fit` (where DiagnosticsCallback does this), call `step()` after each optimizer step
 * and `endEpoch()` after each epoch.
 * @example
 * const diag = attachDiagnostics(model, { every: 5 });
 * // ... forward, backward, optimizer.step(); diag.step(); ... diag.endEpoch();
 * console.log(diag.warnings); diag.detach();
 */
export class Diagnostics {
  readonly every: number;
  readonly saturation: number;
  readonly thresholds: ResolvedThresholds;
  readonly warnings: DiagnosticsWarning[] = [];
  /** Total gradient norm (all observed parameters) at each recorded step. */
  readonly totalGradNorms: { step: number; epoch: number; value: number }[] = [];
  private readonly observed: Observed[] = [];
  private readonly handles: HookHandle[] = [];
  private readonly active = new Set<string>();
  private stepCount = 0;
  private epoch = 1;
  private recording = false;
  private epochLogs: EpochLogs[] = [];

  constructor(readonly model: Module<never[], unknown>, options: DiagnosticsOptions = {}) {
    this.every = resolveEvery(options.every);
    this.saturation = resolveSaturation(options.saturation);
    this.thresholds = resolveThresholds(options.thresholds);
    for (const [name, module] of model.namedModules()) {
      const own = module.namedParameters().filter(([n]) => !n.includes('.')).map(([, t]) => t);
      if (module.children().length > 0 && own.length === 0) continue;
      const type = module.constructor.name;
      const record: LayerRecord = { name: name === '' ? type : name, type, kind: kinds[type] ?? 'other', parameters: own.reduce((n, p) => n + p.size, 0), steps: [], epochs: [] };
      const obs: Observed = { record, module, params: own, pending: null, before: null, snapshot: false, alive: null };
      this.observed.push(obs);
      this.handles.push(module.registerForwardHook((m, _inputs, output) => this.onForward(obs, m, output)));
      this.handles.push(module.registerBackwardHook((_m, grad) => this.onBackward(obs, grad)));
    }
    this.prepareStep();
  }

  /** The observed layers, in module order, with their step and epoch records. */
  get layers(): readonly LayerRecord[] {
    return this.observed.map((o) => o.record);
  }

  /** Layers with parameters, in order: the ones vanishing gradients compare. */
  get parametrizedLayers(): readonly LayerRecord[] {
    return this.layers.filter((l) => l.parameters > 0);
  }

  /** The epoch logs given to endEpoch (training and validation losses, for overfitting). */
  get history(): readonly EpochLogs[] {
    return this.epochLogs;
  }

  /** Steps seen so far. */
  get steps(): number {
    return this.stepCount;
  }

  /** Removes every hook; the records stay. */
  detach(): void {
    for (const h of this.handles.splice(0)) h.remove();
  }

  private onForward(obs: Observed, module: Module, output: unknown): void {
    if (!module.training) return;
    const out = firstTensor(output);
    if (out === null) return;
    const kind = obs.record.kind;
    if (!this.recording && kind !== 'relu') return;
    const values = out.values();
    if (kind === 'relu') {
      if (obs.alive === null) obs.alive = new Uint8Array(unitCount(out.shape));
      if (obs.alive.length === unitCount(out.shape)) markAlive(values, out.shape, obs.alive);
    }
    if (!this.recording) return;
    const { mean, std } = meanStd(values);
    obs.pending = { activationMean: mean, activationStd: std, outputGradNorm: Number.NaN, saturated: saturatedFraction(values, kind, this.saturation) };
  }

  private onBackward(obs: Observed, grad: Tensor): void {
    if (!this.recording || obs.pending === null) return;
    obs.pending.outputGradNorm = Math.sqrt(sumSquares(grad.values()));
  }

  /** Whether the next step is recorded; snapshots the weights it will compare with. */
  private prepareStep(): void {
    this.recording = (this.stepCount + 1) % this.every === 0 || this.stepCount === 0;
    for (const obs of this.observed) {
      obs.pending = null;
      obs.snapshot = false;
      if (!this.recording) continue;
      // Reuse the snapshot buffers: a copy, not an allocation, per recorded step.
      if (obs.before === null || obs.before.some((b, i) => b.length !== obs.params[i]!.size)) obs.before = obs.params.map((p) => new Float64Array(p.size));
      obs.params.forEach((p, i) => obs.before![i]!.set(p.values()));
      obs.snapshot = true;
    }
  }

  /** Call after each optimizer step (gradients still in `.grad`). `epoch` defaults to the current one. */
  step(epoch?: number): void {
    this.stepCount++;
    if (epoch !== undefined) this.epoch = epoch;
    if (this.recording) this.record();
    this.prepareStep();
  }

  private record(): void {
    let total = 0;
    let weightsFinite = true;
    for (const obs of this.observed) {
      let g2 = 0;
      let w2 = 0;
      let d2 = 0;
      let b2 = 0;
      obs.params.forEach((p, i) => {
        if (p.grad !== null) g2 += sumSquares(p.grad.values());
        const now = p.values();
        w2 += sumSquares(now);
        const before = obs.snapshot ? obs.before?.[i] : undefined;
        if (before !== undefined && before.length === now.length) {
          d2 += diffSquares(now, before);
          b2 += sumSquares(before);
        }
      });
      total += g2;
      if (!Number.isFinite(w2)) weightsFinite = false;
      const has = obs.params.length > 0;
      const p = obs.pending;
      const stats: LayerStepStats = {
        step: this.stepCount,
        epoch: this.epoch,
        gradNorm: has ? Math.sqrt(g2) : Number.NaN,
        weightNorm: has ? Math.sqrt(w2) : Number.NaN,
        updateRatio: has && b2 > 0 ? Math.sqrt(d2 / b2) : Number.NaN,
        activationMean: p?.activationMean ?? Number.NaN,
        activationStd: p?.activationStd ?? Number.NaN,
        outputGradNorm: p?.outputGradNorm ?? Number.NaN,
        saturated: p?.saturated ?? Number.NaN,
      };
      obs.record.steps.push(stats);
    }
    const entry = { step: this.stepCount, epoch: this.epoch, value: Math.sqrt(total) };
    this.totalGradNorms.push(entry);
    this.raise(checkStep(this.totalGradNorms, weightsFinite, this.thresholds));
  }

  /**
   * Closes an epoch: averages its recorded steps per layer, computes dead-unit fractions, and
   * runs the epoch-level checks (vanishing, dead units, and with `logs` holding `loss` and
   * `val_loss`, overfitting). Returns the warnings raised by this epoch.
   */
  endEpoch(logs?: EpochLogs): DiagnosticsWarning[] {
    const epoch = logs?.epoch ?? this.epoch;
    if (logs !== undefined) this.epochLogs.push(logs);
    for (const obs of this.observed) {
      const steps = obs.record.steps.filter((s) => s.epoch === epoch);
      const last = steps.at(-1);
      const m = (key: keyof LayerStepStats): number => meanOf(steps.map((s) => s[key]));
      const stats: LayerEpochStats = {
        epoch,
        gradNorm: m('gradNorm'),
        weightNorm: last?.weightNorm ?? Number.NaN,
        updateRatio: m('updateRatio'),
        activationMean: m('activationMean'),
        activationStd: m('activationStd'),
        outputGradNorm: m('outputGradNorm'),
        saturated: m('saturated'),
        dead: obs.alive === null ? Number.NaN : deadFraction(obs.alive),
      };
      obs.record.epochs.push(stats);
      obs.alive = null;
    }
    const before = this.warnings.length;
    this.raise(analyzeEpoch(epoch, this.parametrizedLayers, this.layers, this.epochLogs, this.thresholds));
    this.epoch = epoch + 1;
    return this.warnings.slice(before);
  }

  /** Adds warnings that are not already active (a warning repeats only after its condition cleared). */
  private raise(found: { key: string; warning: DiagnosticsWarning | null }[]): void {
    for (const { key, warning } of found) {
      if (warning === null) this.active.delete(key);
      else if (!this.active.has(key)) {
        this.active.add(key);
        this.warnings.push(warning);
      }
    }
  }
}

/** Attaches a Diagnostics to `model` (see Diagnostics); `detach()` removes its hooks. */
export function attachDiagnostics(model: Module<never[], unknown>, options: DiagnosticsOptions = {}): Diagnostics {
  return new Diagnostics(model, options);
}
