/**
 * Residents of the demo town: families of believable sizes for every person's account (the payer, a spouse,
 * children, now and then a grandparent), passports and birth certificates, valid СНИЛС, permanent
 * registrations from the account's opening, a few temporary lodgers, a few past residents who moved out, a
 * few absences in the autumn of 2026 (some long enough, some not: RULES.md §4), and the owners with their
 * shares. Deterministic: the same seed and accounts give the same rows.
 */
import type { Db } from '../../db/client.js';
import {
  insertResidentRows,
  selectDemoAccounts,
  type DemoAccount,
  type DemoPerson,
  type DemoRegistration,
  type DemoResidents,
} from '../../db/residents/demo.js';
import { decideAbsence } from '../../domain/residents/absence.js';
import { snilsCheckNumber } from '../../domain/residents/identity.js';
import { addDays, type IsoDate } from '../../domain/period.js';
import { feminineSurname, femaleNames, maleNames, patronymicStems } from './town-data.js';
import { prng } from './town-generator.js';

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const between = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const day = (r: () => number, fromYear: number, toYear: number) =>
  `${between(r, fromYear, toYear)}-${pad(between(r, 1, 12), 2)}-${pad(between(r, 1, 28), 2)}`;
const later = (a: string, b: string) => (a > b ? a : b);
const masculineSurname = (s: string) => s.replace(/(ов|ев|ёв|ин|ын)а$/, '$1');
const cities = [
  'г. Тверь',
  'г. Вологда',
  'г. Ярославль',
  'г. Кострома',
  'г. Москва',
  'пос. Лесной',
  'г. Иваново',
];
const absenceDocuments = [
  'командировочное удостоверение и билеты',
  'справка из санатория',
  'справка из больницы',
  'счёт гостиницы',
  'проездные билеты на имя потребителя',
];

function snils(r: () => number): string {
  const number = pad(between(r, 2_000_000, 999_999_999), 9);
  return number + pad(snilsCheckNumber(number), 2);
}

function identity(r: () => number, birthDate: string): DemoPerson['document'] {
  const birthYear = Number(birthDate.slice(0, 4));
  if (birthYear > 2011) {
    return {
      kind: 'birth_certificate',
      series: `${pick(r, ['I', 'II', 'III', 'IV', 'V'])}-${pick(r, ['МЮ', 'ИК', 'АГ', 'ОБ'])}`,
      number: pad(between(r, 100000, 999999), 6),
      issuedBy: 'Отдел ЗАГС Демо-города',
      issuedOn: addDays(birthDate as IsoDate, between(r, 5, 30)),
      divisionCode: null,
    };
  }
  // a passport at 20 or 45: the later one that has come
  const at = birthYear + 45 <= 2025 ? 45 : birthYear + 20 <= 2025 ? 20 : 14;
  const issuedOn = `${birthYear + at}${birthDate.slice(4, 8)}${pad(between(r, 1, 28), 2)}`;
  return {
    kind: 'passport',
    series: `45${issuedOn.slice(2, 4)}`,
    number: pad(between(r, 100000, 999999), 6),
    issuedBy: pick(r, ['ОВД Демо-города', 'ГУ МВД России по Демо-области', 'ОУФМС России по Демо-области']),
    issuedOn,
    divisionCode: `500-${pad(between(r, 1, 99), 3)}`,
  };
}

/** Иван → Иванович / Ивановна, Сергей → Сергеевич, Игорь → Игоревна; other names: a stem from the list. */
function childPatronymic(r: () => number, father: string | undefined, female: boolean): string {
  if (father && /[йь]$/.test(father)) return `${father.slice(0, -1)}${female ? 'евна' : 'евич'}`;
  if (father && /[бвгдзклмнпрстфхцчшщ]$/.test(father)) return `${father}${female ? 'овна' : 'ович'}`;
  return `${pick(r, patronymicStems)}${female ? 'на' : 'ич'}`;
}

/** The family of one account, its registrations, owners and absences. */
function family(r: () => number, a: DemoAccount, out: DemoResidents): void {
  const [payerSurname = 'Иванов', payerName = 'Иван', payerPatronymic = 'Иванович'] = a.payerName.split(' ');
  const payerSex = /на$/.test(payerPatronymic) ? 'female' : 'male';
  const base = masculineSurname(payerSurname);
  const add = (p: Omit<DemoPerson, 'snils' | 'document'>) => {
    out.persons.push({
      ...p,
      snils: p.birthDate < '2008-01-01' || r() < 0.7 ? snils(r) : null,
      document: identity(r, p.birthDate),
    });
    return out.persons.length - 1;
  };
  const register = (person: number, relation: string, from: string, extra: Partial<DemoRegistration> = {}) =>
    out.registrations.push({
      person,
      accountId: a.id,
      premiseId: a.premiseId,
      kind: 'permanent',
      relation,
      validFrom: from,
      validTo: null,
      arrivedFrom: r() < 0.4 ? pick(r, cities) : null,
      deregisteredOn: null,
      deregistrationReason: null,
      destination: null,
      ...extra,
    });
  const payerBirth = day(r, 1950, 1995);
  const payer = add({
    surname: payerSurname,
    name: payerName,
    patronymic: payerPatronymic,
    birthDate: payerBirth,
    sex: payerSex,
  });
  register(payer, 'наниматель / собственник', a.openedOn);
  const members = [payer];
  const size = r();
  let spouse: number | undefined;
  if (size >= 0.22) {
    const female = payerSex === 'male';
    spouse = add({
      surname: female ? feminineSurname(base) : base,
      name: pick(r, female ? femaleNames : maleNames),
      patronymic: `${pick(r, patronymicStems)}${female ? 'на' : 'ич'}`,
      birthDate: day(
        r,
        Number(payerBirth.slice(0, 4)) - 4,
        Math.min(Number(payerBirth.slice(0, 4)) + 4, 1998),
      ),
      sex: female ? 'female' : 'male',
    });
    register(spouse, female ? 'жена' : 'муж', a.openedOn);
    members.push(spouse);
  }
  const children = size >= 0.97 ? 1 : size >= 0.85 ? 2 : size >= 0.55 ? 1 : 0;
  const fatherName = payerSex === 'male' ? payerName : undefined;
  const payerYear = Number(payerBirth.slice(0, 4));
  for (let i = 0; i < children; i++) {
    const female = r() < 0.5;
    const birth = day(r, payerYear + 20, Math.min(payerYear + 40, 2024));
    const child = add({
      surname: female ? feminineSurname(base) : base,
      name: pick(r, female ? femaleNames : maleNames),
      patronymic: childPatronymic(r, fatherName, female),
      birthDate: birth,
      sex: female ? 'female' : 'male',
    });
    register(child, female ? 'дочь' : 'сын', later(a.openedOn, birth));
    members.push(child);
  }
  if (size >= 0.97) {
    const grand = add({
      surname: feminineSurname(base),
      name: pick(r, femaleNames),
      patronymic: `${pick(r, patronymicStems)}на`,
      birthDate: day(r, 1935, 1952),
      sex: 'female',
    });
    register(grand, 'мать', later(a.openedOn, '2015-01-01'));
    members.push(grand);
  }
  // a grown child who moved out in 2024
  if (r() < 0.03) {
    const female = r() < 0.5;
    const moved = add({
      surname: female ? feminineSurname(base) : base,
      name: pick(r, female ? femaleNames : maleNames),
      patronymic: childPatronymic(r, fatherName, female),
      birthDate: day(r, 1996, 2003),
      sex: female ? 'female' : 'male',
    });
    const on = day(r, 2024, 2024);
    if (a.openedOn < on) {
      register(moved, female ? 'дочь' : 'сын', later(a.openedOn, out.persons[moved]!.birthDate), {
        validTo: addDays(on as IsoDate, -1),
        deregisteredOn: on,
        deregistrationReason: 'по заявлению, в связи с переменой места жительства',
        destination: pick(r, cities),
      });
    } else out.persons.pop();
  }
  // a temporary lodger this autumn
  if (r() < 0.03) {
    const female = r() < 0.5;
    const s = pick(r, ['Сергеев', 'Павлов', 'Фёдоров', 'Николаев']);
    const lodger = add({
      surname: female ? feminineSurname(s) : s,
      name: pick(r, female ? femaleNames : maleNames),
      patronymic: `${pick(r, patronymicStems)}${female ? 'на' : 'ич'}`,
      birthDate: day(r, 1970, 2004),
      sex: female ? 'female' : 'male',
    });
    const from = `2026-${pad(between(r, 8, 11), 2)}-${pad(between(r, 1, 28), 2)}`;
    register(lodger, 'квартирант', later(from, a.openedOn), {
      kind: 'temporary',
      validTo: `2027-${pad(between(r, 1, 6), 2)}-28`,
      arrivedFrom: pick(r, cities),
    });
  }
  // owners: the payer alone, or the couple half and half
  const title = `50:01:${pad(a.premiseId, 7)}:${pad(a.id % 1000, 3)}-50/001/${a.openedOn.slice(0, 4)}`;
  if (spouse !== undefined && r() < 0.5) {
    out.ownerships.push({
      person: payer,
      premiseId: a.premiseId,
      num: 1,
      den: 2,
      validFrom: a.openedOn,
      title: `${title}-1`,
    });
    out.ownerships.push({
      person: spouse,
      premiseId: a.premiseId,
      num: 1,
      den: 2,
      validFrom: a.openedOn,
      title: `${title}-2`,
    });
  } else {
    out.ownerships.push({
      person: payer,
      premiseId: a.premiseId,
      num: 1,
      den: 1,
      validFrom: a.openedOn,
      title: `${title}-1`,
    });
  }
  // an absence in the autumn of 2026: 4..20 days away, full days exclude departure and arrival (RULES.md §4)
  if (r() < 0.02) {
    const departedOn = `2026-${pad(between(r, 9, 10), 2)}-${pad(between(r, 1, 10), 2)}` as IsoDate;
    const returnedOn = addDays(departedOn, between(r, 4, 20));
    const decision = decideAbsence(departedOn, returnedOn, 6);
    out.absences.push({
      person: pick(r, members),
      accountId: a.id,
      departedOn,
      returnedOn,
      fullDays: decision.fullDays,
      status: decision.accepted ? 'accepted' : 'refused',
      reason: decision.reason,
      document: pick(r, absenceDocuments),
    });
  }
}

/** The residents of the accounts (only accounts of persons), for a seed. */
export function generateResidents(accounts: readonly DemoAccount[], seed: number): DemoResidents {
  const r = prng(seed);
  const out: DemoResidents = { persons: [], registrations: [], ownerships: [], absences: [] };
  for (const a of accounts) if (a.payerKind === 'person') family(r, a, out);
  return out;
}

/** Generates and writes the residents of the settlement centre's open accounts in one transaction. */
export async function loadDemoResidents(
  db: Db,
  settlementCentreId: number,
  seed = 1,
): Promise<{ persons: number }> {
  const accounts = await selectDemoAccounts(db, settlementCentreId);
  const residents = generateResidents(accounts, seed);
  await db.transaction((tx) => insertResidentRows(tx, settlementCentreId, residents));
  return { persons: residents.persons.length };
}
