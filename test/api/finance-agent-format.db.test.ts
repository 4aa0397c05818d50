/**
 * A payment agent's own registry format (issue 7 "Registry files: pluggable formats with a configuration per
 * agent"; docs/finance.md "Payment registry files"): the centre stores the agent's format — the documented default
 * with the agent's differences (CP1251, «|» between fields, ISO dates) — and a file that names no format is read
 * with it; the same file read as the plain default has nothing to apply. A configuration that does not hold is
 * refused naming its field; each change is audited with before and after.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let accountant: string;
let agentId: number;

/** The default format's fixture in the agent's layout: «|» for «;», dates as yyyy-mm-dd, CP1251. */
function agentFile(): Buffer {
  const text = readFileSync(new URL('../fixtures/payments/zhkh-default.utf8.txt', import.meta.url), 'utf8')
    .replaceAll(';', '|')
    .replace(/(\d{2})\.(\d{2})\.(\d{4})\|/g, '$3-$2-$1|')
    .replaceAll('P-000', 'AG-000');
  return iconv.encode(text, 'cp1251');
}

const upload = (body: Record<string, unknown>) =>
  t.call('POST', '/api/v1/finance/payment-registries', {
    cookie: accountant,
    body: { agentId, fileName: 'agent-1105.txt', contentBase64: agentFile().toString('base64'), ...body },
  });

beforeAll(async () => {
  t = await createTestApp();
  accountant = await t.login('accountant');
  agentId = await t.orgId('Сбербанк (демо)');
});
afterAll(async () => t?.dispose());

describe('an agent’s own registry format', () => {
  it('is empty until set; a configuration that does not hold is refused naming its field', async () => {
    const none = await t.call('GET', `/api/v1/finance/agents/${agentId}/registry-format`, {
      cookie: accountant,
    });
    expect(none.status).toBe(200);
    expect(none.json).toBeNull();
    const noBase = await t.call('PUT', `/api/v1/finance/agents/${agentId}/registry-format`, {
      cookie: accountant,
      body: { base: 'nope' },
    });
    expect(noBase.status).toBe(400);
    expect(noBase.json.error.details.map((d: { field: string }) => d.field)).toEqual(['base']);
    // the account and the amount in one column
    const clash = await t.call('PUT', `/api/v1/finance/agents/${agentId}/registry-format`, {
      cookie: accountant,
      body: {
        base: 'zhkh-default',
        overrides: { columns: { agentPaymentId: 1, paidOn: 2, account: 3, amount: 3 } },
      },
    });
    expect(clash.status).toBe(400);
    expect(clash.json.error.details.map((d: { field: string }) => d.field)).toContain(
      'overrides.columns.amount',
    );
    expect(await t.db.maybeOne('select 1 from agent_registry_formats')).toBeUndefined();
  });

  it('reads a file that names no format; the plain default finds nothing to apply in it', async () => {
    // before the agent's format is set, the file read as the default has no valid payment line
    const asDefault = await upload({ dryRun: true });
    expect(asDefault.status, JSON.stringify(asDefault.json)).toBe(200);
    expect(asDefault.json.counts.new).toBe(0);

    const set = await t.call('PUT', `/api/v1/finance/agents/${agentId}/registry-format`, {
      cookie: accountant,
      body: {
        base: 'zhkh-default',
        overrides: { encoding: 'cp1251', separator: '|', dateFormat: 'yyyy-mm-dd' },
      },
    });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect(set.json.format).toMatchObject({ code: 'zhkh-default', encoding: 'cp1251', separator: '|' });
    const got = await t.call('GET', `/api/v1/finance/agents/${agentId}/registry-format`, {
      cookie: accountant,
    });
    expect(got.json).toMatchObject({ base: 'zhkh-default', overrides: { separator: '|' } });

    const applied = await upload({ dryRun: false });
    expect(applied.status, JSON.stringify(applied.json)).toBe(200);
    expect(applied.json.applied).toBe(true);
    expect(applied.json.encoding).toBe('cp1251');
    // the fixture's three lines: 3 500.00 + 1 234.56 + 100.50 = 4 835.06, fees 48.36
    expect(applied.json.totals).toMatchObject({ count: 3, amountKop: 483_506, feeKop: 4_836, matches: true });
    const stored = await t.db.query<{ id: string; paid: string; amount: number; payer: string }>(
      `select agent_payment_id as id, to_char(paid_on, 'YYYY-MM-DD') as paid, amount_kop as amount, payer_name as payer
         from payments where registry_file_id = $1 order by registry_line`,
      [applied.json.fileId],
    );
    expect(stored.map((s) => [s.id, s.paid, Number(s.amount)])).toEqual([
      ['AG-0001', '2026-11-05', 350_000],
      ['AG-0002', '2026-11-05', 123_456],
      ['AG-0003', '2026-11-06', 10_050],
    ]);
    expect(stored[0]!.payer).toBe('Иванов Иван Иванович');
  });

  it('each change is audited with before and after', async () => {
    const again = await t.call('PUT', `/api/v1/finance/agents/${agentId}/registry-format`, {
      cookie: accountant,
      body: {
        base: 'zhkh-default',
        overrides: { encoding: 'cp866', separator: '|', dateFormat: 'yyyy-mm-dd' },
      },
    });
    expect(again.status).toBe(200);
    const records = await t.db.query<{ action: string; before: unknown; after: unknown }>(
      `select action, before, after from audit_records
        where object_type = 'agent_registry_format' and object_id = $1 order by id`,
      [String(agentId)],
    );
    expect(records.map((r) => r.action)).toEqual(['create', 'update']);
    expect(records[1]!.before).toMatchObject({ overrides: { encoding: 'cp1251' } });
    expect(records[1]!.after).toMatchObject({ overrides: { encoding: 'cp866' } });
  });
});
