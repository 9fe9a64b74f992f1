#!/usr/bin/env node
// The `deeptrace` command. Runs the compiled CLI (npm install builds it into dist/).
import { main } from '../dist/src/cli/main.js';

await main(process.argv);
