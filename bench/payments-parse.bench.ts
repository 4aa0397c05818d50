/**
 * Parses and allocates a generated payment registry of N lines (default 100,000): the pure part of the
 * import whose goal with persistence is ≤ 10 s on PostgreSQL (issue 7; persistence comes in part 2).
 * Run: npx tsx bench/payments-parse.bench.ts [lines]
 * Figures: docs/performance.md "Payment registries: parse and allocate".
 */
import iconv from 'iconv-lite';
import { allocatePayment, allocatedTotal, type OpenLine } from '../src/domain/finance/allocation.js';
import { catalogueLegal } from '../src/domain/finance/catalogue-legal.js';
import { readAllocationPolicy } from '../src/domain/finance/policy.js';
import {
  defaultRegistryFormat,
  sberbankRegistryFormat,
  type RegistryFormat,
} from '../src/domain/finance/registry-formats.js';
import { kop } from '../src/domain/money.js';
import type { BillingPeriod, IsoDate } from '../src/domain/period.js';
import { readPaymentRegistry } from '../src/services/finance/payment-registry.js';
import { prng } from '../src/services/demo/town-generator.js';

const N = Number(process.argv[2] ?? 100_000);
const rnd = prng(7);
const int = (n: number) => Math.floor(rnd() * n);
const money = (k: number) => `${Math.floor(k / 100)}.${String(k % 100).padStart(2, '0')}`;
const services = ['maintenance', 'cold_water', 'hot_water', 'heating', 'electricity', 'waste'];

// Each account has 1–3 open periods of 3–6 services.
const ACCOUNTS = 20_000;
const openLines: OpenLine[][] = Array.from({ length: ACCOUNTS }, () => {
  const lines: OpenLine[] = [];
  for (let p = 0; p < 1 + int(3); p++) {
    for (const s of services.slice(0, 3 + int(4))) {
      lines.push({
        period: `2026-0${8 + p}` as BillingPeriod,
        service: s,
        supplier: `${s}-supplier`,
        kind: 'charge',
        outstanding: kop(10_000 + int(500_000)),
      });
    }
  }
  return lines;
});

function registry(format: RegistryFormat): { bytes: Uint8Array; amounts: number[] } {
  const rows: string[] = format.headerLines ? ['id;дата;лс;период;сумма;комиссия;фио;адрес;показания'] : [];
  let total = 0;
  let fees = 0;
  const amounts: number[] = [];
  for (let i = 0; i < N; i++) {
    const amount = 100 + int(1_500_000);
    const fee = Math.floor(amount / 100);
    total += amount;
    fees += fee;
    amounts.push(amount);
    const account = String(1_000_000_000 + (i % ACCOUNTS));
    rows.push(
      format.code === 'sberbank'
        ? `8593;0021;00104;05/11/2026;${money(amount)};${money(fee)};${i};CLIENTNO:${account};PERIOD:102026;FIO:Плательщик ${i};CounterVal_1:${int(99_999)}.${int(999)}`
        : `P-${i};05.11.2026;${account};10.2026;${money(amount)};${money(fee)};Плательщик ${i};ул. Ленина, д. ${i % 90};ХВС-${i}=${int(99_999)}.${int(999)}`,
    );
  }
  rows.push(`=${N};${money(total)};${money(fees)}`);
  return { bytes: new Uint8Array(iconv.encode(rows.join('\r\n') + '\r\n', format.encoding)), amounts };
}

const policy = readAllocationPolicy(catalogueLegal(), '2026-11-05' as IsoDate);

for (const format of [defaultRegistryFormat, sberbankRegistryFormat]) {
  const { bytes } = registry(format);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const parsed = readPaymentRegistry(bytes, format);
  const t1 = process.hrtime.bigint();
  const c1 = process.cpuUsage(c0);
  let allocated = 0;
  let parts = 0;
  parsed.lines.forEach((l, i) => {
    const r = allocatePayment({ amount: l.amount!, period: l.period }, openLines[i % ACCOUNTS]!, policy);
    allocated += allocatedTotal(r);
    parts += r.parts.length;
  });
  const t2 = process.hrtime.bigint();
  const c2 = process.cpuUsage(c0);
  const cpu = (c: NodeJS.CpuUsage) => ((c.user + c.system) / 1e6).toFixed(2);
  if (!parsed.ok || allocated !== parsed.totals.computed.amount)
    throw new Error('benchmark self-check failed');
  const s = (a: bigint, b: bigint) => (Number(b - a) / 1e9).toFixed(2);
  console.log(
    `${format.code.padEnd(13)} ${format.encoding.padEnd(6)} ${N} lines, ${(bytes.length / 1e6).toFixed(1)} MB: ` +
      `parse+sha256 ${s(t0, t1)} s, allocate ${s(t1, t2)} s (${parts} parts), total ${s(t0, t2)} s; ` +
      `CPU ${cpu(c1)} s + ${cpu({ user: c2.user - c1.user, system: c2.system - c1.system })} s`,
  );
}
