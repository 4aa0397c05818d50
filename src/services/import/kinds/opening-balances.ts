/**
 * Opening balances (сальдо входящее) carried over from the legacy system: per account, service and supplier
 * on a date, in kopecks; positive = debt, negative = overpayment. One balance per account, service, supplier
 * and date.
 */
import {
  insertRecords,
  selectRecords,
  updateRecords,
  type Rec,
  type TableSpec,
} from '../../../db/import/bulk.js';
import { selectAccountRefs, type AccountRef } from '../../../db/import/lookups.js';
import type { IsoDate } from '../../../domain/period.js';
import type { BadRow, Cells } from '../cells.js';
import {
  changedFields,
  earliest,
  pick,
  unique,
  type ImportKindModule,
  type Outcome,
  type Retroactive,
} from '../kind.js';
import { OrganisationRefs, serviceNotFound, servicesByCode } from '../refs.js';

const spec: TableSpec = {
  table: 'opening_balances',
  updatedAt: true,
  fields: {
    external_id: 'text',
    account_id: 'bigint',
    service_id: 'bigint',
    supplier_id: 'bigint',
    as_of: 'date',
    amount_kop: 'bigint',
  },
};

type Row = {
  account: { number: string | null | undefined; externalId: string | null | undefined };
  serviceCode: string;
  supplier: { externalId: string | null | undefined; inn: string | null | undefined };
  asOf: IsoDate;
  amountKop: number;
};

function parse(c: Cells): Row | undefined {
  const row = {
    account: { number: c.accountNumber('account_number'), externalId: c.text('account_external_id') },
    serviceCode: c.text('service_code', { required: true, max: 50 }),
    supplier: { externalId: c.text('supplier_external_id'), inn: c.requisite('supplier_inn', 'inn') },
    asOf: c.date('as_of', true),
    amountKop: c.rubles('amount', true),
  };
  c.requireEither(
    'account_number',
    'account_external_id',
    [row.account.number, row.account.externalId],
    'лицевой счёт',
  );
  c.requireEither(
    'supplier_inn',
    'supplier_external_id',
    [row.supplier.inn, row.supplier.externalId],
    'поставщика',
  );
  return c.problems.length > 0 ? undefined : (row as Row);
}

export const openingBalancesImport: ImportKindModule<Row> = {
  kind: 'opening_balances',
  title: 'входящие сальдо',
  permissions: ['registry.write'],
  columns: [
    'external_id',
    'account_number',
    'account_external_id',
    'service_code',
    'supplier_inn',
    'supplier_external_id',
    'as_of',
    'amount',
  ],
  required: ['external_id', 'service_code', 'as_of', 'amount'],
  oneOf: [
    ['account_number', 'account_external_id'],
    ['supplier_inn', 'supplier_external_id'],
  ],
  parse,

  async plan(q, ctx, rows) {
    const refs = await selectAccountRefs(q, {
      externalIds: unique(rows.map((r) => r.account.externalId)),
      numbers: unique(rows.map((r) => r.account.number)),
    });
    const visible = refs.filter((a) => ctx.actor.scope.includes(a.settlement_centre_id));
    const visibleIds = new Set(visible.map((a) => a.id));
    const byNumber = new Map(visible.map((a) => [a.number, a]));
    const byExternalId = new Map(visible.filter((a) => a.external_id).map((a) => [a.external_id!, a]));
    const services = await servicesByCode(q);
    const orgs = await OrganisationRefs.load(
      q,
      ctx.actor,
      rows.map((r) => r.supplier),
    );
    const stored = await selectRecords(
      q,
      spec,
      't.account_id = any($1::bigint[]) or t.external_id = any($2::text[])',
      [visible.map((a) => a.id), rows.map((r) => r.externalId)],
    );
    const storedByExternalId = new Map(stored.map((s) => [s.external_id as string, s]));
    const keyOf = (r: Rec) => `${r.account_id}:${r.service_id}:${r.supplier_id}:${r.as_of}`;
    const keys = new Map<string, string>();
    const inFile = new Set(rows.map((r) => r.externalId));
    for (const s of stored) if (!inFile.has(s.external_id as string)) keys.set(keyOf(s), 'уже есть');
    const problems: BadRow[] = [];
    const outcomes: Outcome[] = [];
    const retroactive: Retroactive[] = [];
    const inserts: Rec[] = [];
    const updates: (Rec & { id: number })[] = [];
    for (const row of rows) {
      const before = problems.length;
      const bad = (column: string, problem: string) => problems.push({ line: row.line, column, problem });
      let account: AccountRef | undefined;
      if (row.account.number) {
        account = byNumber.get(row.account.number);
        if (!account) bad('account_number', `лицевой счёт ${row.account.number} не найден`);
      } else {
        account = byExternalId.get(row.account.externalId!);
        if (!account)
          bad('account_external_id', `лицевой счёт с внешним кодом ${row.account.externalId} не найден`);
      }
      const service = services.get(row.serviceCode);
      if (!service) bad('service_code', serviceNotFound(row.serviceCode));
      const found = orgs.find(
        row.supplier,
        { externalId: 'supplier_external_id', inn: 'supplier_inn' },
        ['supplier', 'manager'],
        'организация',
      );
      if (found && !found.ok) bad(found.column, found.problem);
      const old = storedByExternalId.get(row.externalId);
      if (old && !visibleIds.has(old.account_id as number))
        bad('external_id', 'внешний код уже занят сальдо вне вашей области видимости');
      if (!account || !service || !found?.ok || problems.length > before) continue;
      const next: Rec = {
        external_id: row.externalId,
        account_id: account.id,
        service_id: service.id,
        supplier_id: found.value.id,
        as_of: row.asOf,
        amount_kop: row.amountKop,
      };
      const key = keyOf(next);
      if (keys.has(key)) {
        bad('as_of', `сальдо этого счёта по этой услуге и поставщику на ${row.asOf} ${keys.get(key)}`);
        continue;
      }
      keys.set(key, `уже есть в строке ${row.line}`);
      if (!old) {
        inserts.push(next);
        outcomes.push({ line: row.line, externalId: row.externalId, action: 'insert' });
        retroactive.push({ houseId: account.house_id, fromDate: row.asOf });
        continue;
      }
      const changed = changedFields(spec.fields, old, next);
      if (changed.length === 0) {
        outcomes.push({ line: row.line, externalId: row.externalId, action: 'unchanged' });
        continue;
      }
      updates.push({ ...next, id: old.id });
      outcomes.push({
        line: row.line,
        externalId: row.externalId,
        action: 'update',
        before: pick(old, changed),
        after: pick(next, changed),
      });
      const from = earliest([old.as_of as IsoDate, row.asOf]);
      if (from) retroactive.push({ houseId: account.house_id, fromDate: from });
    }
    return {
      outcomes,
      problems,
      retroactive,
      async write(tx, progress) {
        await insertRecords(tx, spec, inserts, ctx.actor.userId);
        progress(inserts.length, rows.length, 'сальдо добавлены');
        await updateRecords(tx, spec, Object.keys(spec.fields), updates, ctx.clock.now());
        progress(rows.length, rows.length, 'сальдо обновлены');
      },
    };
  },
};
