// What every view of backprop returns, with the same shapes, so tests and the CLI compare
// them directly. N is the batch size; L is the batch's mean loss (1/N) Σ_n ℓ_n.

/** One layer l of a backprop pass. */
export interface LayerGradients {
  /** z^l = W^l a^{l−1} + b^l per sample, [N][width]. */
  readonly z: number[][];
  /** a^l = σ(z^l) per sample, [N][width]. */
  readonly a: number[][];
  /** ∂L/∂a^l per sample, [N][width]. */
  readonly dLda: number[][];
  /** δ^l = ∂L/∂z^l per sample, [N][width]. */
  readonly dLdz: number[][];
  /** ∂L/∂W^l, [width][previous width] (the shape of W^l). */
  readonly dW: number[][];
  /** ∂L/∂b^l, [width]. */
  readonly db: number[];
}

/** The result of a backprop pass over a batch. */
export interface BackpropResult<Layer extends LayerGradients = LayerGradients> {
  /** L = (1/N) Σ_n ℓ_n. */
  readonly loss: number;
  /** ∂L/∂x per sample, [N][input width]. */
  readonly dLdx: number[][];
  /** One entry per layer, first to last. */
  readonly layers: Layer[];
}

/** A rows × cols matrix of zeros. */
export function zerosMatrix(rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** Empty per-sample lists and zero parameter gradients for a layer with this weight (out × in). */
export function emptyLayerGradients(weight: readonly (readonly number[])[]): LayerGradients {
  return { z: [], a: [], dLda: [], dLdz: [], dW: zerosMatrix(weight.length, weight[0]!.length), db: new Array<number>(weight.length).fill(0) };
}

/**
 * The largest |x − y| over the loss, dL/dx and every layer's z, a, dL/da, dL/dz, dW and db of
 * two results of the same network and batch. A NaN anywhere, or arrays of different lengths,
 * give Infinity, so a broken result never passes a tolerance check.
 */
export function maxBackpropDifference(x: BackpropResult, y: BackpropResult): number {
  let worst = 0;
  const visit = (p: readonly number[], q: readonly number[] | undefined): void => {
    if (q === undefined || p.length !== q.length) worst = Infinity;
    else p.forEach((v, i) => (worst = Math.max(worst, Number.isNaN(v - q[i]!) ? Infinity : Math.abs(v - q[i]!))));
  };
  const visitRows = (p: readonly (readonly number[])[], q: readonly (readonly number[])[] | undefined): void => {
    if (q === undefined || p.length !== q.length) worst = Infinity;
    else p.forEach((row, i) => visit(row, q[i]));
  };
  visit([x.loss], [y.loss]);
  visitRows(x.dLdx, y.dLdx);
  if (x.layers.length !== y.layers.length) return Infinity;
  x.layers.forEach((layer, l) => {
    const other = y.layers[l]!;
    for (const key of ['z', 'a', 'dLda', 'dLdz', 'dW'] as const) visitRows(layer[key], other[key]);
    visit(layer.db, other.db);
  });
  return worst;
}
