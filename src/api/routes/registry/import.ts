/**
 * The legacy import: one file (CSV or XLSX) as the raw request body; the query names its kind and how to
 * treat it (docs/formats/legacy-import.md). The body limit of this path is raised in app.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { importEncodings, importFile, importKinds } from '../../../services/import/run-import.js';
import { ctxOf, newRouter } from '../../env.js';
import { boolQuery, commonErrors, conflictError, json } from '../../schemas.js';

export const IMPORT_PATH = '/api/v1/imports';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['Загрузка из прежней системы'];

const ReportSchema = z
  .object({
    kind: z.enum(importKinds),
    dryRun: z.boolean(),
    rows: z.number().int().openapi({ description: 'Строк данных в файле' }),
    applied: z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
    skipped: z.number().int().openapi({ description: 'Строк пропущено (с ошибками)' }),
    badRows: z.array(
      z.object({ line: z.number().int(), column: z.string().nullable(), problem: z.string() }),
    ),
    importId: z.number().int().nullable(),
    previousImport: z.object({ id: z.number().int(), appliedAt: z.string() }).nullable(),
  })
  .openapi('ImportReport');

const FileBody = z.string().openapi({ format: 'binary', description: 'Файл целиком' });

export const importRoutes = newRouter().openapi(
  createRoute({
    method: 'post',
    path: '/imports',
    tags,
    summary:
      'Загрузить файл из прежней системы (CSV «;» или XLSX). dryRun — только проверить; ' +
      'skipBadRows — записать хорошие строки, пропустив плохие; иначе одна плохая строка отклоняет весь файл',
    request: {
      query: z.object({
        kind: z.enum(importKinds).openapi({ description: 'Вид файла' }),
        dryRun: boolQuery.default(false),
        skipBadRows: boolQuery.default(false),
        encoding: z
          .enum(importEncodings)
          .optional()
          .openapi({ description: 'Кодировка CSV без BOM (по умолчанию utf-8)' }),
        fileName: z.string().max(255).optional().openapi({ description: 'Имя файла для журнала' }),
      }),
      body: {
        required: true,
        content: { 'text/csv': { schema: FileBody }, [XLSX_TYPE]: { schema: FileBody } },
      },
    },
    responses: {
      200: json(ReportSchema, 'Отчёт: что записано (или было бы записано) и какие строки с ошибками'),
      ...commonErrors,
      ...conflictError,
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const data = new Uint8Array(await c.req.arrayBuffer());
    const report = await importFile(ctxOf(c), { ...query, data });
    return c.json(report, 200);
  },
);
