/** Organisations in the actor's scope: list, read, register. */
import { createRoute, z } from '@hono/zod-openapi';
import { organisationSortFields } from '../../db/organisations.js';
import { organisationKinds } from '../../domain/access.js';
import * as service from '../../services/organisations.js';
import { ctxOf, newRouter } from '../env.js';
import { commonErrors, IdParam, json, listParams, pageOf, toListQuery } from '../schemas.js';

const Kind = z.enum(organisationKinds);

export const OrganisationSchema = z
  .object({
    id: z.number().int(),
    kind: Kind,
    name: z.string(),
    shortName: z.string().nullable(),
    inn: z.string(),
    kpp: z.string().nullable(),
    ogrn: z.string().nullable(),
    settlementCentreId: z.number().int().nullable(),
    externalId: z.string().nullable(),
    legalAddress: z.string().nullable(),
    postalAddress: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    director: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Organisation');

const toJson = (o: service.Organisation) => ({ ...o, createdAt: o.createdAt.toISOString() });

const text = (max: number) => z.string().trim().min(1).max(max).nullable();

const Details = z.object({
  name: z.string().trim().min(1).max(300),
  shortName: text(100).default(null),
  // the check digits are verified by the service, which names the field
  inn: z.string().regex(/^\d{10}(\d{2})?$/, 'ИНН: 10 цифр у организации, 12 у предпринимателя'),
  kpp: text(9).default(null),
  ogrn: text(15).default(null),
  externalId: text(100).default(null),
  legalAddress: text(500).default(null),
  postalAddress: text(500).default(null),
  phone: text(50).default(null),
  email: z.email().nullable().default(null),
  director: text(200).default(null),
});

const CreateBody = Details.extend({ kind: Kind }).openapi('OrganisationCreate');

const BankAccountSchema = z
  .object({
    id: z.number().int(),
    organisationId: z.number().int(),
    account: z.string(),
    bik: z.string(),
    bankName: z.string(),
    correspondentAccount: z.string().nullable(),
    isPrimary: z.boolean(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
  })
  .openapi('BankAccount');

const BankAccountBody = z
  .object({
    account: z.string().regex(/^\d{20}$/, '20 цифр'),
    bik: z.string().regex(/^\d{9}$/, '9 цифр'),
    bankName: z.string().trim().min(1).max(300),
    correspondentAccount: z
      .string()
      .regex(/^\d{20}$/, '20 цифр')
      .nullable()
      .default(null),
    isPrimary: z.boolean().default(true),
    validFrom: z.iso.date(),
  })
  .openapi('BankAccountCreate');

const tags = ['Организации'];

export const organisationRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisations',
      tags,
      summary: `Организации в области видимости. Сортировка: ${Object.keys(organisationSortFields).join(', ')}`,
      request: {
        query: z.object({
          ...listParams,
          q: z.string().trim().min(1).max(100).optional(),
          kind: Kind.optional(),
        }),
      },
      responses: {
        200: json(pageOf(OrganisationSchema, 'OrganisationPage'), 'Страница организаций'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { page, pageSize, sort, ...filter } = c.req.valid('query');
      const result = await service.listOrganisations(
        ctxOf(c),
        filter,
        toListQuery({ page, pageSize, sort }, organisationSortFields),
      );
      return c.json({ ...result, items: result.items.map(toJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisations/{id}',
      tags,
      summary: 'Организация',
      request: { params: IdParam },
      responses: { 200: json(OrganisationSchema, 'Организация'), ...commonErrors },
    }),
    async (c) => c.json(toJson(await service.getOrganisation(ctxOf(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organisations',
      tags,
      summary: 'Зарегистрировать обслуживаемую организацию (только расчётный центр)',
      request: { body: { required: true, content: { 'application/json': { schema: CreateBody } } } },
      responses: { 201: json(OrganisationSchema, 'Зарегистрирована'), ...commonErrors },
    }),
    async (c) => c.json(toJson(await service.createOrganisation(ctxOf(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/organisations/{id}',
      tags,
      summary: 'Изменить реквизиты, адреса, контакты (контрольные цифры ИНН и ОГРН проверяются)',
      request: {
        params: IdParam,
        body: { required: true, content: { 'application/json': { schema: Details.partial().strict() } } },
      },
      responses: { 200: json(OrganisationSchema, 'Изменена'), ...commonErrors },
    }),
    async (c) => {
      // .partial() still fills defaults: take only the fields the client sent
      const sent = Object.keys((await c.req.json()) as object);
      const body = c.req.valid('json') as Record<string, unknown>;
      const changes = Object.fromEntries(sent.map((k) => [k, body[k]]));
      return c.json(
        toJson(await service.updateOrganisation(ctxOf(c), c.req.valid('param').id, changes)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisations/{id}/bank-accounts',
      tags,
      summary: 'Банковские счета организации',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(BankAccountSchema) }), 'Счета'), ...commonErrors },
    }),
    async (c) => c.json({ items: await service.listBankAccounts(ctxOf(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organisations/{id}/bank-accounts',
      tags,
      summary: 'Добавить банковский счёт (ключ счёта проверяется по БИК)',
      request: {
        params: IdParam,
        body: { required: true, content: { 'application/json': { schema: BankAccountBody } } },
      },
      responses: { 201: json(BankAccountSchema, 'Добавлен'), ...commonErrors },
    }),
    async (c) =>
      c.json(await service.addBankAccount(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
