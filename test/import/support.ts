/** Uploading import files to the API of a test app, and reading the fixtures. */
import fs from 'node:fs';
import path from 'node:path';
import type { TestApp } from '../support/app.js';

export const fixturesDir = path.resolve('test/fixtures/import');
export const fixture = (name: string): Buffer => fs.readFileSync(path.join(fixturesDir, name));

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** POST /api/v1/imports with the file as the raw body. */
export async function upload(
  t: TestApp,
  cookie: string,
  kind: string,
  data: Uint8Array | string,
  query: Record<string, string> = {},
) {
  const params = new URLSearchParams({ kind, ...query });
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const res = await t.app.request(`/api/v1/imports?${params}`, {
    method: 'POST',
    headers: { cookie, 'content-type': isZip ? XLSX_TYPE : 'text/csv; charset=utf-8' },
    body: bytes,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Rows of a table as JSON text, for comparing whole tables before and after. */
export async function snapshot(t: TestApp, table: string): Promise<string> {
  const rows = await t.db.query(`select * from ${table} order by id`);
  return JSON.stringify(rows);
}

export const importTables = [
  'organisations',
  'houses',
  'house_managers',
  'premises',
  'premise_areas',
  'accounts',
  'house_services',
  'tariffs',
  'norms',
  'opening_balances',
  'import_files',
  'recalculation_requests',
  'audit_records',
];

/** Every table an import writes, as text. */
export async function snapshotAll(t: TestApp): Promise<Record<string, string>> {
  const all: Record<string, string> = {};
  for (const table of importTables) all[table] = await snapshot(t, table);
  return all;
}

export async function auditCount(t: TestApp): Promise<number> {
  const row = await t.db.maybeOne<{ n: number }>('select count(*)::int as n from audit_records');
  return row!.n;
}
