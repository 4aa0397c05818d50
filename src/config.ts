/**
 * The only place that reads process.env. Every setting is parsed and checked here once, with its
 * default and meaning; the rest of the code receives the frozen `Config` object.
 * The README's configuration table lists the same keys.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = z.coerce.number().int().positive();

const schema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'])
    .default('development')
    .describe('development: demo data and demo passwords allowed; production: no secret has a default'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port'),
  HOST: z.string().min(1).default('0.0.0.0').describe('address the HTTP server listens on'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .describe('PostgreSQL server; when absent the embedded database (PGlite) is used'),
  ZHKH_DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .describe('folder of the embedded database (memory:// keeps it in RAM)'),
  ZHKH_DEMO: bool.optional().describe('load the demo town on first start (default: true unless production)'),
  ZHKH_DEMO_PASSWORD: z
    .string()
    .min(4)
    .optional()
    .describe('password of the demo users (default "demo" unless production)'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info').describe('JSON log level'),
  SESSION_IDLE_MINUTES: positiveInt.default(480).describe('a web session ends after this idle time'),
  SESSION_MAX_HOURS: positiveInt.default(24).describe('a web session ends this long after login'),
  LOGIN_MAX_FAILURES: positiveInt.default(5).describe('failed logins per login name before a lock'),
  LOGIN_LOCK_MINUTES: positiveInt.default(15).describe('the window and the lock time of login throttling'),
  TRUST_PROXY: bool.default(false).describe('take the client address from X-Forwarded-For'),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: { enabled: boolean; password: string | undefined };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  session: { idleMinutes: number; maxHours: number; secureCookie: boolean };
  login: { maxFailures: number; lockMinutes: number };
  trustProxy: boolean;
}>;

/** Names of the variables, for the README and `zhkh config`. */
export const configKeys = Object.entries(schema.shape).map(([key, s]) => ({
  key,
  description: s.description,
}));

export class ConfigError extends Error {}

/** Parses an environment (process.env by default) into a Config, or throws ConfigError naming each bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const demoEnabled = e.ZHKH_DEMO ?? !production;
  const demoPassword = e.ZHKH_DEMO_PASSWORD ?? (production ? undefined : 'demo');
  if (production && demoEnabled && !demoPassword) {
    throw new ConfigError(
      'Invalid configuration:\n  ZHKH_DEMO_PASSWORD: required in production when ZHKH_DEMO is on',
    );
  }
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.ZHKH_DATA_DIR.startsWith('memory://') ? e.ZHKH_DATA_DIR : path.resolve(e.ZHKH_DATA_DIR),
    demo: { enabled: demoEnabled, password: demoPassword },
    logLevel: e.LOG_LEVEL,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS, secureCookie: production },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES },
    trustProxy: e.TRUST_PROXY,
  });
}
