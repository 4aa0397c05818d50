/** `zhkh meters verification-due` and `zhkh readings import` as an operator runs them, on the demo town. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCli } from '../support/cli.js';
import { engineName } from '../support/engines.js';

const { zhkh, tmp: tmpDir } = withCli('zhkh-meters-');

describe(`zhkh meters and readings on ${engineName}`, { timeout: 180_000 }, () => {
  it('lists the meters due for verification, and loads a readings file: dry run, refusal, apply, repeat', async () => {
    expect((await zhkh('demo', 'load', '--password', 'demo-password')).code).toBe(0);
    const due = await zhkh('meters', 'verification-due', '--days', '400');
    expect(due.code, due.stderr).toBe(0);
    const lines = due.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^Всего приборов: [1-9]\d*$/);
    expect(lines[0]).toMatch(
      /^\d{4}-\d{2}-\d{2}\tг\. Демо-город, .+\t(кв\. \d+|ОДПУ)\t(ХВС|ГВС|отопление)\t№ /,
    );
    const dates = lines.slice(0, -1).map((l) => l.slice(0, 10));
    expect([...dates].sort()).toEqual(dates);
    expect((await zhkh('meters', 'verification-due', '--days', 'soon')).code).toBe(2);

    // meter 1: the first cold-water meter of the demo town, read up to October 2026 in the hundreds of m³
    const bad = path.join(tmpDir(), 'bad.csv');
    fs.writeFileSync(bad, 'meter_id;read_on;value\n1;2026-11-20;0\n999999;2026-11-20;5\n');
    const dry = await zhkh('readings', 'import', bad, '--dry-run'); // the file as a positional argument
    expect(dry.code).toBe(2);
    expect(dry.stdout).toContain('строка 2, value: меньше предыдущего показания');
    expect(dry.stdout).toContain('строка 3, meter_id: прибор не найден');
    const refused = await zhkh('readings', 'import', '--file', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('ничего не записано');

    const good = path.join(tmpDir(), 'good.csv');
    fs.writeFileSync(good, 'meter_id;read_on;value;client_id\n1;2026-11-20;99990;nov-1\n');
    const applied = await zhkh('readings', 'import', '--file', good, '--source', 'bank_registry');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/строк 1; записано 1 /);
    const again = await zhkh('readings', 'import', '--file', good, '--source', 'bank_registry');
    expect(again.stdout).toMatch(/записано 0 .*уже были 1/);
  });
});
