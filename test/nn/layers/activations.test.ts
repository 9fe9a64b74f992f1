import { describe, it } from 'node:test';
import { gradcheck } from '../../../src/autograd/index.js';
import { ELU, GELU, LeakyReLU, ReLU, Sigmoid, Softmax, Tanh } from '../../../src/nn/layers/activations.js';
import type { Tensor } from '../../../src/tensor/index.js';
import { tensor } from '../../../src/tensor/index.js';
import { assertClose } from '../../helpers/assert-close.js';

const xs = [-2, -0.5, 0.5, 3];
const x = () => tensor(xs);
// Φ(x) by the Abramowitz–Stegun-free route: Φ(x) = (1 + erf(x/√2))/2, erf from its series (|x| small).
function erf(v: number): number {
  let sum = 0;
  let term = v;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-v * v) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('activation modules', () => {
  it('compute their formulas', () => {
    assertClose(new ReLU().call(x()), [0, 0, 0.5, 3]);
    assertClose(new LeakyReLU(0.1).call(x()), [-0.2, -0.05, 0.5, 3]);
    assertClose(new ELU(2).call(x()), xs.map((v) => (v > 0 ? v : 2 * Math.expm1(v))));
    assertClose(new GELU().call(x()), xs.map((v) => (v * (1 + erf(v / Math.SQRT2))) / 2), { atol: 1e-5 });
    assertClose(new Sigmoid().call(x()), xs.map((v) => 1 / (1 + Math.exp(-v))));
    assertClose(new Tanh().call(x()), xs.map(Math.tanh));
    const e = [1, 2, 3].map(Math.exp);
    const z = e[0]! + e[1]! + e[2]!;
    assertClose(new Softmax().call(tensor([[1, 2, 3]])), [e.map((v) => v / z)]);
    assertClose(new Softmax(0).call(tensor([[1], [1]])), [[0.5], [0.5]]);
  });

  it('pass gradcheck away from kinks', () => {
    const input = tensor([[-1.3, -0.4, 0.7], [0.2, 1.9, -2.2]], { dtype: 'float64', requiresGrad: true });
    for (const m of [new ReLU(), new LeakyReLU(0.2), new ELU(), new GELU(), new Sigmoid(), new Tanh(), new Softmax(1)]) {
      gradcheck((v: Tensor) => m.call(v), [input]);
    }
  });
});
