import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults for a newcomer: port 3000, the embedded database in ./data, the demo on', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: 'development',
      port: 3000,
      databaseUrl: undefined,
      demo: { enabled: true, password: 'demo' },
    });
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      const text = (e as Error).message;
      expect(text).toContain('PORT');
      expect(text).toContain('DATABASE_URL: must start with postgres:// or postgresql://');
      expect(text).toContain('LOG_LEVEL');
    }
  });

  it('in production no secret has a default: no demo password, the demo off, secure cookies', () => {
    const c = loadConfig({ NODE_ENV: 'production' });
    expect(c.demo).toEqual({ enabled: false, password: undefined });
    expect(c.session.secureCookie).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', ZHKH_DEMO: 'true' })).toThrow(/ZHKH_DEMO_PASSWORD/);
  });

  it('takes a PostgreSQL URL and keeps memory:// as it is', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).databaseUrl).toBe('postgres://u@h:5432/db');
    expect(loadConfig({ ZHKH_DATA_DIR: 'memory://' }).dataDir).toBe('memory://');
  });
});
