/**
 * Documents people come for: the house-register extract (выписка из домовой книги), the flat card
 * (поквартирная карточка, form 10) and a certificate of registration. Issuing numbers the document within
 * its settlement centre and year and stores the snapshot it is rendered from; the PDF is rendered from that
 * snapshot with the issue time as its creation date, so it is the same bytes every time it is downloaded.
 * The same request key twice returns the first document (nothing issued twice).
 */
import { selectOrganisation } from '../../db/organisations.js';
import { selectUser } from '../../db/users.js';
import * as docs from '../../db/residents/documents.js';
import { selectIdentityDocuments } from '../../db/residents/persons.js';
import {
  selectAccountRegistrations,
  selectOwnerships,
  type Registration,
} from '../../db/residents/registrations.js';
import { DomainError, validationFailed } from '../../domain/errors.js';
import type { IsoDate } from '../../domain/period.js';
import { fraction, formatFraction } from '../../domain/residents/fraction.js';
import { formatDocumentNumber } from '../../domain/residents/identity.js';
import type { Queryable } from '../../db/client.js';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../authorize.js';
import type { Ctx } from '../context.js';
import { requireAccount } from '../registry/accounts.js';
import { today } from '../registry/houses.js';
import { requirePremise } from '../registry/premises.js';
import { canReadPersonalData } from './persons.js';
import { renderDocumentPdf, ru, type DocumentContent, type DocumentPerson } from './pdf.js';

export { issuedDocumentKinds, type IssuedDocumentKind } from '../../db/residents/documents.js';
export type { DocumentContent } from './pdf.js';

export type IssuedDocumentView = Omit<docs.IssuedDocument, 'content'> & {
  fullNumber: string;
  title: string;
  content: DocumentContent;
};

const titles: Record<docs.IssuedDocumentKind, { title: string; prefix: string }> = {
  house_register_extract: { title: 'Выписка из домовой книги', prefix: 'ВД' },
  flat_card: { title: 'Поквартирная карточка (форма № 10)', prefix: 'ПК' },
  registration_certificate: { title: 'Справка о регистрации', prefix: 'СР' },
};

const fullNumberOf = (d: Pick<docs.IssuedDocument, 'kind' | 'year' | 'number'>) =>
  `${titles[d.kind].prefix}-${d.year}/${String(d.number).padStart(6, '0')}`;

/** Whether the snapshot holds identity documents (the flat card, a certificate issued by the officer). */
const holdsIdentity = (c: DocumentContent) =>
  c.person?.identity != null || c.residents.some((p) => p.identity !== null);

const withoutIdentity = (p: DocumentPerson): DocumentPerson => ({
  ...p,
  identity: p.identity === null ? null : '•••',
});

/** The document as the reader may see it: identity documents masked without personal_data.read. */
const view = (d: docs.IssuedDocument, actor: Ctx['actor']): IssuedDocumentView => {
  const raw = d.content as DocumentContent;
  const content = canReadPersonalData(actor)
    ? raw
    : {
        ...raw,
        person: raw.person && withoutIdentity(raw.person),
        residents: raw.residents.map(withoutIdentity),
      };
  return { ...d, content, title: content.title, fullNumber: content.fullNumber };
};

async function identityLine(q: Queryable, personId: number): Promise<string | null> {
  const current = (await selectIdentityDocuments(q, personId)).find((d) => d.replacedOn === null);
  if (!current) return null;
  const what =
    current.kind === 'passport'
      ? 'паспорт'
      : current.kind === 'birth_certificate'
        ? 'свид. о рождении'
        : 'документ';
  return `${what} ${formatDocumentNumber(current.kind, current)}, выдан ${ru(current.issuedOn)} ${current.issuedBy}`;
}

async function personLine(q: Queryable, r: Registration, withIdentity: boolean): Promise<DocumentPerson> {
  return {
    fullName: r.personName,
    birthDate: r.birthDate,
    relation: r.relation,
    kind: r.kind,
    validFrom: r.validFrom,
    validTo: r.validTo,
    arrivedFrom: r.arrivedFrom,
    deregisteredOn: r.deregisteredOn,
    deregistrationReason: r.deregistrationReason,
    destination: r.destination,
    identity: withIdentity ? await identityLine(q, r.personId) : null,
  };
}

const current = (r: Registration, on: IsoDate) =>
  r.validFrom <= on && (r.validTo === null || r.validTo >= on);

export type IssueInput = {
  kind: docs.IssuedDocumentKind;
  accountId: number;
  /** The certificate's subject (required for registration_certificate). */
  personId?: number | null | undefined;
  requestKey?: string | null | undefined;
};

export async function issueDocument(ctx: Ctx, input: IssueInput): Promise<IssuedDocumentView> {
  requirePermission(ctx.actor, 'residents.write');
  const account = await requireAccount(ctx, input.accountId);
  const centre = account.settlementCentreId;
  if (input.requestKey) {
    const again = await docs.selectIssuedDocumentByKey(ctx.db, centre, input.requestKey);
    if (again) return view(again, ctx.actor);
  }
  const on = today(ctx);
  const registrations = await selectAccountRegistrations(ctx.db, account.id);
  const subject =
    input.kind === 'registration_certificate'
      ? registrations.filter((r) => r.personId === input.personId).find((r) => current(r, on))
      : undefined;
  if (input.kind === 'registration_certificate' && !subject) {
    throw validationFailed([
      { field: 'personId', problem: `не зарегистрирован на л/с ${account.number} на ${on}` },
    ]);
  }
  const org = await selectOrganisation(ctx.db, centre);
  if (!org) throw new DomainError('internal', 'Нет расчётного центра счёта');
  const issuer = ctx.actor.userId === null ? undefined : await selectUser(ctx.db, ctx.actor.userId);
  const premise = await requirePremise(ctx, account.premise.id, on);
  const withIdentity = canReadPersonalData(ctx.actor) && input.kind !== 'house_register_extract';
  const shown = input.kind === 'flat_card' ? registrations : registrations.filter((r) => current(r, on));
  const residents = await Promise.all(shown.map((r) => personLine(ctx.db, r, withIdentity)));
  const owners = (await selectOwnerships(ctx.db, premise.id))
    .filter((o) => input.kind === 'flat_card' || o.validTo === null || o.validTo >= on)
    .map((o) => ({
      name: o.ownerName,
      share: formatFraction(fraction(o.shareNumerator, o.shareDenominator)),
      validFrom: o.validFrom,
      validTo: o.validTo,
      title: `запись ЕГРН № ${o.titleRecordNumber} от ${ru(o.titleRecordDate)}`,
    }));
  const issuedAt = ctx.clock.now();
  const year = Number(on.slice(0, 4));
  return ctx.db.transaction(async (tx) => {
    // The number is known only inside the transaction; the snapshot takes it there.
    const base: Omit<DocumentContent, 'fullNumber'> = {
      kind: input.kind,
      title: titles[input.kind].title,
      issuedOn: on,
      organisation: {
        name: org.name,
        inn: org.inn,
        kpp: org.kpp,
        ogrn: org.ogrn,
        address: org.legalAddress,
        phone: org.phone,
      },
      accountNumber: account.number,
      address: `${account.house.address}, ${account.premise.label}`,
      premise: { totalArea: premise.totalArea, livingArea: premise.livingArea, rooms: premise.rooms },
      person: subject ? await personLine(tx, subject, canReadPersonalData(ctx.actor)) : null,
      residents,
      owners,
      issuedBy: issuer?.fullName ?? 'система',
    };
    const inserted = await docs.insertIssuedDocument(
      tx,
      {
        settlementCentreId: centre,
        kind: input.kind,
        year,
        accountId: account.id,
        personId: subject?.personId ?? null,
        issuedAt,
        content: base,
        requestKey: input.requestKey ?? null,
      },
      ctx.actor.userId,
    );
    const content: DocumentContent = { ...base, fullNumber: fullNumberOf(inserted) };
    await docs.setIssuedDocumentContent(tx, inserted.id, content);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'issued_document',
      objectId: inserted.id,
      organisationId: centre,
      after: {
        kind: input.kind,
        number: content.fullNumber,
        accountId: account.id,
        personId: subject?.personId ?? null,
      },
    });
    return view({ ...inserted, content }, ctx.actor);
  });
}

async function requireDocument(ctx: Ctx, id: number): Promise<docs.IssuedDocument> {
  const d = await docs.selectIssuedDocument(ctx.db, id);
  if (!d || d.accountId === null) throw new DomainError('not_found', 'Документ не найден');
  await requireAccount(ctx, d.accountId);
  return d;
}

export async function listDocuments(ctx: Ctx, accountId: number): Promise<IssuedDocumentView[]> {
  requirePermission(ctx.actor, 'residents.read');
  await requireAccount(ctx, accountId);
  return (await docs.selectIssuedDocuments(ctx.db, { accountId })).map((d) => view(d, ctx.actor));
}

/**
 * The PDF of an issued document; reading it is audited like a person's card. One that holds identity documents
 * is given only to a reader with personal_data.read.
 */
export async function documentPdf(ctx: Ctx, id: number): Promise<{ fileName: string; pdf: Buffer }> {
  requirePermission(ctx.actor, 'residents.read');
  const stored = await requireDocument(ctx, id);
  const d = view(stored, ctx.actor);
  if (holdsIdentity(stored.content as DocumentContent) && !canReadPersonalData(ctx.actor)) {
    throw new DomainError(
      'forbidden',
      'Документ содержит паспортные данные: нужно разрешение «personal_data.read»',
    );
  }
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'issued_document',
      objectId: id,
      organisationId: d.settlementCentreId,
    }),
  );
  return {
    fileName: `${d.kind}-${d.year}-${String(d.number).padStart(6, '0')}.pdf`,
    pdf: await renderDocumentPdf(d.content, d.issuedAt),
  };
}
