/**
 * References of an import row to what is already registered: organisations by external id or ИНН (only
 * those in the actor's scope: any other is "not found", as the API answers), and services by code.
 */
import type { Queryable } from '../../db/client.js';
import { selectOrganisationRefs, type OrganisationRef } from '../../db/import/lookups.js';
import { selectServices, type Service } from '../../db/registry/services.js';
import type { Actor } from '../../domain/access.js';
import { unique } from './kind.js';

export type OrgRefColumns = { externalId: string; inn: string };
export type Found<T> = { ok: true; value: T } | { ok: false; column: string; problem: string };

export class OrganisationRefs {
  private constructor(
    private readonly byExternalId: Map<string, OrganisationRef>,
    private readonly byInn: Map<string, OrganisationRef[]>,
  ) {}

  /** Loads the organisations the rows name, keeping those in the actor's scope. */
  static async load(
    q: Queryable,
    actor: Pick<Actor, 'scope'>,
    refs: readonly { externalId?: string | null | undefined; inn?: string | null | undefined }[],
  ): Promise<OrganisationRefs> {
    const rows = await selectOrganisationRefs(q, {
      externalIds: unique(refs.map((r) => r.externalId)),
      inns: unique(refs.map((r) => r.inn)),
    });
    const visible = rows.filter((o) => actor.scope.includes(o.id));
    const byInn = new Map<string, OrganisationRef[]>();
    for (const o of visible) byInn.set(o.inn, [...(byInn.get(o.inn) ?? []), o]);
    return new OrganisationRefs(new Map(visible.map((o) => [o.external_id ?? '', o])), byInn);
  }

  /**
   * The organisation a row names by external id (first) or ИНН, of one of `kinds`; a problem on the
   * column used when it is not found, is ambiguous or of another kind.
   */
  find(
    ref: { externalId?: string | null | undefined; inn?: string | null | undefined },
    columns: OrgRefColumns,
    kinds: readonly string[],
    what: string,
  ): Found<OrganisationRef> | undefined {
    let org: OrganisationRef | undefined;
    let column: string;
    if (ref.externalId) {
      column = columns.externalId;
      org = this.byExternalId.get(ref.externalId);
      if (!org) return { ok: false, column, problem: `${what} с внешним кодом ${ref.externalId} не найдена` };
    } else if (ref.inn) {
      column = columns.inn;
      const found = (this.byInn.get(ref.inn) ?? []).filter((o) => kinds.includes(o.kind));
      if (found.length === 0) return { ok: false, column, problem: `${what} с ИНН ${ref.inn} не найдена` };
      if (found.length > 1) {
        const problem = `организаций с ИНН ${ref.inn} несколько: укажите ${columns.externalId}`;
        return { ok: false, column, problem };
      }
      org = found[0]!;
    } else return undefined;
    if (!kinds.includes(org.kind)) return { ok: false, column, problem: `«${org.name}» — не ${what}` };
    return { ok: true, value: org };
  }
}

/** The service catalogue by code. */
export async function servicesByCode(q: Queryable): Promise<Map<string, Service>> {
  return new Map((await selectServices(q)).map((s) => [s.code, s]));
}

export const serviceNotFound = (code: string) => `нет услуги с кодом ${code} в справочнике услуг`;

/** The column a row names its supplier by. */
export const supplierColumn = (row: { supplier: { externalId?: string | null | undefined } }) =>
  row.supplier.externalId ? 'supplier_external_id' : 'supplier_inn';
