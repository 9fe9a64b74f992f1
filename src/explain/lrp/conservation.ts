import type { LayerRelevance } from '../attribution.js';

export interface ConservationCheck {
  /** True when every top-level layer keeps Σ R within `tolerance` of the output relevance. */
  readonly ok: boolean;
  /** The largest |ratio − 1| over top-level layers and samples. */
  readonly worstDeviation: number;
  /** The layer where it occurs ('' when there are no layers). */
  readonly worstLayer: string;
  /** Top-level layers whose ratio leaves [1 − tolerance, 1 + tolerance] for some sample, in backward order. */
  readonly violations: readonly string[];
}

/**
 * Checks the per-layer conservation an LRP run reported (Montavon et al. 2019, sec. 10.1: Σ_i R_i
 * = Σ_j R_j at every layer). Layers inside residual branches carry only their branch's share and
 * are skipped; the Residual's own entry is checked. Biases and the epsilon stabilizer absorb
 * relevance, so expect violations in networks with biases or a large epsilon.
 *
 * @example checkConservation(lrp(model, x, { rule: 'epsilon' }).extras.conservation!, 0.01)
 */
export function checkConservation(layers: readonly LayerRelevance[], tolerance = 1e-3): ConservationCheck {
  let worstDeviation = 0;
  let worstLayer = '';
  const violations: string[] = [];
  for (const layer of layers) {
    if (isInsideBranch(layer.name)) continue;
    const deviation = Math.max(...layer.ratio.map((r) => (Number.isFinite(r) ? Math.abs(r - 1) : Infinity)));
    if (deviation > worstDeviation || worstLayer === '') {
      worstDeviation = deviation;
      worstLayer = layer.name;
    }
    if (deviation > tolerance) violations.push(layer.name);
  }
  return { ok: violations.length === 0, worstDeviation, worstLayer, violations };
}

function isInsideBranch(name: string): boolean {
  return /(^|\.)(body|shortcut)(\.|$)/.test(name);
}

/**
 * A Markdown table of the per-layer relevance totals: layer, type, rule, and the ratio Σ R / R_out
 * (mean, min and max over the samples), from the output down to the input.
 */
export function formatConservation(layers: readonly LayerRelevance[]): string {
  const fmt = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : String(v));
  const rows = layers.map((l) => {
    const mean = l.ratio.reduce((a, b) => a + b, 0) / Math.max(1, l.ratio.length);
    return `| ${l.name} | ${l.type} | ${l.rule} | ${fmt(mean)} | ${fmt(Math.min(...l.ratio))} | ${fmt(Math.max(...l.ratio))} |`;
  });
  return ['| layer | type | rule | Σ R / R_out (mean) | min | max |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
