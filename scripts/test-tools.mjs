#!/usr/bin/env node
// Before `npm test`: the tests drive Debian's Chromium and read documents with poppler (pdftotext, pdftoppm)
// and QR codes with zbar (zbarimg). On a fresh machine of our kind none is there: install them from Debian's
// packages when we may (root, apt-get), or say exactly what is missing and how to get it.
import { execFileSync, spawnSync } from 'node:child_process';

const tools = {
  chromium: 'chromium',
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  zbarimg: 'zbar-tools',
};
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = Object.keys(tools).filter((cmd) => !has(cmd));
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map((cmd) => tools[cmd]))];
const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (!root || !has('apt-get')) {
  console.error(`The tests need ${missing.join(', ')}: apt-get install -y ${packages.join(' ')}`);
  process.exit(1);
}
console.log(`Installing the test tools from Debian: ${packages.join(' ')} …`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
