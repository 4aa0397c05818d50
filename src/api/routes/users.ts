/** Users administration: list, read, create, change; API tokens of a user. */
import { createRoute, z } from '@hono/zod-openapi';
import { userSortFields } from '../../db/users.js';
import { roleCodes } from '../../domain/access.js';
import * as service from '../../services/users.js';
import { ctxOf, newRouter } from '../env.js';
import {
  boolQuery,
  commonErrors,
  conflictError,
  IdParam,
  json,
  listParams,
  pageOf,
  toListQuery,
} from '../schemas.js';

const Role = z.enum(roleCodes);

export const UserSchema = z
  .object({
    id: z.number().int(),
    login: z.string(),
    fullName: z.string(),
    email: z.string().nullable(),
    roles: z.array(Role),
    organisationId: z.number().int(),
    organisationName: z.string(),
    isActive: z.boolean(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    lastLoginAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('User');

const toJson = (u: service.User) => ({
  ...u,
  createdAt: u.createdAt.toISOString(),
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
});

const ListQuery = z.object({
  ...listParams,
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'Часть логина или ФИО' }),
  organisationId: z.coerce.number().int().positive().optional(),
  role: Role.optional(),
  isActive: boolQuery.optional(),
});

const CreateBody = z
  .object({
    login: z
      .string()
      .trim()
      .regex(/^[a-zA-Z0-9._@-]{2,64}$/, 'латинские буквы, цифры и . _ @ -, от 2 до 64 знаков'),
    fullName: z.string().trim().min(1).max(200),
    email: z.email().nullable().optional(),
    password: z.string().min(1).max(256),
    roles: z.array(Role).min(1),
    organisationId: z.number().int().positive(),
  })
  .openapi('UserCreate');

const UpdateBody = z
  .object({
    fullName: z.string().trim().min(1).max(200).optional(),
    email: z.email().nullable().optional(),
    roles: z.array(Role).min(1).optional(),
    isActive: z.boolean().optional(),
    password: z.string().min(1).max(256).optional(),
  })
  .openapi('UserUpdate');

const TokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

const tokenJson = (t: service.ApiToken) => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

const tags = ['Пользователи'];
const TokenParams = IdParam.extend({
  tokenId: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'tokenId', in: 'path' } }),
});

export const userRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags,
      summary: `Пользователи организаций в области видимости. Сортировка: ${Object.keys(userSortFields).join(', ')}`,
      request: { query: ListQuery },
      responses: { 200: json(pageOf(UserSchema, 'UserPage'), 'Страница пользователей'), ...commonErrors },
    }),
    async (c) => {
      const { page, pageSize, sort, ...filter } = c.req.valid('query');
      const result = await service.listUsers(
        ctxOf(c),
        filter,
        toListQuery({ page, pageSize, sort }, userSortFields),
      );
      return c.json({ ...result, items: result.items.map(toJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/users/{id}',
      tags,
      summary: 'Пользователь',
      request: { params: IdParam },
      responses: { 200: json(UserSchema, 'Пользователь'), ...commonErrors },
    }),
    async (c) => c.json(toJson(await service.getUser(ctxOf(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users',
      tags,
      summary: 'Создать пользователя (пароль не короче 8 знаков)',
      request: { body: { required: true, content: { 'application/json': { schema: CreateBody } } } },
      responses: { 201: json(UserSchema, 'Создан'), ...commonErrors, ...conflictError },
    }),
    async (c) => c.json(toJson(await service.createUser(ctxOf(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      tags,
      summary: 'Изменить пользователя; новый пароль или отключение закрывают его сеансы',
      request: {
        params: IdParam,
        body: { required: true, content: { 'application/json': { schema: UpdateBody } } },
      },
      responses: { 200: json(UserSchema, 'Изменён'), ...commonErrors },
    }),
    async (c) =>
      c.json(toJson(await service.updateUser(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/users/{id}/tokens',
      tags,
      summary: 'API-токены пользователя (машинный доступ)',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(TokenSchema) }), 'Токены'), ...commonErrors },
    }),
    async (c) =>
      c.json({ items: (await service.listTokens(ctxOf(c), c.req.valid('param').id)).map(tokenJson) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/tokens',
      tags,
      summary: 'Выпустить API-токен; секрет показывается один раз',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                name: z.string().trim().min(1).max(100),
                expiresAt: z.iso.datetime({ offset: true }).optional(),
              }),
            },
          },
        },
      },
      responses: {
        201: json(z.object({ token: TokenSchema, secret: z.string() }), 'Выпущен'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { token, secret } = await service.createToken(ctxOf(c), c.req.valid('param').id, {
        name: body.name,
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined,
      });
      return c.json({ token: tokenJson(token), secret }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/users/{id}/tokens/{tokenId}',
      tags,
      summary: 'Отозвать API-токен',
      request: { params: TokenParams },
      responses: { 204: { description: 'Отозван' }, ...commonErrors },
    }),
    async (c) => {
      const { id, tokenId } = c.req.valid('param');
      await service.revokeToken(ctxOf(c), id, tokenId);
      return c.body(null, 204);
    },
  );
