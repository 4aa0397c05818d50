import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import { validatorCompiler, serializerCompiler, jsonSchemaTransform, jsonSchemaTransformObject,
  hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ListQuery, ItemList, NewItem, Item, ErrorBody, listItems, createItem } from './schemas.mjs';

// checkResponses=false swaps the zod response serializer for plain JSON.stringify (no response validation, like Hono).
export async function createApp({ checkResponses = true } = {}) {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(checkResponses ? serializerCompiler : () => (data) => JSON.stringify(data));
  await app.register(swagger, {
    openapi: { openapi: '3.1.0', info: { title: 'bench', version: '1' } },
    transform: jsonSchemaTransform, transformObject: jsonSchemaTransformObject,
  });
  app.setErrorHandler((err, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err))
      return reply.code(400).send({ error: 'validation',
        issues: err.validation.map((v) => ({ path: v.instancePath.split('/').slice(1), message: v.message })) });
    if (err.statusCode === 400) return reply.code(400).send({ error: 'bad_request', issues: [{ path: [], message: err.message }] });
    reply.send(err);
  });
  const r = app.withTypeProvider();
  r.get('/api/v1/items', { schema: { querystring: ListQuery, response: { 200: ItemList, 400: ErrorBody } } },
    async (req) => listItems(req.query));
  r.post('/api/v1/items', { schema: { body: NewItem, response: { 201: Item, 400: ErrorBody } } },
    async (req, reply) => reply.code(201).send(createItem(req.body)));
  r.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}

export async function listen(port, opts) {
  const app = await createApp(opts);
  await app.listen({ port, host: '127.0.0.1' });
  return app;
}
