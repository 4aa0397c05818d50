/** GET /search?q=: the global search box. */
import { createRoute, z } from '@hono/zod-openapi';
import { globalSearch } from '../../services/search.js';
import { ctxOf, newRouter } from '../env.js';
import { commonErrors, json } from '../schemas.js';

const Hit = z
  .object({
    kind: z.string(),
    id: z.number().int(),
    title: z.string(),
    subtitle: z.string(),
    href: z.string(),
  })
  .openapi('SearchHit');

export const searchRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/search',
    tags: ['Поиск'],
    summary: 'Глобальный поиск по всем объектам, доступным пользователю',
    request: { query: z.object({ q: z.string().trim().min(2, 'не короче 2 знаков').max(100) }) },
    responses: { 200: json(z.object({ items: z.array(Hit) }), 'Найдено'), ...commonErrors },
  }),
  async (c) => c.json({ items: await globalSearch(ctxOf(c), c.req.valid('query').q) }, 200),
);
