/**
 * ЕПД batch rendering speed: N one-page bills of the demo town into one PDF (the font embedded once, the
 * QR code as vector rectangles), pages per second on one core (Node runs the rendering on one thread).
 * Run: npx tsx bench/epd.bench.ts [bills=2000] [out=/tmp/epd-bench.pdf]
 * Goal (issue 8): ≥ 200 pages per second per core. docs/performance.md "ЕПД batches".
 */
import fs from 'node:fs';
import { renderBatchToFile, renderBill } from '../src/services/epd/render.js';
import { sampleTownSnapshots } from '../src/services/epd/samples.js';

const count = Number(process.argv[2] ?? 2000);
const out = process.argv[3] ?? '/tmp/epd-bench.pdf';
const snapshots = sampleTownSnapshots(count);

// a short warm-up so the JIT and the font parse are not in the figure
await renderBatchToFile(snapshots.slice(0, 50), out, { createdAt: '2026-11-02T09:00:00Z', title: 'warm-up' });

const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
await renderBatchToFile(snapshots, out, { createdAt: '2026-11-02T09:00:00Z', title: 'ЕПД, пакет' });
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const size = fs.statSync(out).size;
console.log(
  `${count} bills in ${wall.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU: ` +
    `${(count / wall).toFixed(0)} pages/s wall, ${(count / cpuSeconds).toFixed(0)} pages/s per CPU-second; ` +
    `${(size / 1024 / 1024).toFixed(1)} MiB, ${(size / count / 1024).toFixed(1)} KiB a page`,
);

// single documents (a reprint, the citizen portal): a new PDF each, the font parsed each time
const singles = Math.min(200, count);
const cpu1 = process.cpuUsage();
const t1 = process.hrtime.bigint();
for (const s of snapshots.slice(0, singles)) await renderBill(s);
const wall1 = Number(process.hrtime.bigint() - t1) / 1e9;
const cpuSingle = process.cpuUsage(cpu1);
const cpuSeconds1 = (cpuSingle.user + cpuSingle.system) / 1e6;
console.log(
  `${singles} single bills: ${(singles / wall1).toFixed(0)} documents/s wall, ${(singles / cpuSeconds1).toFixed(0)} per CPU-second`,
);
