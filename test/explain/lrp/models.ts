import { AvgPool2d } from '../../../src/nn/layers/avg-pool-2d.js';
import { ReLU } from '../../../src/nn/layers/activations.js';
import { Conv2d } from '../../../src/nn/layers/conv2d.js';
import { Flatten } from '../../../src/nn/layers/flatten.js';
import { Linear } from '../../../src/nn/layers/linear.js';
import { MaxPool2d } from '../../../src/nn/layers/max-pool-2d.js';
import { Residual } from '../../../src/nn/layers/residual.js';
import { Sequential } from '../../../src/nn/sequential.js';
import { Generator } from '../../../src/tensor/index.js';

/** Small float64 test networks; `bias: false` makes them positively homogeneous. */
export function reluMlp(seed: number, bias: boolean): Sequential {
  const g = new Generator(seed);
  return new Sequential([
    new Linear(6, 10, { generator: g, bias }),
    new ReLU(),
    new Linear(10, 8, { generator: g, bias }),
    new ReLU(),
    new Linear(8, 3, { generator: g, bias }),
  ]).cast('float64');
}

export function reluCnn(seed: number, bias: boolean): Sequential {
  const g = new Generator(seed);
  return new Sequential([
    new Conv2d(1, 3, { kernelSize: 3, padding: 1, generator: g, bias }),
    new ReLU(),
    new MaxPool2d(2),
    new Conv2d(3, 4, { kernelSize: 3, padding: 1, generator: g, bias }),
    new ReLU(),
    new AvgPool2d(2),
    new Flatten(),
    new Linear(4 * 2 * 2, 3, { generator: g, bias }),
  ]).cast('float64');
}

export function residualMlp(seed: number, bias: boolean): Sequential {
  const g = new Generator(seed);
  return new Sequential([
    new Linear(6, 8, { generator: g, bias }),
    new ReLU(),
    new Residual(new Sequential([new Linear(8, 8, { generator: g, bias }), new ReLU(), new Linear(8, 8, { generator: g, bias })])),
    new ReLU(),
    new Residual(new Linear(8, 4, { generator: g, bias }), { shortcut: new Linear(8, 4, { generator: g, bias }) }),
    new ReLU(),
    new Linear(4, 3, { generator: g, bias }),
  ]).cast('float64');
}
