/** Schemas shared by the routes: the error body, list parameters and pages, ids. */
import { z } from '@hono/zod-openapi';
import { ru } from 'zod/locales';
import type { ListQuery } from '../db/list.js';
import { parseSort } from '../db/list.js';
import { errorCodes } from '../domain/errors.js';

// Validation problems reach operators word for word: Russian messages from zod's own locale.
z.config(ru());

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), problem: z.string() })),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

/** The error responses every authenticated route may give. */
export const commonErrors = {
  400: errorResponse('Некорректные данные (validation_failed, bad_request)'),
  401: errorResponse('Не выполнен вход (unauthenticated, session_expired)'),
  403: errorResponse('Недостаточно прав (forbidden)'),
  404: errorResponse('Не найдено или вне области видимости организации (not_found)'),
  500: errorResponse('Внутренняя ошибка (internal)'),
} as const;
export const conflictError = { 409: errorResponse('Конфликт (conflict)') } as const;

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

/** page, pageSize and sort, the same on every list. */
export const listParams = {
  page: z.coerce.number().int().min(1).default(1).openapi({ description: 'Номер страницы, с 1' }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(50)
    .openapi({ description: 'Строк на странице, до 500' }),
  sort: z
    .string()
    .regex(/^-?[a-zA-Z]+(,-?[a-zA-Z]+)*$/, 'поля через запятую, минус — по убыванию')
    .optional()
    .openapi({
      description: 'Поля сортировки через запятую; «-» перед полем — по убыванию',
      example: '-createdAt',
    }),
};

/** The list parameters of a request, with the sort checked against the fields the list allows. */
export function toListQuery(
  q: { page: number; pageSize: number; sort?: string | undefined },
  sortFields: Readonly<Record<string, string>>,
): ListQuery {
  return { page: q.page, pageSize: q.pageSize, sort: parseSort(q.sort, sortFields) };
}

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
      totalCapped: z
        .boolean()
        .optional()
        .describe(
          'true: the list counts its matches only up to `total`, and there are more (narrow it down)',
        ),
    })
    .openapi(name);
}

/** Query flags as text: "true"/"false". */
export const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
