import type { BackpropTrace } from './trace.js';

const num = (v: number): string => (Object.is(v, -0) ? 0 : v).toFixed(5);
const vector = (v: readonly number[]): string => `[${v.map(num).join(', ')}]`;
const pad = (text: string, width: number): string => text.padStart(width);

/** A row of W, shortened to its first four entries when longer. */
function weightRow(row: readonly number[]): string {
  const shown = row.slice(0, 4).map(num).join(', ');
  return `[${shown}${row.length > 4 ? `, … (${row.length})` : ''}]`;
}

/**
 * The trace as text: per layer an aligned table with each unit's W row, b, z, a, dL/da and
 * dL/dz side by side, so each number can be recomputed by hand from the ones above it.
 */
export function formatBackpropTrace(trace: BackpropTrace): string {
  const depth = trace.layers.length;
  const hidden = trace.layers[0]!.activation;
  const lines = [
    `Backprop through a ${trace.sizes.join('-')} network (${depth > 1 ? `${hidden} hidden, ` : ''}${trace.layers[depth - 1]!.activation} output, ${trace.loss} loss, seed ${trace.seed}) on one sample.`,
    'Forward: read z and a from the top down. Backward: read dL/da and dL/dz from the bottom up.',
    '',
    `input  x = a^0 = ${vector(trace.x)}`,
    `target y       = ${vector(trace.y)}`,
  ];
  trace.layers.forEach((layer, i) => {
    const l = i + 1;
    const rows = layer.z.map((_, j) => [String(j), weightRow(layer.weight[j]!), num(layer.bias[j]!), num(layer.z[j]!), num(layer.a[j]!), num(layer.dLda[j]!), num(layer.dLdz[j]!), weightRow(layer.dW[j]!)]);
    const header = ['unit', `W^${l} row`, `b^${l}`, `z^${l}`, `a^${l}`, 'dL/da', 'dL/dz', 'dL/dW row'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
    const fmt = (cells: readonly string[]): string => `  ${cells.map((cell, c) => pad(cell, widths[c]!)).join(' │ ')}`;
    lines.push('');
    lines.push(`layer ${l}: z^${l} = W^${l}·a^${l - 1} + b^${l},  a^${l} = ${layer.activation}(z^${l})${layer.activation === 'leakyRelu' ? ` (slope ${layer.negativeSlope ?? 0.01})` : ''}`);
    lines.push(`${l === depth ? `  dL/da^${l} = ∂ℓ/∂a^${l} from the loss;` : `  dL/da^${l} = (W^${l + 1})ᵀ·dL/dz^${l + 1};`}  dL/dz^${l} = dL/da^${l} ⊙ ${layer.activation}'(z^${l});  dL/dW^${l} = dL/dz^${l}·(a^${l - 1})ᵀ;  dL/db^${l} = dL/dz^${l}`);
    lines.push(fmt(header));
    lines.push(`  ${widths.map((w) => '─'.repeat(w)).join('─┼─')}`);
    rows.forEach((r, j) => lines.push(fmt(r) + (layer.dead[j]! ? `   ← passes no gradient (${layer.activation === 'relu' ? 'z <= 0' : "σ'(z) = 0"})` : '')));
  });
  const agree = Math.max(trace.agreement.postActivation, trace.agreement.vectorized, trace.agreement.autograd);
  lines.push('');
  lines.push(`loss ℓ = ${trace.lossValue.toFixed(6)}${trace.loss === 'softmaxCrossEntropy' ? ` = −Σ_k y_k·log softmax(a^${depth})_k` : ` = mean_k (a^${depth}_k − y_k)²`}`);
  lines.push(`dL/dx = (W^1)ᵀ·dL/dz^1 = ${vector(trace.dLdx)}`);
  lines.push(`The post-activation, pre-activation and vectorized views and autograd agree to within ${agree.toExponential(1)}.`);
  return lines.join('\n');
}
