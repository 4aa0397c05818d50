/**
 * Which engine the database tests run on: PGlite by default, PostgreSQL when ZHKH_TEST_DATABASE_URL is
 * set (CI sets it for its second pass). The template is a migrated database with the demo loaded.
 */
import path from 'node:path';

export const testDatabaseUrl: string | undefined = process.env.ZHKH_TEST_DATABASE_URL || undefined;
export const engineName = testDatabaseUrl ? 'postgres' : 'pglite';
export const pgliteTemplatePath = path.resolve('.tmp/test-template.tar.gz');
/** A bare initialised cluster: loading it is faster than a new initdb. */
export const pgliteEmptyPath = path.resolve('.tmp/test-empty.tar.gz');
export const pgTemplateName = 'zhkh_test_template';
export const demoPassword = 'demo';

/** The URL of another database on the same server. */
export function urlWithDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
