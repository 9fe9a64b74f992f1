// The fused block relu(maxpool2x2(conv(x, W) + bias)) of most small CNNs, one image at a time:
// the conv output of an image goes to the thread's plane block (conv.ts's planeScratch) and is
// pooled from there while in cache, so only the pooled values (4x fewer) and one code byte per
// value (pool-relu.ts) leave the kernel. The backward pass rebuilds dL/dy of an image in the
// plane block from the codes and runs conv.ts's per-image backward on it.
import { backwardImage, claim, forwardImage, geometryOutH, geometryOutW, planeScratch, readGeometry } from './conv';
import { poolRelu, unpoolRelu } from './pool-relu';

// Per call (each thread has its own instance): the conv output's sides, the thread's plane
// block, pooled values per image and bytes per input image.
let outH = 0, outW = 0, pooledPerImage = 0;
let plane: usize = 0, xBytes: usize = 0;

function setUp(geometry: usize, cIn: i32, cOut: i32, scratch: usize): void {
  readGeometry(geometry);
  outH = geometryOutH();
  outW = geometryOutW();
  plane = planeScratch(scratch);
  pooledPerImage = cOut * (outH >> 1) * (outW >> 1);
  // Geometry ints 0 and 1 are inH and inW.
  xBytes = <usize>(cIn * load<i32>(geometry) * load<i32>(geometry, 4)) << 2;
}

/**
 * pooled[img] = relu(maxpool2x2(conv(x[img], W) (+ bias))) [cOut, outH/2, outW/2] and codes[img]
 * (one byte per pooled value) for the images this participant claims; W and withBias as in
 * convForward. outH and outW are even and cOut·outH·outW fits the plane block.
 */
export function convPoolForward(
  x: usize, w: usize, withBias: bool, pooled: usize, codes: usize, images: i32, cIn: i32, cOut: i32, u: usize, geometry: usize, scratch: usize,
): void {
  setUp(geometry, cIn, cOut, scratch);
  for (let img = claim(geometry); img < images; img = claim(geometry)) {
    forwardImage(x + <usize>img * xBytes, w, withBias, plane, cIn, cOut, u, scratch);
    const at = <usize>(img * pooledPerImage);
    poolRelu(plane, cOut, outH, outW, pooled + (at << 2), codes + at);
  }
}

/**
 * The gradients of convPoolForward for dL/dpooled = dPooled, with the codes it wrote; blocks,
 * partials, dx and sums exactly as convBackward.
 */
export function convPoolBackward(
  dPooled: usize, codes: usize, x: usize, w: usize, dx: usize, parts: usize, partStride: i32, sums: i32,
  blocks: i32, starts: usize, cIn: i32, cOut: i32, uFlip: usize, geometry: usize, scratch: usize,
): void {
  setUp(geometry, cIn, cOut, scratch);
  for (let b = claim(geometry); b < blocks; b = claim(geometry)) {
    const dw = parts + (<usize>b * <usize>partStride << 2);
    const i0 = load<i32>(starts + (<usize>b << 2));
    const i1 = load<i32>(starts + (<usize>b << 2), 4);
    for (let img = i0; img < i1; img++) {
      const at = <usize>(img * pooledPerImage);
      unpoolRelu(dPooled + (at << 2), codes + at, cOut, outH, outW, plane);
      backwardImage(plane, x + <usize>img * xBytes, dx == 0 ? 0 : dx + <usize>img * xBytes, w, dw, sums, img > i0, cIn, cOut, uFlip, scratch);
    }
  }
}
