// Zeroing of float32 arrays in wasm memory (a parameter's kept gradient, before each backward):
// one bulk memory.fill, where a JavaScript fill over a shared buffer goes value by value.

/** x[i] = 0 for i < n. */
export function fillZeros(x: usize, n: i32): void {
  memory.fill(x, 0, <usize>n << 2);
}
