/**
 * Which engine the database tests run on: PGlite by default, PostgreSQL when ZHKH_TEST_DATABASE_URL is
 * set (CI sets it for its second pass). The template is a migrated database with the demo loaded.
 */
import path from 'node:path';

export const testDatabaseUrl: string | undefined = process.env.ZHKH_TEST_DATABASE_URL || undefined;
export const engineName = testDatabaseUrl ? 'postgres' : 'pglite';
/**
 * Each test run has its own templates, named by the id its global setup sets (the pid of the vitest
 * process), so that two runs on one machine never touch each other's databases.
 */
export const testRunId: string = process.env.ZHKH_TEST_RUN ?? String(process.pid);
export const pgliteTemplatePath = path.resolve(`.tmp/test-template-${testRunId}.tar.gz`);
/** A bare initialised cluster: loading it is faster than a new initdb. */
export const pgliteEmptyPath = path.resolve(`.tmp/test-empty-${testRunId}.tar.gz`);
export const pgTemplateName = `zhkh_tpl_${testRunId}`;
/** Prefix of the databases a run creates on the server. */
export const pgDatabasePrefix = `zhkh_t_${testRunId}_`;
export const demoPassword = 'demo';

/** The URL of another database on the same server. */
export function urlWithDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
