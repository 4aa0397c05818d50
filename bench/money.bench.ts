/**
 * Times 10 million multiply-and-round operations, volume × tariff → kopecks, with pre-parsed values.
 * Run: npx tsx bench/money.bench.ts
 * Compare with design/STACK-FACTS.md "Money arithmetic" (scaled BigInt, pre-parsed: 0.06 s).
 */
import { Decimal } from '../src/domain/decimal.js';
import { toKopecks } from '../src/domain/money.js';

const N = 10_000_000;

// Deterministic inputs: 1009 volumes (scale 3, 0–99.999 m³) and 101 tariffs (scale 2, 0–999.99 ₽).
let seed = 42;
const next = (mod: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % mod;
const volumeTexts = Array.from({ length: 1009 }, () => `${next(100)}.${String(next(1000)).padStart(3, '0')}`);
const tariffTexts = Array.from({ length: 101 }, () => `${next(1000)}.${String(next(100)).padStart(2, '0')}`);
const volumes = volumeTexts.map((s) => Decimal.parse(s));
const tariffs = tariffTexts.map((s) => Decimal.parse(s));

function timeIt(label: string, run: () => number): void {
  const start = process.hrtime.bigint();
  const checksum = run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rate = Math.round(N / seconds).toLocaleString('en-US');
  console.log(`${label.padEnd(44)} ${seconds.toFixed(3)} s  ${rate} ops/s  checksum ${checksum}`);
}

const viaDecimal = (): number => {
  let sum = 0;
  for (let i = 0; i < N; i++) sum += toKopecks(volumes[i % 1009]!.mul(tariffs[i % 101]!));
  return sum;
};

// The floor: the same arithmetic on bare BigInts (scale 5 → 2: divide by 1000, half-up; inputs ≥ 0).
const volumeUnits = volumes.map((v) => v.units);
const tariffUnits = tariffs.map((t) => t.units);
const viaBareBigInt = (): number => {
  let sum = 0;
  for (let i = 0; i < N; i++) {
    const p = volumeUnits[i % 1009]! * tariffUnits[i % 101]!;
    sum += Number((p + 500n) / 1000n);
  }
  return sum;
};

// For scale: parsing both strings on every operation (what to avoid in the engine's inner loop).
const viaParseEachTime = (): number => {
  let sum = 0;
  for (let i = 0; i < N; i++) {
    sum += toKopecks(Decimal.parse(volumeTexts[i % 1009]!).mul(Decimal.parse(tariffTexts[i % 101]!)));
  }
  return sum;
};

viaDecimal(); // warm-up, so the JIT has compiled the loop before we time it
timeIt('Decimal mul + toKopecks (pre-parsed)', viaDecimal);
timeIt('bare BigInt multiply + half-up divide', viaBareBigInt);
timeIt('Decimal.parse ×2 + mul + toKopecks', viaParseEachTime);
