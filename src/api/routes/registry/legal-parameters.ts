/** Legal parameters: values in force on a date with their sources, history of a code, a new version. */
import { createRoute, z } from '@hono/zod-openapi';
import { legalParameterKinds } from '../../../domain/registry/legal-parameter-catalogue.js';
import type { IsoDate } from '../../../domain/period.js';
import * as service from '../../../services/registry/legal-parameters.js';
import { ctxOf, newRouter } from '../../env.js';
import { commonErrors, json } from '../../schemas.js';

const tags = ['Картотека: параметры законодательства'];
const isoDate = z.iso.date();
const code = z.string().regex(/^[a-z][a-z0-9_.]{0,99}$/, 'код параметра: increasing_coefficient');

const VersionSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    kind: z.enum(legalParameterKinds),
    value: z.string().openapi({ description: 'Текст: десятичное число, целое, true/false или JSON' }),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    source: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('LegalParameterVersion');

const toJson = (p: service.LegalParameter) => ({ ...p, createdAt: p.createdAt.toISOString() });

export const legalParameterRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/legal-parameters',
      tags,
      summary: 'Параметры каталога и их значения на дату (по умолчанию сегодня) с источником',
      request: { query: z.object({ onDate: isoDate.optional() }) },
      responses: {
        200: json(
          z.object({
            onDate: z.string(),
            items: z.array(
              z.object({
                code: z.string(),
                meaning: z.string(),
                kind: z.enum(legalParameterKinds),
                choices: z.array(z.string()).nullable(),
                version: VersionSchema.nullable(),
              }),
            ),
          }),
          'Параметры',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { onDate } = c.req.valid('query');
      const result = await service.listLegalParameters(ctxOf(c), onDate as IsoDate | undefined);
      return c.json(
        {
          onDate: result.onDate,
          items: result.items.map((i) => ({ ...i, version: i.version && toJson(i.version) })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/legal-parameters/{code}/history',
      tags,
      summary: 'Все версии параметра',
      request: { params: z.object({ code: code.openapi({ param: { name: 'code', in: 'path' } }) }) },
      responses: {
        200: json(z.object({ items: z.array(VersionSchema) }), 'Версии по дате'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const items = await service.legalParameterHistory(ctxOf(c), c.req.valid('param').code);
      return c.json({ items: items.map(toJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/legal-parameters',
      tags,
      summary:
        'Новая версия параметра (расчётный центр): значение по виду из каталога (десятичное — строкой); ' +
        'изменение задним числом записывается для перерасчёта',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                code,
                value: z.unknown().openapi({
                  description: 'decimal — строка "1.5"; integer — число; boolean; json — значение',
                }),
                validFrom: isoDate,
                validTo: isoDate.nullable().optional(),
                source: z.string().trim().min(1).max(500),
                note: z.string().trim().max(1000).nullable().optional(),
              }),
            },
          },
        },
      },
      responses: { 201: json(VersionSchema, 'Создана'), ...commonErrors },
    }),
    async (c) => c.json(toJson(await service.setLegalParameter(ctxOf(c), c.req.valid('json'))), 201),
  );
