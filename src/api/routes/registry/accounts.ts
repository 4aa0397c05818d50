/** Accounts: list and card, open, close, split, merge. */
import { createRoute, z } from '@hono/zod-openapi';
import { accountSortFields } from '../../../db/registry/account-search.js';
import { mergeAccounts, splitAccount } from '../../../services/registry/account-split-merge.js';
import * as service from '../../../services/registry/accounts.js';
import { ctxOf, newRouter } from '../../env.js';
import {
  commonErrors,
  conflictError,
  IdParam,
  json,
  listParams,
  pageOf,
  toListQuery,
} from '../../schemas.js';

const tags = ['Картотека: лицевые счета'];
const isoDate = z.iso.date();
const share = z
  .string()
  .regex(/^\d(\.\d{1,6})?$/, 'доля — десятичная дробь с точкой, до 6 знаков: 1, 0.5, 0.333333')
  .openapi({ example: '0.5' });
const payerKind = z.enum(['person', 'organisation']);

const Payer = z.object({
  payerKind: payerKind.default('person'),
  payerName: z.string().trim().min(1).max(300),
  payerOrganisationId: z.number().int().positive().nullable().optional(),
});

const AccountSchema = z
  .object({
    id: z.number().int(),
    number: z.string().openapi({ example: '0000000422' }),
    externalId: z.string().nullable(),
    premise: z.object({
      id: z.number().int(),
      number: z.string(),
      kind: z.enum(['flat', 'room', 'non_residential']),
      label: z.string(),
    }),
    house: z.object({ id: z.number().int(), address: z.string() }),
    settlementCentreId: z.number().int(),
    payerKind,
    payerName: z.string(),
    payerOrganisationId: z.number().int().nullable(),
    areaShare: z.string(),
    openedOn: z.string(),
    closedOn: z.string().nullable(),
    status: z.enum(['open', 'closed']),
    closeReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Account');

const Link = z.object({
  id: z.number().int(),
  number: z.string(),
  payerName: z.string(),
  kind: z.enum(['split', 'merge']),
  onDate: z.string(),
});
const CardSchema = AccountSchema.extend({ predecessors: z.array(Link), successors: z.array(Link) }).openapi(
  'AccountCard',
);

const toJson = <T extends service.Account>(a: T) => ({ ...a, createdAt: a.createdAt.toISOString() });
const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const cardResponse = (description: string) => json(CardSchema, description);

export const accountRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/accounts',
      tags,
      summary: `Лицевые счета в области видимости. Сортировка: ${Object.keys(accountSortFields).join(', ')}`,
      request: {
        query: z.object({
          ...listParams,
          q: z.string().trim().min(1).max(200).optional().openapi({
            description:
              'Начало номера счёта, или слова адреса и имени плательщика (каждое слово — начало слова): «Ленина 5 12»',
          }),
          houseId: z.coerce.number().int().positive().optional(),
          premiseId: z.coerce.number().int().positive().optional(),
          status: z.enum(['open', 'closed']).optional(),
        }),
      },
      responses: { 200: json(pageOf(AccountSchema, 'AccountPage'), 'Страница счетов'), ...commonErrors },
    }),
    async (c) => {
      const { page, pageSize, sort, ...filter } = c.req.valid('query');
      const result = await service.listAccounts(
        ctxOf(c),
        filter,
        toListQuery({ page, pageSize, sort }, accountSortFields),
      );
      return c.json({ ...result, items: result.items.map(toJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/accounts/{id}',
      tags,
      summary:
        'Карточка лицевого счёта: помещение, адрес, предшественники и преемники (разделение, объединение)',
      request: { params: IdParam },
      responses: { 200: cardResponse('Лицевой счёт'), ...commonErrors },
    }),
    async (c) => c.json(toJson(await service.getAccount(ctxOf(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/premises/{id}/accounts',
      tags,
      summary:
        'Открыть лицевой счёт на помещение: номер выдаётся с контрольной цифрой; доли счетов помещения в сумме не больше 1',
      request: {
        params: IdParam,
        body: body(Payer.extend({ areaShare: share.default('1'), openedOn: isoDate.optional() })),
      },
      responses: { 201: json(AccountSchema, 'Открыт'), ...commonErrors },
    }),
    async (c) =>
      c.json(toJson(await service.openAccount(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/accounts/{id}/close',
      tags,
      summary: 'Закрыть лицевой счёт: closedOn — последний день счёта',
      request: {
        params: IdParam,
        body: body(z.object({ closedOn: isoDate, reason: z.string().trim().min(1).max(500) })),
      },
      responses: { 200: json(AccountSchema, 'Закрыт'), ...commonErrors, ...conflictError },
    }),
    async (c) =>
      c.json(toJson(await service.closeAccount(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/accounts/{id}/split',
      tags,
      summary:
        'Разделить счёт с даты on: он закрывается накануне, открываются новые; их доли в сумме равны доле счёта',
      request: {
        params: IdParam,
        body: body(
          z.object({
            on: isoDate,
            parts: z
              .array(Payer.extend({ areaShare: share }))
              .min(2)
              .max(20),
          }),
        ),
      },
      responses: { 201: cardResponse('Разделённый счёт с преемниками'), ...commonErrors, ...conflictError },
    }),
    async (c) =>
      c.json(toJson(await splitAccount(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/accounts/merge',
      tags,
      summary:
        'Объединить открытые счета одного помещения с даты on: они закрываются накануне, новый счёт получает сумму их долей',
      request: {
        body: body(
          Payer.extend({ accountIds: z.array(z.number().int().positive()).min(2).max(20), on: isoDate }),
        ),
      },
      responses: { 201: cardResponse('Новый счёт с предшественниками'), ...commonErrors },
    }),
    async (c) => c.json(toJson(await mergeAccounts(ctxOf(c), c.req.valid('json'))), 201),
  );
