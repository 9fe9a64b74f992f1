// The benchmark MLP and CNN written with @tensorflow/tfjs-core ops and variables, as
// @tensorflow/tfjs-layers would build them (Dense and Conv2D use tf.fused.matMul / tf.fused.conv2d
// with bias and activation; kernels glorot-uniform, biases zero), without depending on
// tfjs-layers, which is not installed.
import * as tf from '@tensorflow/tfjs-core';

export interface TfjsModel {
  /** Trainable variables, in layer order. */
  readonly variables: tf.Variable[];
  /** Logits [batch, 10]; call inside tf.tidy or an optimizer's minimize. */
  forward(x: tf.Tensor): tf.Tensor2D;
}

let seed = 1;

/** Glorot/Xavier uniform (Glorot & Bengio 2010): U(-l, l) with l = sqrt(6 / (fanIn + fanOut)). */
function glorot(shape: number[], fanIn: number, fanOut: number): tf.Variable {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.variable(tf.randomUniform(shape, -limit, limit, 'float32', seed++));
}

const zeros = (n: number): tf.Variable => tf.variable(tf.zeros([n]));

interface Dense {
  readonly w: tf.Variable;
  readonly b: tf.Variable;
}

function dense(inputs: number, outputs: number): Dense {
  return { w: glorot([inputs, outputs], inputs, outputs), b: zeros(outputs) };
}

function applyDense(x: tf.Tensor2D, layer: Dense, activation: 'relu' | 'linear'): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: layer.w as tf.Tensor2D, bias: layer.b, activation }) as tf.Tensor2D;
}

/** 784 → 256 → ReLU → 128 → ReLU → 10, on inputs [batch, 784]. */
export function tfjsMlp(): TfjsModel {
  const layers = [dense(784, 256), dense(256, 128), dense(128, 10)];
  return {
    variables: layers.flatMap((l) => [l.w, l.b]),
    forward: (x) => {
      let h = x as tf.Tensor2D;
      layers.forEach((layer, i) => (h = applyDense(h, layer, i < layers.length - 1 ? 'relu' : 'linear')));
      return h;
    },
  };
}

interface Conv {
  readonly filter: tf.Variable;
  readonly b: tf.Variable;
}

/** A 3×3 'same' convolution from `inC` to `outC` channels (filter [3, 3, inC, outC], NHWC). */
function conv(inC: number, outC: number): Conv {
  return { filter: glorot([3, 3, inC, outC], 9 * inC, 9 * outC), b: zeros(outC) };
}

function convReluPool(x: tf.Tensor4D, layer: Conv): tf.Tensor4D {
  const y = tf.fused.conv2d({ x, filter: layer.filter as tf.Tensor4D, strides: 1, pad: 'same', bias: layer.b, activation: 'relu' });
  return tf.maxPool(y, 2, 2, 'valid');
}

/**
 * conv 3×3×32 → ReLU → maxpool 2 → conv 3×3×64 → ReLU → maxpool 2 → flatten → dense 128 → ReLU →
 * dense 10, on NHWC inputs [batch, 28, 28, 1] (the same model as deeptrace's cnn([1, 28, 28])).
 */
export function tfjsCnn(height = 28, width = 28): TfjsModel {
  const c1 = conv(1, 32);
  const c2 = conv(32, 64);
  const features = 64 * (height / 4) * (width / 4);
  const d1 = dense(features, 128);
  const d2 = dense(128, 10);
  return {
    variables: [c1.filter, c1.b, c2.filter, c2.b, d1.w, d1.b, d2.w, d2.b],
    forward: (x) => {
      const h = convReluPool(convReluPool(x as tf.Tensor4D, c1), c2);
      const flat = tf.reshape(h, [h.shape[0], features]) as tf.Tensor2D;
      return applyDense(applyDense(flat, d1, 'relu'), d2, 'linear');
    },
  };
}
