/** The registration office: persons, registrations, owners, absences, residents counts and documents. */
import { createRoute, z } from '@hono/zod-openapi';
import { personSortFields } from '../../../db/residents/persons.js';
import * as absences from '../../../services/residents/absences.js';
import { accountResidentsCount } from '../../../services/residents/count.js';
import * as documents from '../../../services/residents/documents.js';
import * as ownerships from '../../../services/residents/ownerships.js';
import * as persons from '../../../services/residents/persons.js';
import * as registrations from '../../../services/residents/registrations.js';
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
import {
  AbsenceInput,
  AbsenceSchema,
  DeregistrationInput,
  IdentityDocumentInput,
  IdentityDocumentSchema,
  isoDate,
  IssuedDocumentSchema,
  IssueInput,
  jsonify,
  OwnershipInput,
  OwnershipSchema,
  PersonCardSchema,
  PersonFields,
  PersonPatch,
  PersonSchema,
  RegistrationInput,
  RegistrationSchema,
  ResidentsCountSchema,
} from './schemas.js';

const tags = ['Паспортный стол'];
const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const errors = { ...commonErrors, ...conflictError };

const AccountResidentsSchema = z
  .object({
    accountId: z.number().int(),
    onDate: z.string(),
    count: z.number().int(),
    registrations: z.array(RegistrationSchema),
  })
  .openapi('AccountResidents');

export const residentRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/persons',
      tags,
      summary: `Поиск людей по ФИО (начала слов) и дате рождения. Сортировка: ${Object.keys(personSortFields).join(', ')}`,
      request: {
        query: z.object({
          ...listParams,
          name: z.string().trim().max(200).optional().openapi({ example: 'Иван Пет' }),
          birthDate: isoDate.optional(),
        }),
      },
      responses: { 200: json(pageOf(PersonSchema, 'PersonPage'), 'Страница людей'), ...commonErrors },
    }),
    async (c) => {
      const { page, pageSize, sort, ...filter } = c.req.valid('query');
      const result = await persons.listPersons(
        ctxOf(c),
        filter,
        toListQuery({ page, pageSize, sort }, personSortFields),
      );
      return c.json(jsonify(result), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/persons',
      tags,
      summary: 'Завести карточку человека (СНИЛС проверяется по контрольному числу), с документом',
      request: { body: body(PersonFields.extend({ document: IdentityDocumentInput.optional() })) },
      responses: { 201: json(PersonSchema, 'Заведена'), ...errors },
    }),
    async (c) => c.json(jsonify(await persons.createPerson(ctxOf(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/persons/{id}',
      tags,
      summary: 'Карточка человека: документы, регистрации, отсутствия. Каждое чтение пишется в журнал аудита',
      request: { params: IdParam },
      responses: { 200: json(PersonCardSchema, 'Карточка'), ...commonErrors },
    }),
    async (c) => c.json(jsonify(await persons.getPersonCard(ctxOf(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/persons/{id}',
      tags,
      summary: 'Изменить данные человека',
      request: { params: IdParam, body: body(PersonPatch) },
      responses: { 200: json(PersonSchema, 'Изменено'), ...errors },
    }),
    async (c) =>
      c.json(
        jsonify(await persons.updatePerson(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/persons/{id}/identity-documents',
      tags,
      summary: 'Новый документ, удостоверяющий личность (прежний того же вида помечается заменённым)',
      request: { params: IdParam, body: body(IdentityDocumentInput) },
      responses: { 201: json(z.array(IdentityDocumentSchema), 'Документы человека'), ...errors },
    }),
    async (c) =>
      c.json(await persons.addIdentityDocument(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/accounts/{id}/residents',
      tags,
      summary: 'Зарегистрированные по лицевому счёту (вся история) и их число на дату',
      request: { params: IdParam, query: z.object({ onDate: isoDate.optional() }) },
      responses: { 200: json(AccountResidentsSchema, 'Жильцы'), ...commonErrors },
    }),
    async (c) => {
      const r = await registrations.listAccountResidents(
        ctxOf(c),
        c.req.valid('param').id,
        c.req.valid('query').onDate,
      );
      return c.json(jsonify(r), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/accounts/{id}/registrations',
      tags,
      summary: 'Зарегистрировать человека (по месту жительства или пребывания); пересечения отклоняются',
      request: { params: IdParam, body: body(RegistrationInput) },
      responses: { 201: json(RegistrationSchema, 'Зарегистрирован'), ...errors },
    }),
    async (c) => {
      const r = await registrations.registerPerson(ctxOf(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(jsonify(r), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/registrations/{id}/deregistration',
      tags,
      summary: 'Снять с регистрационного учёта: причина, куда выбыл',
      request: { params: IdParam, body: body(DeregistrationInput) },
      responses: { 200: json(RegistrationSchema, 'Снят с учёта'), ...errors },
    }),
    async (c) => {
      const r = await registrations.deregister(ctxOf(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(jsonify(r), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/accounts/{id}/residents-count',
      tags,
      summary:
        'Число проживающих за период: по дням, взвешенное по дням (точная дробь) и по услугам с учётом отсутствия',
      request: {
        params: IdParam,
        query: z.object({
          period: z
            .string()
            .regex(/^\d{4}-\d{2}$/, 'период ГГГГ-ММ')
            .openapi({ example: '2026-11' }),
        }),
      },
      responses: { 200: json(ResidentsCountSchema, 'Число проживающих'), ...commonErrors },
    }),
    async (c) =>
      c.json(
        await accountResidentsCount(ctxOf(c), c.req.valid('param').id, c.req.valid('query').period),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/accounts/{id}/absences',
      tags,
      summary: 'Временные отсутствия по лицевому счёту',
      request: { params: IdParam },
      responses: { 200: json(z.array(AbsenceSchema), 'Отсутствия'), ...commonErrors },
    }),
    async (c) => c.json(jsonify(await absences.listAbsences(ctxOf(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/accounts/{id}/absences',
      tags,
      summary:
        'Записать временное отсутствие: принимается, если полных дней больше 5 (дни отъезда и приезда не считаются)',
      request: { params: IdParam, body: body(AbsenceInput) },
      responses: { 201: json(AbsenceSchema, 'Записано с решением'), ...errors },
    }),
    async (c) => {
      const a = await absences.recordAbsence(ctxOf(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(jsonify(a), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/premises/{id}/ownerships',
      tags,
      summary: 'Собственники помещения с долями (история)',
      request: { params: IdParam },
      responses: { 200: json(z.array(OwnershipSchema), 'Собственники'), ...commonErrors },
    }),
    async (c) => c.json(await ownerships.listOwnerships(ctxOf(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/premises/{id}/ownerships',
      tags,
      summary:
        'Новый собственник с долей (сумма долей на любую дату не больше 1); прежние права можно закончить',
      request: { params: IdParam, body: body(OwnershipInput) },
      responses: { 201: json(z.array(OwnershipSchema), 'Собственники'), ...errors },
    }),
    async (c) =>
      c.json(await ownerships.addOwnership(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/accounts/{id}/documents',
      tags,
      summary: 'Выданные документы по лицевому счёту',
      request: { params: IdParam },
      responses: { 200: json(z.array(IssuedDocumentSchema), 'Документы'), ...commonErrors },
    }),
    async (c) => c.json(jsonify(await documents.listDocuments(ctxOf(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/accounts/{id}/documents',
      tags,
      summary:
        'Выдать документ (выписка из домовой книги, поквартирная карточка, справка о регистрации): номер и запись',
      request: { params: IdParam, body: body(IssueInput) },
      responses: { 201: json(IssuedDocumentSchema, 'Выдан'), ...errors },
    }),
    async (c) => {
      const d = await documents.issueDocument(ctxOf(c), {
        ...c.req.valid('json'),
        accountId: c.req.valid('param').id,
      });
      return c.json(jsonify(d), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/documents/{id}/pdf',
      tags,
      summary: 'PDF выданного документа (тот же документ — те же байты); чтение пишется в журнал аудита',
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
      const { fileName, pdf } = await documents.documentPdf(ctxOf(c), c.req.valid('param').id);
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${fileName}"`,
      });
    },
  );
