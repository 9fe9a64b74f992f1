import type { Backend } from '../backend.js';
import { col2im, im2col } from './conv.js';
import { binary, copy, unary, where } from './elementwise.js';
import { gather, scatterAdd } from './gather.js';
import { gemm } from './gemm.js';
import { avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward } from './pool.js';
import { argReduce, reduce } from './reduce.js';
import { unaryBackward } from './unary-backward.js';

/**
 * The reference backend: plain loops, float32 and float64, the specification that every other
 * backend is tested against.
 */
export const jsBackend: Backend = {
  name: 'js',
  unary,
  unaryBackward,
  binary,
  where,
  copy,
  reduce,
  argReduce,
  gemm,
  im2col,
  col2im,
  maxPool2d,
  maxPool2dBackward,
  avgPool2d,
  avgPool2dBackward,
  gather,
  scatterAdd,
};
