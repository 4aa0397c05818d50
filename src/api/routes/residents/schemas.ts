/** Schemas of the registration office's routes, and the JSON form of service results (dates as ISO text). */
import { z } from '@hono/zod-openapi';
import { sexes } from '../../../db/residents/persons.js';
import { issuedDocumentKinds } from '../../../db/residents/documents.js';
import { identityDocumentKinds } from '../../../domain/residents/identity.js';
import { registrationKinds } from '../../../domain/residents/registrations.js';

export const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

/** A value as it goes out in JSON: Dates become ISO strings. */
export type Jsonify<T> = T extends string
  ? T
  : T extends Date
    ? string
    : T extends (infer U)[]
      ? Jsonify<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonify<T[K]> }
        : T;
export const jsonify = <T>(x: T): Jsonify<T> => JSON.parse(JSON.stringify(x)) as Jsonify<T>;

export const IdentityDocumentInput = z.object({
  kind: z.enum(identityDocumentKinds),
  series: z.string().max(20).optional().openapi({ example: '45 06' }),
  number: text(30).openapi({ example: '123456' }),
  issuedBy: text(300),
  issuedOn: isoDate,
  divisionCode: z.string().max(7).nullable().optional().openapi({ example: '770-001' }),
});

export const IdentityDocumentSchema = z
  .object({
    id: z.number().int(),
    personId: z.number().int(),
    kind: z.enum(identityDocumentKinds),
    series: z.string(),
    number: z.string(),
    issuedBy: z.string(),
    issuedOn: z.string(),
    divisionCode: z.string().nullable(),
    replacedOn: z.string().nullable(),
  })
  .openapi('IdentityDocument');

const personShape = {
  surname: text(100),
  name: text(100),
  patronymic: z.string().trim().max(100).nullable(),
  birthDate: isoDate,
  sex: z.enum(sexes),
  birthPlace: z.string().trim().max(300).nullable(),
  snils: z.string().max(20).nullable().openapi({ example: '112-233-445 95' }),
  phone: z.string().trim().max(50).nullable(),
  email: z.string().trim().max(200).nullable(),
};

/** A new card: the optional fields default to null. */
export const PersonFields = z.object({
  ...personShape,
  patronymic: personShape.patronymic.default(null),
  birthPlace: personShape.birthPlace.default(null),
  snils: personShape.snils.default(null),
  phone: personShape.phone.default(null),
  email: personShape.email.default(null),
});

/** A change: only the fields given (no defaults, so nothing absent is reset). */
export const PersonPatch = z.object(personShape).partial();

export const PersonSchema = z
  .object({
    id: z.number().int(),
    settlementCentreId: z.number().int(),
    fullName: z.string(),
    surname: z.string(),
    name: z.string(),
    patronymic: z.string().nullable(),
    birthDate: z.string(),
    sex: z.enum(sexes),
    birthPlace: z.string().nullable(),
    snils: z.string().nullable().openapi({ description: 'Маскируется без права personal_data.read' }),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Person');

export const RegistrationSchema = z
  .object({
    id: z.number().int(),
    personId: z.number().int(),
    personName: z.string(),
    birthDate: z.string(),
    accountId: z.number().int(),
    accountNumber: z.string(),
    premiseId: z.number().int(),
    houseId: z.number().int(),
    settlementCentreId: z.number().int(),
    address: z.string(),
    kind: z.enum(registrationKinds),
    relation: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable().openapi({ description: 'Последний день регистрации (включительно)' }),
    arrivedFrom: z.string().nullable(),
    deregisteredOn: z.string().nullable(),
    deregistrationReason: z.string().nullable(),
    destination: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Registration');

export const AbsenceSchema = z
  .object({
    id: z.number().int(),
    personId: z.number().int(),
    personName: z.string(),
    accountId: z.number().int(),
    departedOn: z.string(),
    returnedOn: z.string(),
    fullDays: z.number().int(),
    document: z.string(),
    appliedOn: z.string(),
    status: z.enum(['accepted', 'refused']),
    decisionReason: z.string(),
    createdAt: z.string(),
  })
  .openapi('Absence');

export const PersonCardSchema = PersonSchema.extend({
  masked: z.boolean(),
  documents: z.array(IdentityDocumentSchema),
  registrations: z.array(RegistrationSchema),
  absences: z.array(AbsenceSchema),
}).openapi('PersonCard');

export const RegistrationInput = z.object({
  personId: z.number().int().positive(),
  kind: z.enum(registrationKinds),
  relation: text(100).openapi({ example: 'собственник' }),
  validFrom: isoDate,
  validTo: isoDate.nullable().optional(),
  arrivedFrom: z.string().trim().max(300).nullable().optional(),
});

export const DeregistrationInput = z.object({
  deregisteredOn: isoDate.openapi({
    description: 'День снятия с учёта: с него человек уже не зарегистрирован',
  }),
  reason: text(300),
  destination: z.string().trim().max(300).nullable().optional(),
});

export const OwnershipSchema = z
  .object({
    id: z.number().int(),
    premiseId: z.number().int(),
    ownerKind: z.enum(['person', 'organisation']),
    personId: z.number().int().nullable(),
    organisationId: z.number().int().nullable(),
    ownerName: z.string(),
    shareNumerator: z.number().int(),
    shareDenominator: z.number().int(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    titleRecordNumber: z.string(),
    titleRecordDate: z.string(),
  })
  .openapi('Ownership');

export const OwnershipInput = z.object({
  ownerKind: z.enum(['person', 'organisation']),
  personId: z.number().int().positive().nullable().optional(),
  organisationId: z.number().int().positive().nullable().optional(),
  share: z
    .string()
    .regex(/^\d{1,9}(\/\d{1,9})?$/, 'доля — дробь вида 1/2 или 1')
    .openapi({ example: '1/2' }),
  validFrom: isoDate,
  titleRecordNumber: text(100),
  titleRecordDate: isoDate,
  endOwnershipIds: z.array(z.number().int().positive()).max(50).optional(),
});

export const AbsenceInput = z.object({
  personId: z.number().int().positive(),
  departedOn: isoDate.openapi({ description: 'День отъезда (не считается)' }),
  returnedOn: isoDate.openapi({ description: 'День приезда (не считается)' }),
  document: text(500),
  appliedOn: isoDate.optional(),
});

const CountPiece = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  residents: z.number().int(),
});

export const ResidentsCountSchema = z
  .object({
    accountId: z.number().int(),
    period: z.string(),
    daysInPeriod: z.number().int(),
    personDays: z.number().int(),
    count: z.string().openapi({ description: 'Точная дробь', example: '37/15' }),
    countDecimal: z.string(),
    pieces: z.array(CountPiece),
    services: z.array(
      z.object({
        serviceCode: z.string(),
        serviceName: z.string(),
        reducedByAbsence: z.boolean(),
        absentDays: z.number().int(),
        personDays: z.number().int(),
        count: z.string(),
        countDecimal: z.string(),
      }),
    ),
    explanation: z.string(),
  })
  .openapi('ResidentsCount');

export const IssueInput = z.object({
  kind: z.enum(issuedDocumentKinds),
  personId: z.number().int().positive().nullable().optional(),
  requestKey: z.string().trim().min(1).max(100).nullable().optional().openapi({
    description: 'Ключ запроса: повтор с тем же ключом вернёт уже выданный документ',
  }),
});

export const IssuedDocumentSchema = z
  .object({
    id: z.number().int(),
    settlementCentreId: z.number().int(),
    kind: z.enum(issuedDocumentKinds),
    year: z.number().int(),
    number: z.number().int(),
    fullNumber: z.string().openapi({ example: 'ВД-2026/000001' }),
    title: z.string(),
    accountId: z.number().int().nullable(),
    personId: z.number().int().nullable(),
    issuedAt: z.string(),
    requestKey: z.string().nullable(),
    content: z.record(z.string(), z.unknown()),
  })
  .openapi('IssuedDocument');
