import type { EpochLogs } from '../train/history.js';
import type { ResolvedThresholds } from './options.js';
import type { DiagnosticsWarning, LayerRecord } from './types.js';

/** A check's outcome: a warning, or null when its condition (`key`) does not hold now. */
export interface Finding {
  readonly key: string;
  readonly warning: DiagnosticsWarning | null;
}

const fmt = (v: number): string => (Number.isFinite(v) ? v.toPrecision(3) : String(v));

/**
 * Step-level exploding check on the total gradient norms recorded so far: a non-finite norm or
 * weight, or a norm above `explodingGrowth` × the geometric mean of the previous window.
 */
export function checkStep(norms: readonly { step: number; epoch: number; value: number }[], weightsFinite: boolean, t: ResolvedThresholds): Finding[] {
  const last = norms.at(-1);
  if (last === undefined) return [];
  const key = 'exploding';
  if (!Number.isFinite(last.value) || !weightsFinite) {
    const what = Number.isFinite(last.value) ? 'weights' : 'gradient norm';
    return [{ key, warning: { kind: 'exploding', epoch: last.epoch, step: last.step, message: `exploding: non-finite ${what} at step ${last.step} (gradient norm ${fmt(last.value)})`, values: { gradNorm: last.value } } }];
  }
  const window = norms.slice(Math.max(0, norms.length - 1 - t.explodingWindow), norms.length - 1).map((n) => n.value);
  if (window.length === 0 || window.some((v) => !(v > 0) || !Number.isFinite(v))) return [{ key, warning: null }];
  const geo = Math.exp(window.reduce((s, v) => s + Math.log(v), 0) / window.length);
  const growth = last.value / geo;
  if (growth > t.explodingGrowth) {
    return [{ key, warning: { kind: 'exploding', epoch: last.epoch, step: last.step, message: `exploding: gradient norm ${fmt(last.value)} at step ${last.step} is ${fmt(growth)}× the recent level ${fmt(geo)} (threshold ${t.explodingGrowth}×)`, values: { gradNorm: last.value, recent: geo, growth } } }];
  }
  return [{ key, warning: null }];
}

/** Vanishing: the first parametrized layer's epoch gradient norm against the last one's. */
function vanishing(epoch: number, layers: readonly LayerRecord[], t: ResolvedThresholds): Finding[] {
  if (layers.length < 2) return [];
  const first = layers[0]!;
  const last = layers[layers.length - 1]!;
  const g1 = first.epochs.at(-1)?.gradNorm ?? Number.NaN;
  const gL = last.epochs.at(-1)?.gradNorm ?? Number.NaN;
  if (!(gL > 0) || !Number.isFinite(g1) || !Number.isFinite(gL)) return [];
  const ratio = g1 / gL;
  const warning: DiagnosticsWarning | null =
    ratio < t.vanishingRatio
      ? {
          kind: 'vanishing',
          epoch,
          layer: first.name,
          message: `vanishing gradients: layer ${first.name} (${first.type}) has gradient norm ${fmt(g1)}, ${fmt(ratio)}× the last layer ${last.name}'s ${fmt(gL)} (threshold ${t.vanishingRatio})`,
          values: { firstGradNorm: g1, lastGradNorm: gL, ratio },
        }
      : null;
  return [{ key: 'vanishing', warning }];
}

function deadUnits(epoch: number, layers: readonly LayerRecord[], t: ResolvedThresholds): Finding[] {
  return layers
    .filter((l) => l.kind === 'relu')
    .map((l) => {
      const dead = l.epochs.at(-1)?.dead ?? Number.NaN;
      const warning: DiagnosticsWarning | null =
        dead > t.deadFraction
          ? { kind: 'dead-units', epoch, layer: l.name, message: `dead units: ${(dead * 100).toFixed(1)}% of layer ${l.name} (${l.type}) output 0 for every training sample of epoch ${epoch} (threshold ${(t.deadFraction * 100).toFixed(0)}%)`, values: { dead } }
          : null;
      return { key: `dead-units:${l.name}`, warning };
    });
}

/**
 * Overfitting: validation loss has stayed above its best (by `overfitMinRise`) for at least
 * `overfitPatience` epochs while the training loss fell below its value at the best epoch.
 * Reports the first epoch of the rise and the gap val_loss − loss now; raised once per run.
 */
export function overfitting(history: readonly EpochLogs[], t: ResolvedThresholds): Finding[] {
  const withVal = history.filter((e) => Number.isFinite(e['val_loss']) && Number.isFinite(e.loss));
  if (withVal.length < 2) return [];
  let best = 0;
  for (let i = 1; i < withVal.length; i++) if (withVal[i]!['val_loss']! < withVal[best]!['val_loss']!) best = i;
  const now = withVal[withVal.length - 1]!;
  const at = withVal[best]!;
  const since = withVal.length - 1 - best;
  const valNow = now['val_loss']!;
  const valBest = at['val_loss']!;
  const rising = since >= t.overfitPatience && valNow > valBest * (1 + t.overfitMinRise) && now.loss < at.loss;
  // Once found, overfitting is reported once per run (later rises repeat the same story).
  if (!rising) return [];
  const began = withVal[best + 1]!.epoch;
  const gap = valNow - now.loss;
  return [
    {
      key: 'overfitting',
      warning: {
        kind: 'overfitting',
        epoch: now.epoch,
        message: `overfitting: validation loss rose from ${fmt(valBest)} (epoch ${at.epoch}) to ${fmt(valNow)} since epoch ${began} while training loss fell from ${fmt(at.loss)} to ${fmt(now.loss)}; gap val_loss − loss = ${fmt(gap)}`,
        values: { beganEpoch: began, bestEpoch: at.epoch, bestValLoss: valBest, valLoss: valNow, loss: now.loss, gap },
      },
    },
  ];
}

/** Epoch-level checks: vanishing gradients, dead units, overfitting. */
export function analyzeEpoch(epoch: number, parametrized: readonly LayerRecord[], layers: readonly LayerRecord[], history: readonly EpochLogs[], t: ResolvedThresholds): Finding[] {
  return [...vanishing(epoch, parametrized, t), ...deadUnits(epoch, layers, t), ...overfitting(history, t)];
}
