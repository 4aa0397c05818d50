/** POST /auth/login, POST /auth/logout, GET /auth/me. */
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { getMe, login, logout } from '../../services/auth.js';
import { SESSION_COOKIE } from '../auth-middleware.js';
import { ctxOf, newRouter } from '../env.js';
import { clientIp } from '../request-info.js';
import { commonErrors, ErrorSchema, json } from '../schemas.js';

export const MeSchema = z
  .object({
    id: z.number().int(),
    login: z.string(),
    fullName: z.string(),
    roles: z.array(z.string()),
    permissions: z.array(z.string()),
    organisation: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }),
  })
  .openapi('Me');

const LoginBody = z
  .object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) })
  .openapi('LoginRequest');

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['Доступ'],
  summary: 'Вход по логину и паролю: открывает сеанс (cookie zhkh_session)',
  security: [],
  request: { body: { required: true, content: { 'application/json': { schema: LoginBody } } } },
  responses: {
    200: json(z.object({ user: MeSchema }), 'Вход выполнен'),
    400: commonErrors[400],
    401: json(ErrorSchema, 'Неверный логин или пароль (invalid_credentials)'),
    429: json(
      ErrorSchema,
      'Слишком много попыток (too_many_attempts); details[0] — через сколько секунд повторить',
    ),
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['Доступ'],
  summary: 'Выход: закрывает сеанс',
  responses: { 204: { description: 'Сеанс закрыт' }, 401: commonErrors[401] },
});

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['Доступ'],
  summary: 'Текущий пользователь, его роли, права и организация',
  responses: { 200: json(z.object({ user: MeSchema }), 'Текущий пользователь'), 401: commonErrors[401] },
});

export const authRoutes = newRouter()
  .openapi(loginRoute, async (c) => {
    const deps = c.get('deps');
    const body = c.req.valid('json');
    const result = await login(deps, {
      login: body.login,
      password: body.password,
      ip: clientIp(c, deps.config.trustProxy),
      userAgent: c.req.header('user-agent') ?? null,
    });
    setCookie(c, SESSION_COOKIE, result.sessionSecret, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: deps.config.session.secureCookie,
      path: '/',
      expires: result.expiresAt,
    });
    return c.json({ user: result.me }, 200);
  })
  .openapi(logoutRoute, async (c) => {
    const sessionId = c.get('sessionId');
    const ctx = ctxOf(c);
    if (sessionId) await logout(c.get('deps'), sessionId, ctx.actor, ctx.requestId);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .openapi(meRoute, async (c) => {
    const ctx = ctxOf(c);
    return c.json({ user: await getMe(ctx.db, ctx.actor) }, 200);
  });
