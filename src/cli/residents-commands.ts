/**
 * `zhkh` commands of the registration office: the residents count of an account for a period (what billing
 * multiplies per-person charges by), the search of persons, and issuing a document to a PDF file. They act as
 * the settlement centre's administrator (settlementCentreActor), like the import.
 */
import fs from 'node:fs';
import { selectAccountIdByNumber } from '../db/residents/demo.js';
import { validationFailed } from '../domain/errors.js';
import { settlementCentreActor } from '../services/import/import-actor.js';
import { accountResidentsCount } from '../services/residents/count.js';
import {
  documentPdf,
  issueDocument,
  issuedDocumentKinds,
  type IssuedDocumentKind,
} from '../services/residents/documents.js';
import { listPersons } from '../services/residents/persons.js';
import type { Ctx } from '../services/context.js';
import { openConfiguredDb } from '../services/setup.js';
import type { CliEnv, Command } from './commands.js';
import { EXIT_OK } from './exit-codes.js';

type Values = Record<string, string | boolean | undefined>;
const str = (v: Values, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);

async function withCtx<T>(env: CliEnv, v: Values, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const db = await openConfiguredDb(env.config);
  try {
    const org = str(v, 'organisation');
    return await fn({
      db,
      clock: env.clock,
      actor: await settlementCentreActor(db, org ? Number(org) : undefined),
    });
  } finally {
    await db.close();
  }
}

async function accountId(ctx: Ctx, number: string): Promise<number> {
  const id = await selectAccountIdByNumber(ctx.db, number);
  if (id === undefined)
    throw validationFailed([{ field: '--account', problem: `нет лицевого счёта ${number}` }]);
  return id;
}

export const residentCommands: Command[] = [
  {
    words: ['residents', 'count'],
    summary: 'Число проживающих по лицевому счёту за период: по дням, взвешенное по дням и по услугам',
    options: { account: { type: 'string' }, period: { type: 'string' }, organisation: { type: 'string' } },
    required: ['account', 'period'],
    async run(v, env) {
      return withCtx(env, v, async (ctx) => {
        const c = await accountResidentsCount(
          ctx,
          await accountId(ctx, str(v, 'account')!),
          str(v, 'period')!,
        );
        env.out(`Лицевой счёт ${str(v, 'account')}, период ${c.period}: ${c.count} (${c.countDecimal}) чел.`);
        env.out(c.explanation);
        for (const p of c.pieces) env.out(`  ${p.from} — ${p.to}: ${p.residents} чел. × ${p.days} дн.`);
        for (const s of c.services) {
          const absent = s.reducedByAbsence
            ? `, отсутствие −${s.absentDays} чел.-дн.`
            : ', отсутствие не учитывается';
          env.out(`  ${s.serviceName}: ${s.count} (${s.countDecimal})${absent}`);
        }
        return EXIT_OK;
      });
    },
  },
  {
    words: ['persons', 'find'],
    summary: 'Найти людей по началу фамилии, имени, отчества и по дате рождения',
    options: { name: { type: 'string' }, 'birth-date': { type: 'string' }, organisation: { type: 'string' } },
    async run(v, env) {
      return withCtx(env, v, async (ctx) => {
        const page = await listPersons(
          ctx,
          { name: str(v, 'name'), birthDate: str(v, 'birth-date') },
          { page: 1, pageSize: 100, sort: [] },
        );
        for (const p of page.items) env.out(`${String(p.id).padStart(8)}  ${p.birthDate}  ${p.fullName}`);
        env.out(
          `Найдено: ${page.total}${page.total > page.items.length ? ` (показаны первые ${page.items.length})` : ''}`,
        );
        return EXIT_OK;
      });
    },
  },
  {
    words: ['documents', 'issue'],
    summary: `Выдать документ (${issuedDocumentKinds.join(', ')}) по лицевому счёту и сохранить PDF`,
    options: {
      account: { type: 'string' },
      kind: { type: 'string' },
      person: { type: 'string' },
      out: { type: 'string' },
      organisation: { type: 'string' },
    },
    required: ['account', 'kind', 'out'],
    async run(v, env) {
      const kind = str(v, 'kind')!;
      if (!(issuedDocumentKinds as readonly string[]).includes(kind)) {
        throw validationFailed([{ field: '--kind', problem: `одно из: ${issuedDocumentKinds.join(', ')}` }]);
      }
      return withCtx(env, v, async (ctx) => {
        const person = str(v, 'person');
        const doc = await issueDocument(ctx, {
          kind: kind as IssuedDocumentKind,
          accountId: await accountId(ctx, str(v, 'account')!),
          personId: person ? Number(person) : null,
        });
        const { pdf } = await documentPdf(ctx, doc.id);
        fs.writeFileSync(str(v, 'out')!, pdf);
        env.out(`${doc.title} № ${doc.fullNumber} выдан(а): ${str(v, 'out')} (${pdf.length} байт)`);
        return EXIT_OK;
      });
    },
  },
];
