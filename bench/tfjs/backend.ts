// TF.js 4.22 backend selection for the training benchmarks, with the one gradient kernel the
// wasm backend lacks borrowed from the cpu backend.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerAllGradients } from './gradients.js';

export type TfjsBackendName = 'wasm' | 'cpu';

/**
 * Selects `name` for TF.js. For wasm in Node the .wasm binaries are read from the package's
 * dist/ folder (setWasmPaths with a file path), and Conv2DBackpropFilter, which
 * @tensorflow/tfjs-backend-wasm 4.22 does not register (training a conv net otherwise fails
 * with "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'"), is registered for
 * it (see registerConv2dBackpropFilter). Returns a line saying what was set up.
 */
export async function setupTfjs(name: TfjsBackendName, convFilterGrad: ConvFilterGrad = 'wasm-ops'): Promise<string> {
  await registerAllGradients();
  if (name === 'wasm') {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`bench/tfjs: tf.setBackend('${name}') failed`);
  await tf.ready();
  if (name !== 'wasm') return `tfjs ${tf.version_core} ${name}`;
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm') === undefined) registerConv2dBackpropFilter(convFilterGrad);
  const threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'threads' : '1 thread';
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD';
  const how = convFilterGrad === 'wasm-ops' ? "im2col + MatMul on the wasm backend" : "the cpu backend's kernel";
  return `tfjs ${tf.version_core} wasm (${simd}, ${threads}); Conv2DBackpropFilter (not in tfjs-backend-wasm) added: ${how}`;
}

/**
 * How the wasm backend gets Conv2DBackpropFilter: 'wasm-ops' computes it with the wasm
 * backend's own (XNNPACK) Conv2D through the identity below; 'cpu-kernel' runs the cpu
 * backend's kernel on copies of the inputs.
 */
export type ConvFilterGrad = 'wasm-ops' | 'cpu-kernel';

/**
 * Registers a Conv2DBackpropFilter kernel under the backend name 'wasm' with tf.registerKernel
 * (a KernelConfig, the documented way to add a kernel to a backend).
 *
 * - 'cpu-kernel': the cpu backend's kernel, which reads its inputs from the cpu backend's own
 *   data store: x and dy are copied out of wasm memory (readSync) into the cpu backend (write),
 *   the kernel runs there, dW is copied back (write). The kernel is a scalar loop over
 *   TensorBuffer.get, about 40 s per batch of 64 for this CNN's second convolution.
 * - 'wasm-ops' (stride 1, dilation 1, NHWC; other cases use 'cpu-kernel'): im2col and one GEMM
 *   on the wasm backend,
 *       dW[kh, kw, ci, co] = Σ_{b, oh, ow} xpad[b, oh+kh, ow+kw, ci] · dy[b, oh, ow, co]
 *                          = (patchesᵀ · dy) with patches [B·OH·OW, KH·KW·Cin],
 *   built from KH·KW shifted slices of the padded input (tf.pad, tf.slice, tf.concat) and
 *   multiplied by tf.matMul (XNNPACK).
 */
function registerConv2dBackpropFilter(mode: ConvFilterGrad): void {
  const cpuKernel = tf.getKernel('Conv2DBackpropFilter', 'cpu');
  const cpu = tf.findBackend('cpu');
  const wasm = tf.findBackend('wasm');
  if (cpuKernel === undefined || cpu === null || wasm === null) {
    throw new Error('bench/tfjs: the cpu backend (or its Conv2DBackpropFilter kernel) is not available to borrow from');
  }
  const onCpuKernel = (inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap | undefined): tf.TensorInfo => {
    const onCpu: tf.NamedTensorInfoMap = {};
    for (const [key, info] of Object.entries(inputs)) {
      if (info === undefined) continue;
      onCpu[key] = { dataId: cpu.write(wasm.readSync(info.dataId), info.shape, info.dtype), shape: info.shape, dtype: info.dtype };
    }
    const out = cpuKernel.kernelFunc({ inputs: onCpu, backend: cpu, ...(attrs === undefined ? {} : { attrs }) });
    const dw = Array.isArray(out) ? out[0] : out;
    if (dw === undefined) throw new Error('bench/tfjs: the cpu Conv2DBackpropFilter kernel returned nothing');
    const values = cpu.readSync(dw.dataId);
    for (const info of Object.values(onCpu)) if (info !== undefined) cpu.disposeData(info.dataId, true);
    cpu.disposeData(dw.dataId, true);
    return { dataId: wasm.write(values, dw.shape, dw.dtype), shape: dw.shape, dtype: dw.dtype };
  };
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { x, dy } = inputs;
      const a = (attrs ?? {}) as unknown as tf.Conv2DBackpropFilterAttrs;
      const strides = typeof a.strides === 'number' ? [a.strides, a.strides] : a.strides;
      // The engine hands kernels the op's input tensors themselves; anything else goes the slow way.
      if (mode === 'cpu-kernel' || !(x instanceof tf.Tensor) || !(dy instanceof tf.Tensor) || strides[0] !== 1 || strides[1] !== 1 || a.dataFormat === 'NCHW') {
        return onCpuKernel(inputs, attrs);
      }
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number],
        a.filterShape,
        1,
        1,
        a.pad,
        a.dimRoundingMode,
      );
      const { top, bottom, left, right } = info.padInfo;
      const [kh, kw] = [a.filterShape[0], a.filterShape[1]];
      const [batch, outH, outW, outC] = dy.shape as [number, number, number, number];
      const dw = tf.tidy(() => {
        const xp = tf.pad(x as tf.Tensor4D, [[0, 0], [top, bottom], [left, right], [0, 0]]);
        const taps: tf.Tensor4D[] = [];
        for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) taps.push(tf.slice(xp, [0, i, j, 0], [-1, outH, outW, -1]));
        const patches = tf.reshape(tf.concat(taps, 3), [batch * outH * outW, -1]) as tf.Tensor2D;
        const grads = tf.reshape(dy as tf.Tensor, [batch * outH * outW, outC]) as tf.Tensor2D;
        // An explicit transpose: BatchMatMul with transposeA is several times slower on wasm.
        return tf.reshape(tf.matMul(tf.transpose(patches), grads), a.filterShape);
      });
      const values = dw.dataSync();
      const out = { dataId: wasm.write(values, dw.shape, dw.dtype), shape: dw.shape, dtype: dw.dtype };
      dw.dispose();
      return out;
    },
  });
}
