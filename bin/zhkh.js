#!/usr/bin/env -S node --max-semi-space-size=64
// The `zhkh` command: runs the TypeScript sources through tsx's loader (no build step).
// A young generation of 64 MiB: a billing worker makes short-lived objects for every line, and with the default
// the collector copied a batch's survivors again and again (docs/performance.md "Billing runs").
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
