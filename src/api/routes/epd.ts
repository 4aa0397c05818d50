/**
 * Payment documents (ЕПД; docs/epd.md "Stored documents", "Issuing", "Batches"): the account's issued bills,
 * issuing one (monthly, debt, advance) from the database, the reprint of one from its stored snapshot (the
 * same bytes as first issued), and batches for a house, a manager or a district with their progress and PDF.
 * Money in kopecks.
 */
import { PassThrough } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import { epdKinds } from '../../domain/epd/snapshot.js';
import { validationFailed } from '../../domain/errors.js';
import * as batches from '../../services/epd/batches.js';
import { listAccountDocuments, reprintDocument, type StoredDocument } from '../../services/epd/documents.js';
import { issueDocument, type EpdRequest } from '../../services/epd/issue.js';
import { ctxOf, newRouter } from '../env.js';
import { commonErrors, IdParam, json } from '../schemas.js';

const tags = ['ЕПД'];

const StoredDocumentSchema = z
  .object({
    id: z.number().int(),
    accountId: z.number().int(),
    period: z.string().openapi({ example: '2026-10' }),
    kind: z.enum(epdKinds),
    months: z.number().int(),
    documentNumber: z.string(),
    totalToPayKop: z.number().int(),
    createdAt: z.string(),
    createdBy: z.number().int().nullable(),
  })
  .openapi('PaymentDocument');

const IssueBody = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('monthly'),
      period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'период в виде ГГГГ-ММ'),
    }),
    z.object({ kind: z.literal('debt'), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'дата ГГГГ-ММ-ДД') }),
    z.object({ kind: z.literal('advance'), months: z.number().int().min(1).max(24) }),
  ])
  .openapi('IssuePaymentDocument');

const BatchSchema = z
  .object({
    id: z.number().int(),
    period: z.string(),
    scopeKind: z.enum(['house', 'manager', 'district']),
    scopeId: z.number().int(),
    status: z.enum(['running', 'done', 'failed']),
    accountsTotal: z.number().int(),
    accountsDone: z.number().int(),
    documentsIssued: z.number().int(),
    accountsSkipped: z.number().int(),
    documentCount: z.number().int(),
    error: z.string().nullable(),
    finishedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('PaymentDocumentBatch');

const BatchBody = z
  .object({
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'период в виде ГГГГ-ММ'),
    houseId: z.number().int().positive().optional(),
    managerId: z.number().int().positive().optional(),
    districtId: z.number().int().positive().optional(),
  })
  .openapi('StartPaymentDocumentBatch');

const documentJson = ({ settlementCentreId: _centre, ...d }: StoredDocument) => ({
  ...d,
  createdAt: d.createdAt.toISOString(),
});

const batchJson = ({ settlementCentreId: _c, createdBy: _b, ...b }: batches.Batch) => ({
  ...b,
  finishedAt: b.finishedAt === null ? null : b.finishedAt.toISOString(),
  createdAt: b.createdAt.toISOString(),
});

const pdfResponse = {
  200: {
    description: 'PDF',
    content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
  },
  ...commonErrors,
};

export const epdRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/accounts/{id}/payment-documents',
      tags,
      summary: 'Выпущенные ЕПД лицевого счёта, новые периоды первыми',
      request: { params: IdParam },
      responses: {
        200: json(z.object({ items: z.array(StoredDocumentSchema) }), 'Документы'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const items = await listAccountDocuments(ctxOf(c), c.req.valid('param').id);
      return c.json({ items: items.map(documentJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/accounts/{id}/payment-documents',
      tags,
      summary:
        'Выпустить ЕПД: ежемесячный за закрытый период, на долг на дату или на аванс на N месяцев; выпущенный ранее возвращается как есть',
      request: {
        params: IdParam,
        body: { required: true, content: { 'application/json': { schema: IssueBody } } },
      },
      responses: {
        201: json(StoredDocumentSchema, 'Документ выпущен'),
        200: json(StoredDocumentSchema, 'Документ уже был выпущен: тот же самый'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json') as EpdRequest;
      const { document, created } = await issueDocument(ctxOf(c), c.req.valid('param').id, body);
      return created ? c.json(documentJson(document), 201) : c.json(documentJson(document), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/payment-document-batches',
      tags,
      summary:
        'Пакет ЕПД за закрытый период по дому, управляющей организации или району: выпуск недостающих, затем PDF',
      request: { body: { required: true, content: { 'application/json': { schema: BatchBody } } } },
      responses: {
        202: json(BatchSchema, 'Пакет начат; ход — GET /payment-document-batches/{id}'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const given = (['house', 'manager', 'district'] as const).flatMap((kind) => {
        const id = body[`${kind}Id`];
        return id === undefined ? [] : [{ kind, id }];
      });
      if (given.length !== 1) {
        throw validationFailed([
          { field: 'houseId', problem: 'укажите ровно одно: houseId, managerId или districtId' },
        ]);
      }
      const ctx = ctxOf(c);
      const batch = await batches.startBatch(ctx, { period: body.period, scope: given[0]! });
      // the work goes on after the answer; its progress is in the batch's row (a failure is recorded there)
      void batches.workBatch(ctx, batch.id).catch(() => undefined);
      return c.json(batchJson(batch), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/payment-document-batches',
      tags,
      summary: 'Пакеты ЕПД, новые первыми',
      responses: { 200: json(z.object({ items: z.array(BatchSchema) }), 'Пакеты'), ...commonErrors },
    }),
    async (c) => c.json({ items: (await batches.listBatches(ctxOf(c))).map(batchJson) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/payment-document-batches/{id}',
      tags,
      summary: 'Ход пакета ЕПД',
      request: { params: IdParam },
      responses: { 200: json(BatchSchema, 'Пакет'), ...commonErrors },
    }),
    async (c) => c.json(batchJson(await batches.getBatch(ctxOf(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/payment-document-batches/{id}/pdf',
      tags,
      summary: 'PDF пакета: его документы в порядке доставки (улица, дом, квартира), по одной странице',
      request: { params: IdParam },
      responses: pdfResponse,
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk));
      const batch = await batches.writeBatchPdf(ctxOf(c), id, out);
      return c.body(new Uint8Array(Buffer.concat(chunks)), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="epd-${batch.period}-batch-${batch.id}.pdf"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/payment-documents/{id}/pdf',
      tags,
      summary: 'Повторная печать ЕПД из сохранённого снимка: те же байты, что при выпуске',
      request: { params: IdParam },
      responses: pdfResponse,
    }),
    async (c) => {
      const { document, pdf } = await reprintDocument(ctxOf(c), c.req.valid('param').id);
      const fileName = `epd-${document.period}-${document.accountId}-${document.kind}.pdf`;
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${fileName}"`,
      });
    },
  );
