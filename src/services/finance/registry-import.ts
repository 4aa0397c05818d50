/**
 * Importing a payment registry file (RULES.md §9; docs/finance.md "Registry import"): the file is parsed by
 * its format, every line previewed with its problems (the parse's, a payment id the agent sent before, an
 * account not found — which is not a problem: that payment goes to suspense), and then applied whole or not at
 * all, in one transaction. The same bytes twice are refused by their sha256.
 */
import * as db from '../../db/finance/payments.js';
import { DomainError, validationFailed } from '../../domain/errors.js';
import { withOverrides, type RegistryEncoding } from '../../domain/finance/registry-formats.js';
import type { RegistryProblem } from '../../domain/finance/registry-parse.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { readPaymentRegistry } from './payment-registry.js';
import type { PaymentFields } from '../../db/finance/payments.js';
import { importFormat } from './agent-formats.js';
import { storePayments } from './payment-batch.js';
import { centreOf, handReadings, requireAgent, type HandedReading } from './payments.js';
import { loadFinanceLegal } from './penalties.js';

export type RegistryImportInput = {
  agentId: number;
  /** A built-in format; none: the agent's own (agent-formats.ts), else the default format. */
  format?: string | null;
  /** The agent's own encoding, when it differs from the format's. */
  encoding?: RegistryEncoding | null;
  fileName: string;
  bytes: Uint8Array;
  /** Preview only: nothing is written. */
  dryRun: boolean;
  /** Filled with the milliseconds of each phase when given (the benchmark, logs). */
  phases?: ImportPhases;
};

export type ImportPhases = {
  parseMs: number;
  /** The preview's lookups (accounts, payment ids known). */
  checkMs: number;
  /** Reading what the file's accounts owe. */
  readMs: number;
  allocateMs: number;
  /** The file row, COPY of payments and parts, the audit record, commit. */
  writeMs: number;
};

export type PreviewLine = {
  line: number;
  agentPaymentId: string | null;
  paidOn: string | null;
  account: string | null;
  accountId: number | null;
  period: string | null;
  amountKop: number | null;
  feeKop: number | null;
  payerName: string | null;
  /** 'new': will be applied; 'suspense': no such account, goes to suspense; 'duplicate': sent before. */
  status: 'new' | 'suspense' | 'duplicate' | 'error';
  problems: RegistryProblem[];
};

export type RegistryImportResult = {
  applied: boolean;
  fileId: number | null;
  sha256: string;
  format: string;
  encoding: string;
  lines: PreviewLine[];
  fileProblems: RegistryProblem[];
  totals: { count: number; amountKop: number; feeKop: number; matches: boolean };
  counts: { new: number; suspense: number; duplicate: number; error: number };
  /** The meter readings the applied payments carried, as the meters module took them. */
  readings: HandedReading[];
};

export async function importPaymentRegistry(
  ctx: Ctx,
  input: RegistryImportInput,
): Promise<RegistryImportResult> {
  requirePermission(ctx.actor, 'payments.write');
  const centre = await centreOf(ctx);
  await requireAgent(ctx.db, input.agentId, 'agentId');
  const base = await importFormat(ctx.db, centre, input.agentId, input.format);
  const format = input.encoding ? withOverrides(base, { encoding: input.encoding }) : base;
  if (!input.fileName.trim()) throw validationFailed([{ field: 'fileName', problem: 'укажите имя файла' }]);
  const phases = input.phases ?? { parseMs: 0, checkMs: 0, readMs: 0, allocateMs: 0, writeMs: 0 };
  let mark = performance.now();
  const lap = () => {
    const t = performance.now();
    const ms = t - mark;
    mark = t;
    return ms;
  };
  const parsed = readPaymentRegistry(input.bytes, format);
  phases.parseMs = lap();
  const fileProblems = [...parsed.fileProblems];
  const before = await db.selectRegistryFileBySha(ctx.db, centre, parsed.fingerprint);
  if (before)
    fileProblems.push({
      line: 0,
      field: 'file',
      problem: `этот файл уже загружен (№ ${before.id}, ${before.fileName})`,
    });
  const numbers = [...new Set(parsed.lines.map((l) => l.account).filter((a): a is string => a !== null))];
  const ids = parsed.lines.map((l) => l.agentPaymentId).filter((x): x is string => x !== null);
  // the two lookups side by side (two connections of the server's pool; PGlite takes them in turn)
  const [found, known] = await Promise.all([
    ctx.db.query<{ id: number; number: string }>(
      `select a.id, a.number from accounts a join premises p on p.id = a.premise_id
         join houses h on h.id = p.house_id where a.number = any($1::text[]) and h.settlement_centre_id = $2`,
      [numbers, centre],
    ),
    db.selectKnownAgentIds(ctx.db, input.agentId, ids),
  ]);
  const accounts = new Map(found.map((r) => [r.number, r.id]));
  const lines: PreviewLine[] = parsed.lines.map((l) => {
    const accountId = l.account ? (accounts.get(l.account) ?? null) : null;
    const status: PreviewLine['status'] =
      l.problems.length > 0
        ? 'error'
        : l.agentPaymentId && known.has(l.agentPaymentId)
          ? 'duplicate'
          : accountId === null
            ? 'suspense'
            : 'new';
    return {
      line: l.line,
      agentPaymentId: l.agentPaymentId,
      paidOn: l.paidOn,
      account: l.account,
      accountId,
      period: l.period,
      amountKop: l.amount,
      feeKop: l.fee,
      payerName: l.payerName,
      status,
      problems: l.problems,
    };
  });
  phases.checkMs = lap();
  const counts = { new: 0, suspense: 0, duplicate: 0, error: 0 };
  for (const l of lines) counts[l.status] += 1;
  const c = parsed.totals.computed;
  const result: RegistryImportResult = {
    applied: false,
    fileId: null,
    sha256: parsed.fingerprint,
    format: format.code,
    encoding: parsed.encoding,
    lines,
    fileProblems,
    totals: { count: c.count, amountKop: c.amount, feeKop: c.fee, matches: parsed.totals.matches },
    counts,
    readings: [],
  };
  if (input.dryRun) return result;
  if (before) throw new DomainError('conflict', 'Этот файл реестра уже загружен', fileProblems.map(asDetail));
  if (fileProblems.length > 0 || counts.error > 0)
    throw validationFailed(
      [...fileProblems, ...lines.flatMap((l) => l.problems)].map(asDetail),
      'Реестр не принят: в нём есть ошибки',
    );
  const legal = await loadFinanceLegal(ctx.db);
  const byLine = new Map(parsed.lines.map((l) => [l.line, l]));
  const receivedOn = ctx.clock.now().toISOString().slice(0, 10);
  const applied = await ctx.db.transaction(async (tx) => {
    const fileId = await db.insertRegistryFile(
      tx,
      {
        settlementCentreId: centre,
        agentId: input.agentId,
        fileName: input.fileName,
        format: format.code,
        sha256: parsed.fingerprint,
        sizeBytes: parsed.size,
        lines: c.count,
        amountKop: c.amount,
        feeKop: c.fee,
      },
      ctx.clock.now(),
      ctx.actor.userId,
    );
    // Ids stored since the preview (another file of the agent committed meanwhile): one set query; the
    // unique index (agent, agent's id) refuses the whole file if one slips in after this.
    const storedMeanwhile = await db.selectKnownAgentIds(tx, input.agentId, ids);
    const fields: PaymentFields[] = lines
      .filter((l) => l.status !== 'duplicate' && !(l.agentPaymentId && storedMeanwhile.has(l.agentPaymentId)))
      .map((l) => {
        const src = byLine.get(l.line)!;
        return {
          settlementCentreId: centre,
          agentId: input.agentId,
          agentPaymentId: l.agentPaymentId,
          paidOn: src.paidOn!,
          receivedOn,
          accountId: l.accountId,
          accountGiven: l.account ?? '',
          payerName: l.payerName,
          period: src.period,
          amountKop: src.amount!,
          feeKop: src.fee ?? 0,
          byService: null,
          registryFileId: fileId,
          registryLine: l.line,
          readings: src.readings,
          reversesPaymentId: null,
          correctedFromPaymentId: null,
          note: null,
        };
      });
    const stored = await storePayments(tx, ctx, fields, legal, phases);
    await recordAudit(tx, ctx, {
      action: 'import',
      objectType: 'payment_registry_file',
      objectId: fileId,
      organisationId: centre,
      after: {
        fileName: input.fileName,
        sha256: parsed.fingerprint,
        counts,
        totals: result.totals,
        // every payment the file stored (with its parts in payment_parts): the after-state of the import
        payments: stored.map((x) => x.id),
      },
    });
    return {
      fileId,
      withReadings: stored
        .filter((s) => s.fields.accountId !== null && s.fields.readings.length > 0)
        .map((s) => s.id),
    };
  });
  phases.writeMs = lap() - phases.readMs - phases.allocateMs;
  const readings = await handReadings(ctx, applied.withReadings);
  return { ...result, applied: true, fileId: applied.fileId, readings };
}

const asDetail = (p: RegistryProblem) => ({
  field: p.line > 0 ? `line.${p.line}.${p.field}` : p.field,
  problem: p.problem,
});
