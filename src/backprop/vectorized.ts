import { noGrad } from '../autograd/index.js';
import { ShapeError, formatShape } from '../errors/index.js';
import { gt, sub, where } from '../ops/index.js';
import { tensor } from '../tensor/index.js';
import type { Tensor } from '../tensor/index.js';
import type { BackpropActivation, BackpropLoss, BackpropBatch, DenseNetwork } from './network.js';
import { checkBatch, slopeOf } from './network.js';
import type { BackpropResult, LayerGradients } from './result.js';

/** A layer with its parameters as deeptrace tensors. */
export interface TensorLayer {
  /** W^l [out, in]. */
  readonly weight: Tensor;
  /** b^l [out]. */
  readonly bias: Tensor;
  readonly activation: BackpropActivation;
  readonly negativeSlope: number;
}

/** A dense network held as tensors, ready for the vectorized view. */
export interface TensorNetwork {
  readonly layers: readonly TensorLayer[];
  readonly loss: BackpropLoss;
}

/** Every matrix of one layer of a vectorized pass; rows are samples. */
export interface VectorizedLayer {
  /** Z^l [N, out]. */
  readonly Z: Tensor;
  /** A^l [N, out]. */
  readonly A: Tensor;
  /** ΔA^l = ∂L/∂A^l [N, out]. */
  readonly dA: Tensor;
  /** ΔZ^l = ∂L/∂Z^l [N, out]. */
  readonly dZ: Tensor;
  /** ΔW^l [out, in]. */
  readonly dW: Tensor;
  /** Δb^l [out]. */
  readonly db: Tensor;
}

export interface VectorizedPass {
  /** L, a 0-d tensor. */
  readonly loss: Tensor;
  /** ∂L/∂X [N, in]. */
  readonly dX: Tensor;
  readonly layers: VectorizedLayer[];
}

/**
 * Copies a DenseNetwork's weights into tensors: float64 (the default, exact enough to compare
 * with the other views) or float32 (the fast kernels' type, for timing).
 */
export function toTensorNetwork(net: DenseNetwork, dtype: 'float32' | 'float64' = 'float64'): TensorNetwork {
  return {
    loss: net.loss,
    layers: net.layers.map((layer) => ({
      weight: tensor(layer.weight as number[][], { dtype }),
      bias: tensor(layer.bias as number[], { dtype }),
      activation: layer.activation,
      negativeSlope: slopeOf(layer),
    })),
  };
}

/** A^l = σ(Z^l), elementwise. */
function activateAll(layer: TensorLayer, Z: Tensor): Tensor {
  switch (layer.activation) {
    case 'relu':
      return Z.relu();
    case 'leakyRelu':
      return Z.leakyRelu(layer.negativeSlope);
    case 'sigmoid':
      return Z.sigmoid();
    case 'tanh':
      return Z.tanh();
    case 'identity':
      return Z;
  }
}

/** ΔZ^l = ΔA^l ⊙ σ'(Z^l), with σ' written from Z or from A = σ(Z) (activation.ts has the same formulas). */
function throughActivation(layer: TensorLayer, dA: Tensor, Z: Tensor, A: Tensor): Tensor {
  switch (layer.activation) {
    case 'relu':
      return dA.mul(gt(Z, 0)); // σ' = 1[z > 0]
    case 'leakyRelu':
      return dA.mul(where(gt(Z, 0), 1, layer.negativeSlope));
    case 'sigmoid':
      return dA.mul(A.mul(sub(1, A))); // σ' = σ(1 − σ)
    case 'tanh':
      return dA.mul(sub(1, A.mul(A))); // σ' = 1 − tanh²
    case 'identity':
      return dA;
  }
}

/**
 * Backprop, vectorized view: whole layers and the whole batch at once, as matrix products.
 * Rows are samples (X is [N, in]), so the per-neuron sums of the other views become:
 *
 *   forward   Z^l = A^{l−1} (W^l)ᵀ + b^l,  A^l = σ(Z^l),  A^0 = X
 *   loss      ΔA^L = (softmax(A^L) − Y) / N          (softmax cross-entropy)
 *             ΔA^L = 2 (A^L − Y) / (N·C)              (mse over N·C entries)
 *   backward  ΔZ^l = ΔA^l ⊙ σ'(Z^l)                    (BP1/BP2 for all samples at once)
 *             ΔW^l = (ΔZ^l)ᵀ A^{l−1},  Δb^l = Σ_rows ΔZ^l   (BP4, BP3: the sum over samples is in the product)
 *             ΔA^{l−1} = ΔZ^l W^l                       (BP2's (W^{l+1})ᵀ δ^{l+1}, one row per sample)
 *
 * Everything runs under noGrad with deeptrace's matmul, in the network's dtype (float64 from
 * vectorizedBackprop): no autograd tape, just the products, so timing it against the
 * per-neuron views measures the formulation itself.
 * Reference: Goodfellow, Bengio & Courville, "Deep Learning", §6.5.7–6.5.9 (2016).
 */
export function vectorizedPass(net: TensorNetwork, X: Tensor, Y: Tensor): VectorizedPass {
  const inputs = net.layers[0]?.weight.shape[1];
  const outputs = net.layers[net.layers.length - 1]?.weight.shape[0];
  if (X.ndim !== 2 || X.shape[1] !== inputs || Y.ndim !== 2 || Y.shape[0] !== X.shape[0] || Y.shape[1] !== outputs) {
    throw new ShapeError(`vectorizedPass: expected X [N, ${inputs}] and Y [N, ${outputs}], got X ${formatShape(X.shape)} and Y ${formatShape(Y.shape)}`, {
      hint: 'rows are samples: X holds one input per row, Y one target per row',
    });
  }
  return noGrad(() => {
    const samples = X.shape[0]!;
    // Forward, storing Z^l and A^l.
    const Z: Tensor[] = [];
    const A: Tensor[] = [];
    let previous = X;
    for (const layer of net.layers) {
      const z = previous.matmul(layer.weight.T).add(layer.bias); // Z^l = A^{l−1} (W^l)ᵀ + b^l
      const a = activateAll(layer, z); // A^l = σ(Z^l)
      Z.push(z);
      A.push(a);
      previous = a;
    }
    const output = A[A.length - 1]!;

    // Loss and its gradient with respect to A^L.
    let loss: Tensor;
    let dA: Tensor;
    if (net.loss === 'softmaxCrossEntropy') {
      loss = Y.mul(output.logSoftmax(1)).sum().neg().div(samples); // L = −(1/N) Σ Y ⊙ log softmax(A^L)
      dA = output.softmax(1).sub(Y).div(samples); // ΔA^L = (softmax(A^L) − Y)/N
    } else {
      const diff = output.sub(Y);
      loss = diff.mul(diff).mean(); // L = mean((A^L − Y)²)
      dA = diff.mul(2 / diff.size); // ΔA^L = 2(A^L − Y)/(N·C)
    }

    // Backward, last layer to first.
    const layers: VectorizedLayer[] = new Array<VectorizedLayer>(net.layers.length);
    for (let l = net.layers.length - 1; l >= 0; l--) {
      const layer = net.layers[l]!;
      const input = l === 0 ? X : A[l - 1]!;
      const dZ = throughActivation(layer, dA, Z[l]!, A[l]!); // ΔZ^l = ΔA^l ⊙ σ'(Z^l)
      const dW = dZ.T.matmul(input); // ΔW^l = (ΔZ^l)ᵀ A^{l−1}
      const db = dZ.sum(0); // Δb^l = Σ_rows ΔZ^l
      layers[l] = { Z: Z[l]!, A: A[l]!, dA, dZ, dW, db };
      dA = dZ.matmul(layer.weight); // ΔA^{l−1} = ΔZ^l W^l
    }
    return { loss, dX: dA, layers };
  });
}

const rows = (t: Tensor): number[][] => t.toArray() as number[][];

/** The vectorized view on a DenseNetwork and plain-array batch, returned as plain arrays like the other views. */
export function vectorizedBackprop(net: DenseNetwork, batch: BackpropBatch): BackpropResult {
  checkBatch('vectorizedBackprop', net, batch);
  const X = tensor(batch.inputs as number[][], { dtype: 'float64' });
  const Y = tensor(batch.targets as number[][], { dtype: 'float64' });
  const pass = vectorizedPass(toTensorNetwork(net), X, Y);
  const layers: LayerGradients[] = pass.layers.map((l) => ({
    z: rows(l.Z),
    a: rows(l.A),
    dLda: rows(l.dA),
    dLdz: rows(l.dZ),
    dW: rows(l.dW),
    db: l.db.toArray() as number[],
  }));
  return { loss: pass.loss.item(), dLdx: rows(pass.dX), layers };
}
