/** An API app on a test database with a manual clock and silent logs, plus request helpers. */
import { createApp } from '../../src/api/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { manualClock } from '../../src/services/context.js';
import { createTestDb, type TestDb } from './db.js';
import { demoPassword } from './engines.js';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export async function createTestApp(env: Record<string, string> = {}) {
  const db: TestDb = await createTestDb();
  const config: Config = loadConfig({ NODE_ENV: 'test', ...env });
  const clock = manualClock('2026-11-02T09:00:00Z');
  const app = createApp({ db, config, clock, logger: createLogger('silent') });

  /** A request with a JSON body (when given) and the session cookie of `as`. */
  async function call(
    method: string,
    path: string,
    options: { body?: unknown; cookie?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.cookie) headers.cookie = options.cookie;
    const res = await app.request(path, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await res.text();
    const json = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
    return { status: res.status, json, headers: res.headers, text };
  }

  /** Logs a demo user in; returns his cookie header. */
  async function login(loginName: string, password = demoPassword): Promise<string> {
    const res = await call('POST', '/api/v1/auth/login', { body: { login: loginName, password } });
    if (res.status !== 200) throw new Error(`login ${loginName} failed: ${res.status} ${res.text}`);
    const setCookie = res.headers.get('set-cookie')!;
    return setCookie.split(';')[0]!;
  }

  /** The id of a demo organisation by its name. */
  async function orgId(name: string): Promise<number> {
    const row = await db.maybeOne<{ id: number }>('select id from organisations where name = $1', [name]);
    if (!row) throw new Error(`no organisation ${name}`);
    return row.id;
  }

  async function userId(loginName: string): Promise<number> {
    const row = await db.maybeOne<{ id: number }>('select id from users where login = $1', [loginName]);
    if (!row) throw new Error(`no user ${loginName}`);
    return row.id;
  }

  return { app, db, config, clock, call, login, orgId, userId, dispose: () => db.dispose() };
}
