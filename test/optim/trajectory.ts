// Shared by the optimizer tests: a 2-element float64 parameter [1, -2] stepped with fixed gradients.
import type { Tensor } from '../../src/tensor/index.js';
import { tensor } from '../../src/tensor/index.js';

/** The gradient given at step 1, 2, 3 (independent of the parameter, so updates are hand-computable). */
export const fixedGrads = [
  [0.5, -1],
  [-0.25, 2],
  [1, 0.5],
];

export function makeParam(): Tensor {
  return tensor([1, -2], { dtype: 'float64', requiresGrad: true });
}

/** The parameter's values after each of `steps` steps of the optimizer `make` builds. */
export function trajectory(make: (params: Tensor[]) => { step(): void }, steps = 3): number[][] {
  const p = makeParam();
  const opt = make([p]);
  const out: number[][] = [];
  for (let t = 0; t < steps; t++) {
    p.grad = tensor(fixedGrads[t]!, { dtype: 'float64' });
    opt.step();
    out.push([...p.values()]);
  }
  return out;
}
