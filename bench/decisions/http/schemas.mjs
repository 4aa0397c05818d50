// Zod 4 schemas shared by both HTTP candidates (plain `zod`, no framework-specific `z`).
import { z } from 'zod';

export const ListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(['id', '-id', 'name', '-name']).default('id'),
});

export const Item = z
  .object({
    id: z.number().int(),
    number: z.string(),
    name: z.string(),
    balanceKop: z.string().regex(/^-?\d+$/),
    area: z.string(),
    openedOn: z.string(),
  })
  .meta({ id: 'Item' });

export const ItemList = z.object({ page: z.number(), pageSize: z.number(), total: z.number(), items: z.array(Item) });

export const NewItem = z
  .object({
    number: z.string().min(1).max(32),
    name: z.string().min(1).max(200),
    balanceKop: z.string().regex(/^-?\d+$/),
    area: z.string().regex(/^\d+(\.\d{1,2})?$/),
    openedOn: z.iso.date(),
  })
  .meta({ id: 'NewItem' });

export const ErrorBody = z.object({ error: z.string(), issues: z.array(z.object({ path: z.array(z.any()), message: z.string() })) });

// In-memory data: 1000 items, sorted views cached per sort key (the bench measures the framework, not sorting).
const data = Array.from({ length: 1000 }, (_, i) => ({
  id: i + 1,
  number: `LS-${String(100000 + i)}`,
  name: `Account holder ${(i * 7919) % 1000}`,
  balanceKop: String(i * 1234 - 50000),
  area: `${40 + (i % 60)}.${String(i % 100).padStart(2, '0')}`,
  openedOn: `2020-01-${String(1 + (i % 28)).padStart(2, '0')}`,
}));
const views = new Map();
export function listItems({ page, pageSize, sort }) {
  let v = views.get(sort);
  if (!v) {
    const key = sort.replace('-', ''), dir = sort.startsWith('-') ? -1 : 1;
    v = [...data].sort((a, b) => (a[key] < b[key] ? -dir : a[key] > b[key] ? dir : 0));
    views.set(sort, v);
  }
  return { page, pageSize, total: data.length, items: v.slice((page - 1) * pageSize, page * pageSize) };
}
export function createItem(body) {
  return { id: data.length + 1, ...body };
}
export const issuesOf = (zerr) => zerr.issues.map((i) => ({ path: i.path, message: i.message }));
