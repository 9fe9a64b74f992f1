import { activate } from './activation.js';
import { batchLoss, forwardSample } from './forward.js';
import { sampleLoss } from './loss.js';
import type { BackpropBatch, DenseLayer, DenseNetwork, Vector } from './network.js';
import { checkBatch, slopeOf } from './network.js';
import type { BackpropResult, LayerGradients } from './result.js';

export interface FiniteDifferenceOptions {
  /** Step h of the central difference (f(v + h) − f(v − h)) / 2h; its error is O(h²). @default 1e-6 */
  readonly step?: number;
}

/** (f(v + h) − f(v − h)) / 2h for a value v that `set` writes before each evaluation of f. */
function central(f: () => number, set: (v: number) => void, v: number, h: number): number {
  set(v + h);
  const up = f();
  set(v - h);
  const down = f();
  set(v);
  return (up - down) / (2 * h);
}

/** ℓ of one sample when layer `from` (0-based) is fed `z` in place of its own z, the rest as usual. */
function lossFromLayer(net: DenseNetwork, from: number, z: Vector, y: Vector): number {
  const apply = (layer: DenseLayer, zl: Vector): number[] => zl.map((v) => activate(layer.activation, v, slopeOf(layer)));
  let a = apply(net.layers[from]!, z);
  for (let l = from + 1; l < net.layers.length; l++) {
    const layer = net.layers[l]!;
    a = apply(layer, layer.weight.map((row, j) => row.reduce((s, w, k) => s + w * a[k]!, layer.bias[j]!)));
  }
  return sampleLoss(net.loss, a, y);
}

/**
 * A second, independent oracle: every derivative by central differences of the plain forward
 * pass, nothing from the chain rule. ∂L/∂W, ∂L/∂b and ∂L/∂x perturb that one number; ∂L/∂z^l_j
 * of sample n perturbs z^l_j and runs the layers above; ∂L/∂a^l_j perturbs a^l_j (the input of
 * layer l + 1, or the loss itself for the last layer). z and a are the forward values.
 * Cost: two forward passes per number, so keep the networks small.
 */
export function finiteDifferenceBackprop(net: DenseNetwork, batch: BackpropBatch, options: FiniteDifferenceOptions = {}): BackpropResult {
  checkBatch('finiteDifferenceBackprop', net, batch);
  const h = options.step ?? 1e-6;
  const samples = batch.inputs.length;
  const depth = net.layers.length;
  // Mutable copies, perturbed in place.
  const work = { loss: net.loss, layers: net.layers.map((l) => ({ ...l, weight: l.weight.map((r) => [...r]), bias: [...l.bias] })) };
  const inputs = batch.inputs.map((r) => [...r]);
  const loss = (): number => batchLoss(work, { inputs, targets: batch.targets });

  const dLdx = inputs.map((row) => row.map((v, k) => central(loss, (u) => (row[k] = u), v, h)));
  const forwards = batch.inputs.map((x) => forwardSample(net, x));
  const layers: LayerGradients[] = work.layers.map((layer, l) => {
    const dW = layer.weight.map((row) => row.map((v, k) => central(loss, (u) => (row[k] = u), v, h)));
    const db = layer.bias.map((v, j) => central(loss, (u) => (layer.bias[j] = u), v, h));
    const z = forwards.map((f) => f.z[l]!);
    const a = forwards.map((f) => f.a[l]!);
    // L = (1/N) Σ ℓ_n, and z^l_n, a^l_n touch only ℓ_n: ∂L/∂z^l_n = (1/N) ∂ℓ_n/∂z^l_n.
    const dLdz = z.map((zn, n) => {
      const zPert = [...zn];
      const f = (): number => lossFromLayer(net, l, zPert, batch.targets[n]!) / samples;
      return zn.map((v, j) => central(f, (u) => (zPert[j] = u), v, h));
    });
    const dLda = a.map((an, n) => {
      const aPert = [...an];
      const f = (): number =>
        l === depth - 1
          ? sampleLoss(net.loss, aPert, batch.targets[n]!) / samples
          : lossFromLayer(net, l + 1, net.layers[l + 1]!.weight.map((row, j) => row.reduce((s, w, k) => s + w * aPert[k]!, net.layers[l + 1]!.bias[j]!)), batch.targets[n]!) / samples;
      return an.map((v, j) => central(f, (u) => (aPert[j] = u), v, h));
    });
    return { z, a, dLda, dLdz, dW, db };
  });
  return { loss: loss(), dLdx, layers };
}
