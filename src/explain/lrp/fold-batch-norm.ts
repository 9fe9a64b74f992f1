import { noGrad } from '../../autograd/grad-mode.js';
import { ConfigError } from '../../errors/index.js';
import { BatchNorm } from '../../nn/layers/batch-norm.js';
import { Conv2d } from '../../nn/layers/conv2d.js';
import { Linear } from '../../nn/layers/linear.js';
import { Residual } from '../../nn/layers/residual.js';
import type { Module } from '../../nn/module.js';
import type { TensorModule } from '../../nn/sequential.js';
import { Sequential } from '../../nn/sequential.js';
import { Generator } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';

/**
 * A model equal to `model` in evaluation mode, with every BatchNorm that directly follows a
 * Linear or Conv2d (in a Sequential) folded into it: with s = γ / √(running_var + eps),
 * W' = s·W (per output channel) and b' = s·(b − running_mean) + β. Other layers are shared with
 * the original, not copied; the original is not modified. LRP runs on the folded model, as
 * Montavon et al. (2019, sec. 10.3) recommend for batch norm.
 *
 * @example const folded = foldBatchNorm(model); // folded.call(x) equals model.eval().call(x)
 */
export function foldBatchNorm(model: Module): Module {
  if (model instanceof Sequential) {
    const layers = [...model];
    const out: TensorModule[] = [];
    for (let i = 0; i < layers.length; i++) {
      const layer = layers[i]!;
      const next = layers[i + 1];
      if ((layer instanceof Linear || layer instanceof Conv2d) && next instanceof BatchNorm) {
        out.push(fold(layer, next, `${i + 1}`));
        i++;
      } else {
        out.push(foldBatchNorm(layer));
      }
    }
    const result = new Sequential(out);
    result.training = false;
    return result;
  }
  if (model instanceof Residual) {
    const body = foldBatchNorm(model.body);
    const result = model.shortcut === null ? new Residual(body) : new Residual(body, { shortcut: foldBatchNorm(model.shortcut) });
    result.training = false;
    return result;
  }
  return model;
}

/** The Linear/Conv2d equal to `layer` followed by `bn` in evaluation mode; `name` locates bn in errors. */
export function fold(layer: Linear | Conv2d, bn: BatchNorm, name: string): Linear | Conv2d {
  if (!bn.trackRunningStats) {
    throw new ConfigError(`foldBatchNorm: the batch norm at '${name}' keeps no running statistics, so it is not a fixed linear map`, {
      hint: 'build it with trackRunningStats: true (the default)',
    });
  }
  return noGrad(() => {
    const w = layer.weight.detach();
    const dtype = w.dtype === 'float64' ? 'float64' : 'float32';
    const count = bn.numFeatures;
    const gamma = bn.weight === null ? null : bn.weight.detach().cast(dtype);
    const beta = bn.bias === null ? null : bn.bias.detach().cast(dtype);
    let scale = bn.runningVar.detach().cast(dtype).add(bn.eps).rsqrt();
    if (gamma !== null) scale = scale.mul(gamma);
    const oldBias: Tensor = layer.bias === null ? bn.runningMean.detach().cast(dtype).mul(0) : layer.bias.detach();
    let bias = oldBias.sub(bn.runningMean.detach().cast(dtype)).mul(scale);
    if (beta !== null) bias = bias.add(beta);
    const weight = w.mul(scale.reshape(count, ...w.shape.slice(1).map(() => 1)));
    const folded =
      layer instanceof Linear
        ? new Linear(layer.inFeatures, layer.outFeatures, { generator: new Generator(0) })
        : new Conv2d(layer.inChannels, layer.outChannels, {
            kernelSize: layer.kernelSize,
            stride: layer.stride,
            padding: layer.padding,
            dilation: layer.dilation,
            groups: layer.groups,
            generator: new Generator(0),
          });
    // A throwaway generator: folding must not advance the global random stream.
    folded.cast(dtype);
    folded.loadStateDict({ weight: weight.contiguous(), bias: bias.contiguous() });
    folded.training = false;
    return folded;
  });
}
