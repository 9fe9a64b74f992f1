#!/usr/bin/env bash
# Packs deeptrace with `npm pack`, installs the tarball into a fresh project in a temp
# directory, and imports it there: proof that another project can use the package.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
npm run build >/dev/null
tarball="$(npm pack --ignore-scripts --silent --pack-destination "$work" | tail -n 1)"
mkdir "$work/consumer"
cd "$work/consumer"
echo '{ "name": "consumer", "version": "1.0.0", "type": "module", "private": true }' > package.json
npm install --no-audit --no-fund --silent "$work/$tarball"
cat > main.mjs <<'JS'
import { tensor, gradcheck, randn } from 'deeptrace';
const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
x.matmul(x).sum().backward();
const expected = [7, 11, 9, 13];
const got = Array.from(x.grad.values());
if (got.join() !== expected.join()) throw new Error(`unexpected gradient ${got}`);
gradcheck((t) => t.tanh().sum(0), [randn([3, 2], { dtype: 'float64', requiresGrad: true })]);
console.log(`installed deeptrace from ${process.argv[2]} and imported it: gradient ${got.join(',')}`);
JS
node main.mjs "$tarball"
