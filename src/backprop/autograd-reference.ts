import { crossEntropy, mseLoss } from '../nn/index.js';
import { tensor } from '../tensor/index.js';
import type { Tensor } from '../tensor/index.js';
import type { BackpropBatch, DenseNetwork } from './network.js';
import { checkBatch, slopeOf } from './network.js';
import type { BackpropResult, LayerGradients } from './result.js';

const rows = (t: Tensor | null): number[][] => (t === null ? [] : (t.toArray() as number[][]));

/**
 * The oracle for the three views: the same network built from deeptrace float64 tensors that
 * require grad, the loss from deeptrace's own crossEntropy / mseLoss, and one `backward()`.
 * `retainGrad()` on every z and a keeps ∂L/∂z and ∂L/∂a, which autograd would otherwise drop.
 */
export function autogradBackprop(net: DenseNetwork, batch: BackpropBatch): BackpropResult {
  checkBatch('autogradBackprop', net, batch);
  const f64 = { dtype: 'float64', requiresGrad: true } as const;
  const x = tensor(batch.inputs as number[][], f64);
  const y = tensor(batch.targets as number[][], { dtype: 'float64' });
  const weights = net.layers.map((layer) => tensor(layer.weight as number[][], f64));
  const biases = net.layers.map((layer) => tensor(layer.bias as number[], f64));
  const zs: Tensor[] = [];
  const as: Tensor[] = [];
  let a = x;
  net.layers.forEach((layer, l) => {
    const z = a.matmul(weights[l]!.T).add(biases[l]!).retainGrad();
    switch (layer.activation) {
      case 'relu':
        a = z.relu();
        break;
      case 'leakyRelu':
        a = z.leakyRelu(slopeOf(layer));
        break;
      case 'sigmoid':
        a = z.sigmoid();
        break;
      case 'tanh':
        a = z.tanh();
        break;
      case 'identity':
        a = z;
        break;
    }
    zs.push(z);
    as.push(a.retainGrad());
  });
  // softmaxCrossEntropy with probability targets: −(1/N) Σ_n Σ_k y_nk log softmax(a^L_n)_k.
  const loss = net.loss === 'softmaxCrossEntropy' ? crossEntropy(a, y) : mseLoss(a, y);
  loss.backward();
  const layers: LayerGradients[] = net.layers.map((_, l) => ({
    z: rows(zs[l]!),
    a: rows(as[l]!),
    dLda: rows(as[l]!.grad),
    dLdz: rows(zs[l]!.grad),
    dW: rows(weights[l]!.grad),
    db: biases[l]!.grad?.toArray() as number[],
  }));
  return { loss: loss.item(), dLdx: rows(x.grad), layers };
}
