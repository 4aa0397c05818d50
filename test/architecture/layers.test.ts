/** The layer rules are enforced by lint; this checks that the lint rules themselves still catch violations. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.message);
}

describe('layer rules', () => {
  it('src/domain may not touch the database, I/O, the clock or the environment', async () => {
    const found = await problems(
      'src/domain/violation.ts',
      `import { openDb } from '../db/client.js';\nimport fs from 'node:fs';\nexport const a = Date.now();\nexport const b = new Date();\nexport const c = process.env.X;\nexport { openDb, fs };\n`,
    );
    expect(found).toEqual([
      expect.stringContaining('src/domain must not import from db'),
      expect.stringContaining('src/domain is pure'),
      'src/domain takes the time as an argument',
      'src/domain takes the time as an argument',
      expect.stringContaining('src/domain reads no environment'),
      expect.stringContaining('Read settings through src/config.ts'),
    ]);
  });

  it('a domain function may still build a date from an argument', async () => {
    expect(await problems('src/domain/ok.ts', `export const d = (s: string) => new Date(s);\n`)).toEqual([]);
  });

  it('the database layer may not import services, the API or the CLI; only config.ts reads process.env', async () => {
    const found = await problems(
      'src/db/violation.ts',
      `import { createApp } from '../api/app.js';\nexport const x = process.env.Y;\nexport { createApp };\n`,
    );
    expect(found).toEqual([
      expect.stringContaining('src/db must not import from api'),
      expect.stringContaining('Read settings through src/config.ts'),
    ]);
    expect(
      await problems(
        'src/services/violation.ts',
        `import { main } from '../cli/main.js';\nexport { main };\n`,
      ),
    ).toEqual([expect.stringContaining('src/services must not import from api, cli')]);
  });
});
