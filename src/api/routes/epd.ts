/**
 * Payment documents (ЕПД; docs/epd.md "Stored documents"): the account's issued bills and the reprint of one
 * from its stored snapshot (the same bytes as first issued). Money in kopecks.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { epdKinds } from '../../domain/epd/snapshot.js';
import { listAccountDocuments, reprintDocument } from '../../services/epd/documents.js';
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
      return c.json(
        {
          items: items.map(({ settlementCentreId: _centre, ...d }) => ({
            ...d,
            createdAt: d.createdAt.toISOString(),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/payment-documents/{id}/pdf',
      tags,
      summary: 'Повторная печать ЕПД из сохранённого снимка: те же байты, что при выпуске',
      request: { params: IdParam },
      responses: {
        200: {
          description: 'PDF',
          content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...commonErrors,
      },
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
