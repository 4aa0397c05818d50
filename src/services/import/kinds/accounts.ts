/**
 * Accounts (лицевые счета) of premises. The number is checked when given (10 digits, Luhn) and made by the
 * same scheme when empty; an account keeps its number. In a premise, the shares of the accounts in force on
 * any day sum to at most 1.
 */
import {
  insertRecords,
  selectRecords,
  updateRecords,
  type Rec,
  type TableSpec,
} from '../../../db/import/bulk.js';
import {
  reserveAccountSerials,
  selectAccountRefs,
  selectPremiseRefs,
  selectShareSpans,
  type PremiseRef,
} from '../../../db/import/lookups.js';
import { accountSearchText, accountSearchTokens } from '../../../db/registry/account-search.js';
import { formatAddress } from '../../../db/registry/houses.js';
import { premiseLabel } from '../../../db/registry/premises.js';
import { Decimal } from '../../../domain/decimal.js';
import { addDays, type IsoDate } from '../../../domain/period.js';
import { makeAccountNumber } from '../../../domain/registry/account-number.js';
import type { BadRow, Cells } from '../cells.js';
import {
  changedFields,
  earliest,
  given,
  groupBy,
  pick,
  unique,
  type ImportKindModule,
  type Outcome,
  type Retroactive,
} from '../kind.js';

const spec: TableSpec = {
  table: 'accounts',
  updatedAt: true,
  fields: {
    external_id: 'text',
    number: 'text',
    premise_id: 'bigint',
    payer_kind: 'text',
    payer_name: 'text',
    area_share: 'numeric',
    opened_on: 'date',
    closed_on: 'date',
    status: 'text',
    close_reason: 'text',
    search_tokens: 'text[]',
  },
};
/** What is read back and compared: all but the search keys, which follow from the payer and the address. */
const readSpec: TableSpec = {
  ...spec,
  fields: Object.fromEntries(Object.entries(spec.fields).filter(([k]) => k !== 'search_tokens')),
};
const scopeOf = `(select h.settlement_centre_id from premises p join houses h on h.id = p.house_id where p.id = t.premise_id)
  as settlement_centre_id`;

type Row = { number: string | null | undefined; premiseExternalId: string; fields: Rec };

function parse(c: Cells): Row | undefined {
  const number = c.accountNumber('number');
  const premiseExternalId = c.text('premise_external_id', { required: true, max: 100 });
  const share = c.decimal('area_share', { scale: 6, positive: true });
  if (share && Decimal.parse(share).cmp(Decimal.ONE) > 0) c.bad('area_share', 'доля площади не больше 1');
  const openedOn = c.date('opened_on', true);
  const closedOn = c.date('closed_on');
  if (openedOn && closedOn && closedOn < openedOn) c.bad('closed_on', `раньше открытия счёта (${openedOn})`);
  const fields = given({
    payer_kind: c.oneOf('payer_kind', ['person', 'organisation'], true),
    payer_name: c.text('payer_name', { required: true, max: 300 }),
    area_share: share === null ? '1' : share,
    opened_on: openedOn,
    closed_on: closedOn,
    status: closedOn === undefined ? undefined : closedOn === null ? 'open' : 'closed',
    close_reason: c.text('close_reason'),
  });
  return c.problems.length > 0 ? undefined : { number, premiseExternalId: premiseExternalId!, fields };
}

const tokensOf = (payerName: string, p: PremiseRef) =>
  accountSearchTokens(
    accountSearchText({
      payerName,
      address: formatAddress({
        city: p.city,
        street: p.street,
        houseNumber: p.house_number,
        building: p.building,
      }),
      premiseLabel: premiseLabel({ kind: p.kind, number: p.number, flatNumber: p.flat_number }),
    }),
  ).join(',');

type Span = { line: number | null; share: Decimal; from: string; to: string | null };

/** The days on which the shares of a premise's accounts in force sum to more than 1, with the lines. */
function shareProblems(spans: readonly Span[]): BadRow[] {
  const problems: BadRow[] = [];
  for (const date of [...new Set(spans.map((s) => s.from))].sort()) {
    const inForce = spans.filter((s) => s.from <= date && (s.to === null || date <= s.to));
    const sum = Decimal.sum(inForce.map((s) => s.share));
    if (sum.cmp(Decimal.ONE) <= 0) continue;
    for (const s of inForce)
      if (s.line !== null && !problems.some((p) => p.line === s.line))
        problems.push({
          line: s.line,
          column: 'area_share',
          problem: `на ${date} доли площади счетов помещения в сумме ${sum}, больше 1`,
        });
  }
  return problems;
}

export const accountsImport: ImportKindModule<Row> = {
  kind: 'accounts',
  title: 'лицевые счета',
  permissions: ['registry.write'],
  columns: [
    'external_id',
    'number',
    'premise_external_id',
    'payer_kind',
    'payer_name',
    'area_share',
    'opened_on',
    'closed_on',
    'close_reason',
  ],
  required: ['external_id', 'premise_external_id', 'payer_kind', 'payer_name', 'opened_on'],
  parse,

  async plan(q, ctx, rows) {
    const premises = new Map<string, PremiseRef>();
    for (const p of await selectPremiseRefs(q, unique(rows.map((r) => r.premiseExternalId))))
      if (ctx.actor.scope.includes(p.settlement_centre_id)) premises.set(p.external_id!, p);
    const stored = new Map(
      (
        await selectRecords(
          q,
          readSpec,
          't.external_id = any($1::text[])',
          [rows.map((r) => r.externalId)],
          [scopeOf],
        )
      ).map((s) => [s.external_id as string, s]),
    );
    const numbers = new Map(
      (await selectAccountRefs(q, { externalIds: [], numbers: unique(rows.map((r) => r.number)) })).map(
        (a) => [a.number, a],
      ),
    );
    const spans = groupBy(
      await selectShareSpans(
        q,
        [...premises.values()].map((p) => p.id),
      ),
      (s) => s.premise_id,
    );
    const problems: BadRow[] = [];
    const outcomes: Outcome[] = [];
    const retroactive: Retroactive[] = [];
    const inserts: Rec[] = [];
    const updates: (Rec & { id: number })[] = [];
    const fileSpans = new Map<number, Span[]>();
    const storedIds = new Set([...stored.values()].map((s) => s.id));
    const numberLines = new Map<string, number>();
    for (const row of rows) {
      const before = problems.length;
      const bad = (column: string, problem: string) => problems.push({ line: row.line, column, problem });
      const premise = premises.get(row.premiseExternalId);
      const old = stored.get(row.externalId);
      if (!premise)
        bad('premise_external_id', `помещение с внешним кодом ${row.premiseExternalId} не найдено`);
      if (old && !ctx.actor.scope.includes(old.settlement_centre_id as number))
        bad('external_id', 'внешний код уже занят лицевым счётом вне вашей области видимости');
      if (!premise || problems.length > before) continue;
      if (old && old.premise_id !== premise.id)
        bad('premise_external_id', 'лицевой счёт нельзя перенести в другое помещение');
      if (row.number && old && old.number !== row.number)
        bad('number', `номер лицевого счёта не меняется (сейчас ${old.number as string})`);
      const holder = row.number ? numbers.get(row.number) : undefined;
      if (holder && holder.id !== old?.id)
        bad('number', `номер ${row.number} уже занят другим лицевым счётом`);
      if (row.number && numberLines.has(row.number))
        bad('number', `номер повторяется в строке ${numberLines.get(row.number)}`);
      if (row.number) numberLines.set(row.number, row.line);
      const next: Rec = { ...row.fields, external_id: row.externalId, premise_id: premise.id };
      if (next.status === 'open') next.close_reason = null;
      const merged: Rec = { area_share: '1', closed_on: null, ...old, ...next };
      if (problems.length > before) continue;
      const premiseSpans = fileSpans.get(premise.id) ?? [];
      premiseSpans.push({
        line: row.line,
        share: Decimal.parse(String(merged.area_share)),
        from: String(merged.opened_on),
        to: merged.closed_on as string | null,
      });
      fileSpans.set(premise.id, premiseSpans);
      if (!old) {
        inserts.push({
          area_share: '1',
          closed_on: null,
          status: 'open',
          close_reason: null,
          ...next,
          number: row.number ?? null,
          search_tokens: tokensOf(String(next.payer_name), premise),
        });
        outcomes.push({ line: row.line, externalId: row.externalId, action: 'insert' });
        retroactive.push({ houseId: premise.house_id, fromDate: next.opened_on as IsoDate });
        continue;
      }
      const changed = changedFields(readSpec.fields, old, next);
      if (changed.length === 0) {
        outcomes.push({ line: row.line, externalId: row.externalId, action: 'unchanged' });
        continue;
      }
      updates.push({
        ...old,
        ...next,
        id: old.id,
        search_tokens: tokensOf(String(merged.payer_name), premise),
      });
      outcomes.push({
        line: row.line,
        externalId: row.externalId,
        action: 'update',
        before: pick(old, changed),
        after: pick(next, changed),
      });
      const dayAfter = (d: unknown) => (d ? addDays(d as IsoDate, 1) : null);
      const from = earliest([
        ...(changed.some((k) => ['area_share', 'opened_on'].includes(k))
          ? [old.opened_on as IsoDate, merged.opened_on as IsoDate]
          : []),
        ...(changed.includes('closed_on') ? [dayAfter(old.closed_on), dayAfter(merged.closed_on)] : []),
      ]);
      if (from) retroactive.push({ houseId: premise.house_id, fromDate: from });
    }
    for (const [premiseId, list] of fileSpans) {
      const kept = (spans.get(premiseId) ?? [])
        .filter((s) => !storedIds.has(s.id))
        .map((s) => ({ line: null, share: Decimal.parse(s.area_share), from: s.opened_on, to: s.closed_on }));
      problems.push(...shareProblems([...kept, ...list]));
    }
    return {
      outcomes,
      problems,
      retroactive,
      async write(tx, progress) {
        const fresh = inserts.filter((r) => r.number === null);
        if (fresh.length > 0) {
          const highest = [...numberLines.keys()].reduce((m, n) => Math.max(m, Number(n.slice(0, 9))), 0);
          const first = await reserveAccountSerials(tx, fresh.length, highest);
          fresh.forEach((r, i) => (r.number = makeAccountNumber(first + i)));
        }
        await insertRecords(tx, spec, inserts, ctx.actor.userId);
        progress(inserts.length, rows.length, 'лицевые счета добавлены');
        await updateRecords(tx, spec, Object.keys(spec.fields), updates, ctx.clock.now());
        progress(rows.length, rows.length, 'лицевые счета обновлены');
      },
    };
  },
};
