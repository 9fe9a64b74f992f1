// Adam / AdamW update on float32 arrays in wasm memory (Kingma & Ba 2015, Algorithm 1;
// decoupled decay: Loshchilov & Hutter 2019). Hyperparameters come in a block of 7 f32 at
// `hyper`: β1, β2, l2 (L2 term added to the gradient), stepSize = lr/(1-β1ᵗ),
// 1/√(1-β2ᵗ), ε, shrink (AdamW's 1-lr·λ, else 1).

/** For i < n: w *= shrink; d = g + l2·w; m = β1m + (1-β1)d; v = β2v + (1-β2)d²; w -= stepSize·m/(√v/√(1-β2ᵗ) + ε). */
export function adamUpdate(hyper: usize, w: usize, g: usize, m: usize, v: usize, n: i32): void {
  const b1 = f32x4.splat(load<f32>(hyper)), b2 = f32x4.splat(load<f32>(hyper, 4));
  const l2 = f32x4.splat(load<f32>(hyper, 8)), step = f32x4.splat(load<f32>(hyper, 12));
  const invBc = f32x4.splat(load<f32>(hyper, 16)), eps = f32x4.splat(load<f32>(hyper, 20));
  const shrink = f32x4.splat(load<f32>(hyper, 24));
  const c1 = f32x4.sub(f32x4.splat(1), b1), c2 = f32x4.sub(f32x4.splat(1), b2);
  const end = <usize>(n & ~3) << 2;
  for (let at: usize = 0; at < end; at += 16) {
    const wi = f32x4.mul(v128.load(w + at), shrink);
    const d = f32x4.add(v128.load(g + at), f32x4.mul(l2, wi));
    const mi = f32x4.add(f32x4.mul(b1, v128.load(m + at)), f32x4.mul(c1, d));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(v + at)), f32x4.mul(c2, f32x4.mul(d, d)));
    v128.store(m + at, mi);
    v128.store(v + at, vi);
    const denom = f32x4.add(f32x4.mul(f32x4.sqrt(vi), invBc), eps);
    v128.store(w + at, f32x4.sub(wi, f32x4.div(f32x4.mul(step, mi), denom)));
  }
  for (let at = end; at < <usize>n << 2; at += 4) {
    const wi = load<f32>(w + at) * load<f32>(hyper, 24);
    const d = load<f32>(g + at) + load<f32>(hyper, 8) * wi;
    const mi = load<f32>(hyper) * load<f32>(m + at) + (1 - load<f32>(hyper)) * d;
    const vi = load<f32>(hyper, 4) * load<f32>(v + at) + (1 - load<f32>(hyper, 4)) * d * d;
    store<f32>(m + at, mi);
    store<f32>(v + at, vi);
    store<f32>(w + at, wi - (load<f32>(hyper, 12) * mi) / (Mathf.sqrt(vi) * load<f32>(hyper, 16) + load<f32>(hyper, 20)));
  }
}
