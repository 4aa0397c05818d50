/**
 * Builds the HTTP application: request ids and JSON logs, authentication, the /api/v1 routes, the
 * OpenAPI document and its interactive docs, one error format, and the operator web app.
 * Tests call `createApp(deps).request(...)` without a server.
 */
import crypto from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../domain/errors.js';
import { describeError } from '../logger.js';
import { authenticate } from './auth-middleware.js';
import { docsRoutes } from './docs.js';
import type { AppDeps, AppEnv } from './env.js';
import { errorBody, httpStatusOf } from './errors.js';
import { auditRoutes } from './routes/audit.js';
import { meterRoutes } from './routes/meters.js';
import { authRoutes } from './routes/auth.js';
import { billingRoutes } from './routes/billing.js';
import { organisationRoutes } from './routes/organisations.js';
import { accountRoutes } from './routes/registry/accounts.js';
import { houseRoutes } from './routes/registry/houses.js';
import { IMPORT_PATH, importRoutes } from './routes/registry/import.js';
import { penaltyRoutes } from './routes/finance/penalties.js';
import { paymentRoutes } from './routes/finance/payments.js';
import { balanceRoutes } from './routes/finance/balances.js';
import { epdRoutes } from './routes/epd.js';
import { remittanceRoutes } from './routes/finance/remittance.js';
import { legalParameterRoutes } from './routes/registry/legal-parameters.js';
import { normRoutes } from './routes/registry/norms.js';
import { premiseRoutes } from './routes/registry/premises.js';
import { serviceRoutes } from './routes/registry/services.js';
import { tariffRoutes } from './routes/registry/tariffs.js';
import { roleRoutes } from './routes/roles.js';
import { residentRoutes } from './routes/residents/index.js';
import { searchRoutes } from './routes/search.js';
import { userRoutes } from './routes/users.js';
import { serveWebApp } from './web.js';

const REQUEST_ID = /^[\w.:-]{1,100}$/;
const API_BODY_LIMIT = 1024 * 1024;
/** The routes that take a whole file as the body: the legacy import, readings files, banks' payment registries. */
const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;
const FILE_PATHS = new Set([IMPORT_PATH, '/api/v1/readings/import', '/api/v1/finance/payment-registries']);

/** Any thrown value as a DomainError; unexpected ones become `internal` without their text. */
function toDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new DomainError('payload_too_large', 'Слишком большой запрос');
    if (err.status === 400) return new DomainError('bad_request', `Некорректный запрос: ${err.message}`);
  }
  return new DomainError('internal', 'Внутренняя ошибка сервера; сообщите администратору номер запроса');
}

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();

  app.use('*', async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('deps', deps);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    if (c.req.path.startsWith('/api/')) {
      deps.logger.info('request', {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        userId: c.get('actor')?.userId,
      });
    }
  });

  app.onError((err, c) => {
    const e = toDomainError(err);
    const requestId = c.get('requestId') ?? 'unknown';
    if (e.code === 'internal')
      deps.logger.error('unhandled error', { requestId, path: c.req.path, error: describeError(err) });
    if (e.code === 'too_many_attempts') {
      const retry = e.details.find((d) => d.field === 'retryAfterSeconds');
      if (retry) c.header('Retry-After', retry.problem);
    }
    return c.json(errorBody(e, requestId), httpStatusOf[e.code]);
  });

  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new HTTPException(413);
      },
    });
  const [apiLimit, importLimit] = [limit(API_BODY_LIMIT), limit(IMPORT_BODY_LIMIT)];
  app.use('/api/*', (c, next) => (FILE_PATHS.has(c.req.path) ? importLimit : apiLimit)(c, next));
  app.use('/api/v1/*', authenticate);

  app.get('/api/v1/health', async (c) => {
    await deps.db.query('select 1');
    return c.json({ status: 'ok', engine: deps.db.engine });
  });
  for (const routes of [
    authRoutes,
    userRoutes,
    organisationRoutes,
    houseRoutes,
    premiseRoutes,
    accountRoutes,
    serviceRoutes,
    tariffRoutes,
    normRoutes,
    legalParameterRoutes,
    auditRoutes,
    roleRoutes,
    searchRoutes,
    importRoutes,
    billingRoutes,
    residentRoutes,
    meterRoutes,
    penaltyRoutes,
    paymentRoutes,
    balanceRoutes,
    epdRoutes,
    remittanceRoutes,
  ]) {
    app.route('/api/v1', routes);
  }

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'zhkh_session',
    description: 'Сеанс веб-приложения: cookie, выдаётся POST /api/v1/auth/login',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'http',
    scheme: 'bearer',
    description: 'API-токен машинного клиента (банк, терминал): Authorization: Bearer zhkh_…',
  });
  app.doc('/api/v1/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'ЖКХ-Биллинг API',
      version: '1',
      description:
        'Ошибки: { "error": { "code", "message", "details": [{ "field", "problem" }], "requestId" } }. ' +
        'Списки: page, pageSize, sort=поле,-поле и фильтры; ответ { items, page, pageSize, total }.',
    },
    security: [{ session: [] }, { token: [] }],
  });
  app.route('/api/docs', docsRoutes());

  app.all('/api/*', (c) => {
    throw new DomainError('not_found', `Нет такого метода API: ${c.req.method} ${c.req.path}`);
  });
  serveWebApp(app);
  return app;
}
