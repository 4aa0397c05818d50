/** `zhkh remittance --date D [--out]` as an operator runs it (docs/finance.md "Remittance"; ПП № 253 п.6). */
import fs from 'node:fs';
import path from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { withCli } from '../support/cli.js';
import { engineName } from '../support/engines.js';

const { zhkh, tmp } = withCli('zhkh-remittance-');

describe(`zhkh remittance on ${engineName}`, { timeout: 180_000 }, () => {
  it('a day without payments: due date, an XLSX register with a zero total; a wrong --out refused', async () => {
    expect((await zhkh('demo', 'load')).code).toBe(0);
    const out = path.join(tmp(), 'reg.xlsx');
    // Saturday 07.11.2026 → Sunday off → Monday 09.11.2026 is the next working day
    const r = await zhkh('remittance', '--date', '2026-11-07', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('перечислить не позднее 2026-11-09');
    const sheet = await readSheet(fs.readFileSync(out), 1);
    expect(sheet[0]![0]).toBe('Поставщик');
    expect(sheet.at(-1)).toEqual(['Итого', null, null, null, 0, 0, 0, 0]);
    const bad = await zhkh('remittance', '--date', '2026-11-07', '--out', path.join(tmp(), 'reg.txt'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--out');
  });
});
