/**
 * Organisations served by the actor's settlement centre: managers, suppliers, contractors, payment agents.
 * Matched by external id; a new one must not repeat the ИНН and КПП of an organisation in the scope.
 */
import {
  insertRecords,
  selectRecords,
  updateRecords,
  type Rec,
  type TableSpec,
} from '../../../db/import/bulk.js';
import type { BadRow, Cells } from '../cells.js';
import { changedFields, given, pick, unique, type ImportKindModule, type Outcome } from '../kind.js';

const orgKinds = ['manager', 'supplier', 'contractor', 'payment_agent'] as const;

const spec: TableSpec = {
  table: 'organisations',
  updatedAt: true,
  fields: {
    external_id: 'text',
    kind: 'text',
    name: 'text',
    short_name: 'text',
    inn: 'text',
    kpp: 'text',
    ogrn: 'text',
    legal_address: 'text',
    postal_address: 'text',
    phone: 'text',
    email: 'text',
    director: 'text',
    settlement_centre_id: 'bigint',
  },
};

type Row = { fields: Rec };

function parse(c: Cells): Row | undefined {
  const fields = {
    kind: c.oneOf('kind', orgKinds, true),
    name: c.text('name', { required: true }),
    short_name: c.text('short_name', { max: 200 }),
    inn: c.requisite('inn', 'inn', true),
    kpp: c.requisite('kpp', 'kpp'),
    ogrn: c.requisite('ogrn', 'ogrn'),
    legal_address: c.text('legal_address'),
    postal_address: c.text('postal_address'),
    phone: c.text('phone', { max: 100 }),
    email: c.matching('email', /^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'адрес электронной почты вида name@example.ru'),
    director: c.text('director', { max: 200 }),
  };
  return c.problems.length > 0 ? undefined : { fields: given(fields) };
}

export const organisationsImport: ImportKindModule<Row> = {
  kind: 'organisations',
  title: 'организации',
  permissions: ['organisations.write'],
  columns: [
    'external_id',
    'kind',
    'name',
    'short_name',
    'inn',
    'kpp',
    'ogrn',
    'legal_address',
    'postal_address',
    'phone',
    'email',
    'director',
  ],
  required: ['external_id', 'kind', 'name', 'inn'],
  parse,

  async plan(q, ctx, rows) {
    const stored = await selectRecords(
      q,
      spec,
      't.external_id = any($1::text[]) or t.inn = any($2::text[])',
      [rows.map((r) => r.externalId), unique(rows.map((r) => r.fields.inn as string))],
    );
    const byExternalId = new Map(
      stored.filter((s) => s.external_id).map((s) => [s.external_id as string, s]),
    );
    const innKpp = (r: Rec) => `${r.inn}/${r.kpp ?? ''}`;
    const problems: BadRow[] = [];
    const outcomes: Outcome[] = [];
    const inserts: Rec[] = [];
    const updates: (Rec & { id: number })[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      const bad = (column: string, problem: string) => problems.push({ line: row.line, column, problem });
      const old = byExternalId.get(row.externalId);
      const next: Rec = { ...row.fields, external_id: row.externalId };
      const key = innKpp({ ...old, ...next });
      const twin = stored.find(
        (s) => innKpp(s) === key && s.id !== old?.id && ctx.actor.scope.includes(s.id),
      );
      if (twin) bad('inn', `организация с ИНН и КПП ${key.replace('/', ' / ')} уже есть: «${twin.name}»`);
      if (seen.has(key)) bad('inn', `ИНН и КПП повторяются в строке ${seen.get(key)}`);
      seen.set(key, row.line);
      if (old && !ctx.actor.scope.includes(old.id)) {
        bad('external_id', 'внешний код уже занят организацией вне вашей области видимости');
        continue;
      }
      if (old && old.kind !== next.kind) bad('kind', `вид организации не меняется (сейчас ${old.kind})`);
      if (twin || (old && old.kind !== next.kind)) continue;
      if (!old) {
        inserts.push({ ...next, settlement_centre_id: ctx.actor.organisationId });
        outcomes.push({ line: row.line, externalId: row.externalId, action: 'insert' });
        continue;
      }
      const changed = changedFields(spec.fields, old, next);
      if (changed.length === 0) {
        outcomes.push({ line: row.line, externalId: row.externalId, action: 'unchanged' });
        continue;
      }
      updates.push({ ...old, ...next, id: old.id });
      outcomes.push({
        line: row.line,
        externalId: row.externalId,
        action: 'update',
        before: pick(old, changed),
        after: pick(next, changed),
      });
    }
    return {
      outcomes,
      problems,
      retroactive: [],
      async write(tx, progress) {
        await insertRecords(tx, spec, inserts, ctx.actor.userId);
        progress(inserts.length, rows.length, 'организации добавлены');
        await updateRecords(tx, spec, Object.keys(spec.fields), updates, ctx.clock.now());
        progress(rows.length, rows.length, 'организации обновлены');
      },
    };
  },
};
