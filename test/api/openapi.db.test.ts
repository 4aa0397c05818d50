import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.dispose());

describe('OpenAPI document and docs', () => {
  it('is public, OpenAPI 3, and lists every route with its schemas and the error format', async () => {
    const res = await t.call('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toMatch(/^3\./);
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/logout',
        'GET /api/v1/auth/me',
        'GET /api/v1/users',
        'POST /api/v1/users',
        'GET /api/v1/users/{id}',
        'PATCH /api/v1/users/{id}',
        'GET /api/v1/users/{id}/tokens',
        'POST /api/v1/users/{id}/tokens',
        'DELETE /api/v1/users/{id}/tokens/{tokenId}',
        'GET /api/v1/organisations',
        'POST /api/v1/organisations',
        'GET /api/v1/organisations/{id}',
        'GET /api/v1/audit',
        'GET /api/v1/roles',
        'GET /api/v1/search',
      ]),
    );
    // every operation says what it does, and every non-public one documents the 401 of the error format
    const publicRoutes = ['POST /api/v1/auth/login'];
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { summary?: string; responses: Record<string, unknown> }>>,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        expect(op.summary, name).toBeTruthy();
        if (!publicRoutes.includes(name)) expect(Object.keys(op.responses), name).toContain('401');
      }
    }
    expect(doc.components.schemas.Error.properties.error.required).toEqual([
      'code',
      'message',
      'details',
      'requestId',
    ]);
    expect(doc.components.securitySchemes).toHaveProperty('session');
    expect(doc.components.securitySchemes).toHaveProperty('token');
    // the list convention is in the document
    const listParams = doc.paths['/api/v1/users'].get.parameters.map((p: { name: string }) => p.name);
    expect(listParams).toEqual(
      expect.arrayContaining(['page', 'pageSize', 'sort', 'q', 'organisationId', 'role', 'isActive']),
    );
    expect(doc.paths['/api/v1/users'].post.responses['400'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/Error',
    );
  });

  it('serves interactive docs with their assets locally', async () => {
    const page = await t.call('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/api/v1/openapi.json');
    const js = await t.call('GET', '/api/docs/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    expect(js.text.length).toBeGreaterThan(100_000);
  });

  it('health needs no login and names the engine', async () => {
    const res = await t.call('GET', '/api/v1/health');
    expect(res.json).toEqual({ status: 'ok', engine: t.db.engine });
  });
});
