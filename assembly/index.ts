// deeptrace wasm kernels (AssemblyScript, SIMD128). Memory is imported from the host, which
// owns the layout above heapBase(); no kernel allocates.
export { gemm, microTileRows, scratchBytes } from './gemm';
export { claimedPackedBytes, gemmClaimed } from './gemm-claimed';
export { gemv } from './gemv';
export { convBackward, convColumns, convForward, convPlaneFloats, convScratchBytes, convWinogradFloats } from './conv';
export { winogradFilter, winogradFloats, winogradWeightOutput } from './winograd';
export { convPoolBackward, convPoolForward } from './conv-pool';
export { sumBlocks } from './conv-sums';
export { adamUpdate } from './adam';

/** First byte the host may use. */
export function heapBase(): usize {
  return __heap_base;
}
export { maxPool2x2 } from './pool';
export { columnSums, reluInPlace, reluMask } from './linear';
export { fillZeros } from './fill';
