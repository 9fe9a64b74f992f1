/** A safetensors file built by hand: u64 LE header length, header text, data bytes. */
export function handMade(header: string, data: number[] | Uint8Array = [], claimedLength?: bigint): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, claimedLength ?? BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}
