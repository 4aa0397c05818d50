import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { ListQuery, ItemList, NewItem, Item, ErrorBody, listItems, createItem, issuesOf } from './schemas.mjs';

export function createApp() {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) return c.json({ error: 'validation', issues: issuesOf(result.error) }, 400);
    },
  });
  app.onError((err, c) => {
    if (err.status === 400) return c.json({ error: 'bad_request', issues: [{ path: [], message: err.message }] }, 400);
    return c.json({ error: 'internal', issues: [] }, 500);
  });
  const json = (schema, description) => ({ content: { 'application/json': { schema } }, description });
  app.openapi(
    createRoute({ method: 'get', path: '/api/v1/items', request: { query: ListQuery },
      responses: { 200: json(ItemList, 'A page of items'), 400: json(ErrorBody, 'Validation error') } }),
    (c) => c.json(listItems(c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({ method: 'post', path: '/api/v1/items', request: { body: { ...json(NewItem, 'New item'), required: true } },
      responses: { 201: json(Item, 'Created'), 400: json(ErrorBody, 'Validation error') } }),
    (c) => c.json(createItem(c.req.valid('json')), 201),
  );
  app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'bench', version: '1' } });
  return app;
}

export async function listen(port) {
  const { serve } = await import('@hono/node-server');
  const app = createApp();
  return new Promise((resolve) => { const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s)); });
}
