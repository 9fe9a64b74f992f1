import type { BackpropActivation } from './network.js';

// The activations σ and their derivatives σ'(z), one number at a time. The per-neuron views
// call these; the vectorized view applies the same formulas to whole tensors.

/** σ(z). */
export function activate(name: BackpropActivation, z: number, negativeSlope = 0.01): number {
  switch (name) {
    case 'relu':
      return z > 0 ? z : 0; // max(0, z)
    case 'leakyRelu':
      return z > 0 ? z : negativeSlope * z;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z)); // 1 / (1 + e^{-z})
    case 'tanh':
      return Math.tanh(z);
    case 'identity':
      return z;
  }
}

/**
 * σ'(z). At the kink z = 0 relu and leakyRelu take the left derivative (0 and the slope), as
 * deeptrace's ops and PyTorch do, so a relu unit with z <= 0 passes no gradient.
 */
export function activationDerivative(name: BackpropActivation, z: number, negativeSlope = 0.01): number {
  switch (name) {
    case 'relu':
      return z > 0 ? 1 : 0;
    case 'leakyRelu':
      return z > 0 ? 1 : negativeSlope;
    case 'sigmoid': {
      const s = 1 / (1 + Math.exp(-z));
      return s * (1 - s); // σ'(z) = σ(z)(1 − σ(z))
    }
    case 'tanh': {
      const t = Math.tanh(z);
      return 1 - t * t; // tanh'(z) = 1 − tanh²(z)
    }
    case 'identity':
      return 1;
  }
}
