/**
 * Readings from a file (CSV `;` in UTF-8 or CP1251, or XLSX; docs/meters.md, "Import of readings"), with the
 * legacy import's reader and cells (services/import). Every row is checked as an entered reading would be,
 * in one transaction: a dry run lists every bad row and writes nothing; a real run writes all rows or none.
 * Each row has a client id (the file's `client_id`, else `file:<meter>:<date>`), so loading the same file
 * again adds nothing.
 */
import * as meters from '../../db/meters/meters.js';
import { selectReadingByClientId } from '../../db/meters/readings.js';
import { isHouseVisible } from '../../db/registry/houses.js';
import { DomainError, validationFailed } from '../../domain/errors.js';
import { meterResources, type MeterZone } from '../../domain/meters/meter.js';
import { readingSources, type ReadingSource } from '../../domain/meters/readings.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { Cells, type BadRow } from '../import/cells.js';
import { checkHeader } from '../import/parse-rows.js';
import { readTable, type ImportEncoding } from '../import/read-table.js';
import { today } from '../registry/houses.js';
import { verificationIntervals } from './parameters.js';
import { addCheckedReading } from './readings.js';

const zoneColumns: Record<string, MeterZone> = {
  value: 'single',
  value_day: 'day',
  value_night: 'night',
  value_peak: 'peak',
  value_semi_peak: 'semi_peak',
};

const format = {
  title: 'Показания приборов учёта',
  columns: ['account', 'meter_id', 'serial', 'resource', 'read_on', ...Object.keys(zoneColumns), 'client_id'],
  required: ['read_on'],
  oneOf: [['account', 'meter_id'], Object.keys(zoneColumns)],
};

export type ReadingsImportReport = {
  dryRun: boolean;
  rows: number;
  applied: { inserted: number; unchanged: number; held: number; notForBilling: number };
  badRows: BadRow[];
};

type Row = {
  line: number;
  account: string | null;
  meterId: number | null;
  serial: string | null;
  resource: string | null;
  readOn: string;
  values: Partial<Record<MeterZone, string>>;
  clientId: string | null;
};

function parseRow(c: Cells): Row | undefined {
  const values: Partial<Record<MeterZone, string>> = {};
  for (const [column, zone] of Object.entries(zoneColumns)) {
    const v = c.decimal(column, { scale: 4, min: undefined });
    if (v) values[zone] = v;
  }
  const row = {
    line: c.line,
    account: c.accountNumber('account') ?? null,
    meterId: c.int('meter_id', 1, Number.MAX_SAFE_INTEGER) ?? null,
    serial: c.text('serial', { max: 50 }) ?? null,
    resource: c.oneOf('resource', meterResources) ?? null,
    readOn: c.date('read_on', true),
    values,
    clientId: c.matching('client_id', /^\S{1,100}$/, 'код показания: до 100 символов без пробелов') ?? null,
  };
  if (Object.keys(values).length === 0 && c.problems.length === 0) c.bad(null, 'нет ни одного показания');
  if (row.account === null && row.meterId === null && c.problems.length === 0)
    c.bad('account', 'укажите лицевой счёт или meter_id');
  return c.problems.length > 0 || !row.readOn ? undefined : { ...row, readOn: row.readOn };
}

/** The import's outcome when it must not be written: carried out of the transaction to roll it back. */
class RollBack extends Error {
  constructor(readonly report: ReadingsImportReport) {
    super('rollback');
  }
}

export async function importReadings(
  ctx: Ctx,
  input: {
    data: Uint8Array;
    encoding?: ImportEncoding | undefined;
    dryRun: boolean;
    source: ReadingSource;
    fileName?: string | undefined;
  },
): Promise<ReadingsImportReport> {
  requirePermission(ctx.actor, 'readings.write');
  if (!readingSources.includes(input.source))
    throw validationFailed([{ field: 'source', problem: 'неизвестный источник' }]);
  const table = await readTable(input.data, input.encoding);
  const columns = checkHeader(table, format);
  const bad: BadRow[] = [];
  const rows: Row[] = [];
  for (const { line, cells } of table.rows) {
    const c = new Cells(columns, line, cells);
    const row = parseRow(c);
    if (row) rows.push(row);
    bad.push(...c.problems);
  }
  const report: ReadingsImportReport = {
    dryRun: input.dryRun,
    rows: table.rows.length,
    applied: { inserted: 0, unchanged: 0, held: 0, notForBilling: 0 },
    badRows: bad,
  };
  const intervals = await verificationIntervals(ctx.db, today(ctx));
  const accounts = await meters.selectAccountsByNumber(
    ctx.db,
    rows.flatMap((r) => (r.account ? [r.account] : [])),
  );
  const visible = new Map<number, boolean>();
  const seesHouse = async (houseId: number) => {
    if (!visible.has(houseId)) visible.set(houseId, await isHouseVisible(ctx.db, ctx.actor, houseId));
    return visible.get(houseId)!;
  };
  const problem = (r: Row, column: string | null, text: string) =>
    bad.push({ line: r.line, column, problem: text });

  /** The one meter in service a row means, or a problem. */
  const meterOf = async (r: Row): Promise<meters.Meter | undefined> => {
    if (r.meterId !== null) {
      const m = await meters.selectMeter(ctx.db, r.meterId, intervals);
      if (!m || !(await seesHouse(m.houseId))) return void problem(r, 'meter_id', 'прибор не найден');
      return m;
    }
    const account = accounts.get(r.account!);
    if (!account || !(await seesHouse(account.houseId)))
      return void problem(r, 'account', 'лицевой счёт не найден');
    const ids = new Set<number>();
    for (const p of [account.premiseId, account.flatId])
      if (p !== null) for (const id of await meters.selectPremiseMeterIds(ctx.db, p)) ids.add(id);
    const candidates = [];
    for (const id of ids) {
      const m = (await meters.selectMeter(ctx.db, id, intervals))!;
      if (m.decommissionedOn !== null) continue;
      if (r.resource && m.resource !== r.resource) continue;
      if (r.serial && m.serialNumber.toLowerCase() !== r.serial.toLowerCase()) continue;
      candidates.push(m);
    }
    if (candidates.length === 1) return candidates[0];
    if (candidates.length === 0)
      return void problem(r, r.serial ? 'serial' : 'account', 'у счёта нет такого прибора в эксплуатации');
    return void problem(r, 'serial', `у счёта ${candidates.length} прибора: укажите serial или resource`);
  };

  // meters are found before the transaction: inside it only `tx` may be used (one connection on PGlite)
  const resolved: { r: Row; meter: meters.Meter }[] = [];
  for (const r of rows) {
    const meter = await meterOf(r);
    if (meter) resolved.push({ r, meter });
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      for (const { r, meter } of resolved) {
        const clientId = r.clientId ?? `file:${meter.id}:${r.readOn}`;
        const existing = await selectReadingByClientId(tx, input.source, clientId);
        if (existing) {
          const same = existing.meterId === meter.id && existing.readOn === r.readOn;
          if (same) report.applied.unchanged++;
          else problem(r, 'client_id', `код уже использован для показания № ${existing.id}`);
          continue;
        }
        await meters.lockMeter(tx, meter.id);
        try {
          const result = await addCheckedReading(tx, ctx, meter, {
            readOn: r.readOn,
            values: r.values,
            source: input.source,
            clientId,
          });
          report.applied.inserted++;
          if (result.reading.state === 'held') report.applied.held++;
          if (result.reading.state === 'not_for_billing') report.applied.notForBilling++;
        } catch (e) {
          if (!(e instanceof DomainError) || e.code !== 'validation_failed') throw e;
          for (const d of e.details)
            problem(
              r,
              d.field.replace(/^values\.(\w+)$/, (_, z: string) => (z === 'single' ? 'value' : `value_${z}`)),
              d.problem,
            );
        }
      }
      report.badRows.sort((a, b) => a.line - b.line);
      if (input.dryRun || report.badRows.length > 0) throw new RollBack(report);
      if (report.applied.inserted === 0) return report; // nothing new: nothing is written
      await recordAudit(tx, ctx, {
        action: 'import',
        objectType: 'meter_readings_file',
        objectId: input.fileName ?? 'readings',
        organisationId: ctx.actor.organisationId,
        after: {
          fileName: input.fileName ?? null,
          source: input.source,
          format: table.format,
          encoding: table.encoding,
          ...report.applied,
        },
      });
      return report;
    });
  } catch (e) {
    if (!(e instanceof RollBack)) throw e;
    if (input.dryRun) return e.report;
    const lines = new Set(e.report.badRows.map((b) => b.line)).size;
    throw validationFailed(
      e.report.badRows
        .slice(0, 1000)
        .map((b) => ({ field: `row ${b.line}${b.column ? `.${b.column}` : ''}`, problem: b.problem })),
      `Файл не загружен: ошибки в ${lines} из ${e.report.rows} строк; ничего не записано`,
    );
  }
}
