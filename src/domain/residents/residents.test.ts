/** The pure rules of the registration office, with expected values computed by hand (arithmetic in comments). */
import { describe, expect, it } from 'vitest';
import type { BillingPeriod, IsoDate } from '../period.js';
import { absenceFullDays, absenceReducesService, absentDaysInPeriod, decideAbsence } from './absence.js';
import { addFractions, fraction, parseFraction, formatFraction } from './fraction.js';
import { checkDocumentNumber, formatSnils, snilsCheckNumber, snilsProblem } from './identity.js';
import { ownershipShareProblems } from './ownership.js';
import { registrationConflicts, type RegistrationSpan } from './registrations.js';
import {
  residentsForService,
  residentsInPeriod,
  residentsOnDay,
  type ResidentSpan,
} from './residents-count.js';

const d = (s: string) => s as IsoDate;
const P = (s: string) => s as BillingPeriod;

describe('СНИЛС check number', () => {
  it.each([
    // 1·9 + 1·8 + 2·7 + 2·6 + 3·5 + 3·4 + 4·3 + 4·2 + 5·1 = 9+8+14+12+15+12+12+8+5 = 95 < 100 → 95
    ['112233445', 95],
    // 9·9 + 8·8 + 7·7 + 6·6 + 5·5 + 4·4 + 3·3 + 2·2 + 1·1 = 81+64+49+36+25+16+9+4+1 = 285; 285 − 2·101 = 83
    ['987654321', 83],
    // 9·9 + 2·8 + 1·3 = 81 + 16 + 3 = 100 → 00
    ['920000100', 0],
    // 9·9 + 2·8 + 1·3 + 1·1 = 101 → 00
    ['920000101', 0],
    // 9·9+9·8+9·7+9·6+9·5+9·4+9·3+9·2+9·1 = 9·45 = 405; 405 − 4·101 = 1 → 01
    ['999999999', 1],
  ])('%s → %i', (number, check) => expect(snilsCheckNumber(number)).toBe(check));

  it.each([
    ['112-233-445 95', null],
    ['11223344595', null],
    ['987 654 321 83', null],
    ['920-000-100 00', null],
    // numbers up to 001-001-998 are not checked
    ['001-001-998 17', null],
  ])('%s is valid', (text, problem) => expect(snilsProblem(text)).toBe(problem));

  it.each([
    ['112-233-445 96', 'ожидается 95'],
    ['987-654-321 38', 'ожидается 83'],
    ['920-000-100 100', '11 цифр'],
    ['1122334459', '11 цифр'],
    ['112-233-44a 95', '11 цифр'],
  ])('%s is refused', (text, fragment) => expect(snilsProblem(text)).toContain(fragment));

  it('formats the digits', () => expect(formatSnils('11223344595')).toBe('112-233-445 95'));
});

describe('identity document series and number', () => {
  it('a passport: 4-digit series, 6-digit number, spaces allowed', () => {
    expect(checkDocumentNumber('passport', '45 06', '123 456')).toEqual({
      ok: true,
      value: { series: '4506', number: '123456' },
    });
  });
  it('a passport with a short series and a letter in the number names both fields', () => {
    const r = checkDocumentNumber('passport', '450', '12345A');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.field)).toEqual(['series', 'number']);
  });
  it('a birth certificate: Roman numerals, hyphen, two Cyrillic capitals', () => {
    expect(checkDocumentNumber('birth_certificate', 'iv-мю', '654321')).toEqual({
      ok: true,
      value: { series: 'IV-МЮ', number: '654321' },
    });
    expect(checkDocumentNumber('birth_certificate', '4-МЮ', '654321').ok).toBe(false);
    expect(checkDocumentNumber('birth_certificate', 'IV-MY', '654321').ok).toBe(false); // Latin letters
  });
});

describe('registrations: overlaps refused (docs/residents.md)', () => {
  const reg = (
    id: number,
    kind: RegistrationSpan['kind'],
    premiseId: number,
    from: string,
    to: string | null,
  ) => ({
    id,
    personId: 1,
    premiseId,
    accountId: premiseId * 10,
    kind,
    validFrom: d(from),
    validTo: to === null ? null : d(to),
  });
  const permanentA = reg(1, 'permanent', 100, '2020-01-01', null);

  it('a second permanent registration overlapping the first is refused', () => {
    const p = registrationConflicts([permanentA], reg(2, 'permanent', 200, '2026-05-01', null));
    expect(p).toHaveLength(1);
    expect(p[0]!.problem).toContain('по месту жительства');
  });
  it('a permanent registration starting the day after the previous one ends is accepted', () => {
    const ended = reg(1, 'permanent', 100, '2020-01-01', '2026-04-30');
    expect(registrationConflicts([ended], reg(2, 'permanent', 200, '2026-05-01', null))).toEqual([]);
  });
  it('a temporary registration elsewhere may coexist with the permanent one', () => {
    expect(registrationConflicts([permanentA], reg(2, 'temporary', 200, '2026-05-01', '2026-10-31'))).toEqual(
      [],
    );
  });
  it('a temporary registration at the premise of the permanent one is refused', () => {
    const p = registrationConflicts([permanentA], reg(2, 'temporary', 100, '2026-05-01', '2026-10-31'));
    expect(p.map((x) => x.field)).toEqual(['premiseId']);
  });
  it('two temporary registrations sharing one day are refused; a temporary one needs its end date', () => {
    const t1 = reg(2, 'temporary', 200, '2026-05-01', '2026-10-31');
    expect(registrationConflicts([t1], reg(3, 'temporary', 300, '2026-10-31', '2026-12-31'))).toHaveLength(1);
    expect(
      registrationConflicts([], reg(3, 'temporary', 300, '2026-10-31', null)).map((x) => x.field),
    ).toEqual(['validTo']);
  });
  it('a registration of another person or the same registration itself is no conflict', () => {
    const other = { ...permanentA, personId: 2 };
    expect(registrationConflicts([other, permanentA], { ...permanentA })).toEqual([]);
  });
});

describe('ownership shares are exact fractions, at most 1 on any date', () => {
  const own = (id: number, share: string, from: string, to: string | null = null) => ({
    id,
    share: parseFraction(share)!,
    validFrom: d(from),
    validTo: to === null ? null : d(to),
  });
  it('1/3 + 1/6 + 1/2 = 2/6 + 1/6 + 3/6 = 1: accepted', () => {
    expect(addFractions(addFractions(fraction(1, 3), fraction(1, 6)), fraction(1, 2))).toEqual(fraction(1));
    expect(
      ownershipShareProblems([
        own(1, '1/3', '2020-01-01'),
        own(2, '1/6', '2020-01-01'),
        own(3, '1/2', '2021-01-01'),
      ]),
    ).toEqual([]);
  });
  it('1/2 + 2/3 = 7/6 > 1 from the day the second starts', () => {
    const p = ownershipShareProblems([own(1, '1/2', '2020-01-01'), own(2, '2/3', '2024-03-01')]);
    expect(p).toEqual([{ field: 'share', problem: 'на 2024-03-01 сумма долей 7/6 больше 1' }]);
  });
  it('a sale: the old owner ends the day before the new one starts, 1 + 1 never coincide', () => {
    expect(
      ownershipShareProblems([own(1, '1', '2020-01-01', '2024-02-29'), own(2, '1', '2024-03-01')]),
    ).toEqual([]);
    expect(
      ownershipShareProblems([own(1, '1', '2020-01-01', '2024-03-01'), own(2, '1', '2024-03-01')]),
    ).toHaveLength(1);
  });
  it('a share of 0 or above 1 is refused; fractions parse and print', () => {
    expect(ownershipShareProblems([own(1, '3/2', '2020-01-01')])).toHaveLength(1);
    expect(parseFraction('1/0')).toBeUndefined();
    expect(formatFraction(parseFraction('2/4')!)).toBe('1/2');
  });
});

describe('temporary absence (RULES.md §4; RULES-ADDENDUM §3)', () => {
  it('Example 4.1: departure 03.06.2025, return 16.06.2025 → 04.06..15.06 = 16 − 3 − 1 = 12 full days', () => {
    expect(absenceFullDays(d('2025-06-03'), d('2025-06-16'))).toBe(12);
    expect(decideAbsence(d('2025-06-03'), d('2025-06-16'), 6).accepted).toBe(true);
  });
  it('5 full days (03.06 → 09.06: 04..08 = 5) is not enough; 6 (03.06 → 10.06: 04..09 = 6) is', () => {
    expect(decideAbsence(d('2025-06-03'), d('2025-06-09'), 6)).toMatchObject({
      accepted: false,
      fullDays: 5,
    });
    expect(decideAbsence(d('2025-06-03'), d('2025-06-10'), 6)).toMatchObject({ accepted: true, fullDays: 6 });
  });
  it('leaving and returning the next day is 0 full days', () => {
    expect(absenceFullDays(d('2025-06-03'), d('2025-06-04'))).toBe(0);
  });
  it('days in a period: 25.05 → 10.06 is 26.05..09.06; in June 01..09 = 9, in May 26..31 = 6', () => {
    expect(absentDaysInPeriod(P('2025-06'), d('2025-05-25'), d('2025-06-10'))).toBe(9);
    expect(absentDaysInPeriod(P('2025-05'), d('2025-05-25'), d('2025-06-10'))).toBe(6);
  });
  it.each([
    [{ resource: 'cold_water', isCommonNeeds: false, forHeating: false }, 'heating_use_only', true],
    [{ resource: 'wastewater', isCommonNeeds: false, forHeating: false }, 'heating_use_only', true],
    [{ resource: 'waste', isCommonNeeds: false, forHeating: false }, 'heating_use_only', true],
    [{ resource: 'heating', isCommonNeeds: false, forHeating: true }, 'heating_use_only', false],
    [{ resource: 'gas', isCommonNeeds: false, forHeating: true }, 'heating_use_only', false],
    [{ resource: 'gas', isCommonNeeds: false, forHeating: false }, 'heating_use_only', true],
    [{ resource: 'electricity', isCommonNeeds: false, forHeating: false }, 'heating_use_only', true],
    [{ resource: 'electricity', isCommonNeeds: false, forHeating: false }, 'all', false],
    [{ resource: 'cold_water', isCommonNeeds: true, forHeating: false }, 'heating_use_only', false],
  ] as const)('%o with electricity=%s → reduced: %s', (service, setting, expected) => {
    expect(absenceReducesService(service, setting)).toBe(expected);
  });
});

describe('residents count (per day and day-weighted)', () => {
  const r = (
    personId: number,
    from: string,
    to: string | null = null,
    kind: ResidentSpan['kind'] = 'permanent',
  ) => ({
    personId,
    kind,
    validFrom: d(from),
    validTo: to === null ? null : d(to),
  });

  it('2 people all of November 2026 (30 days) + 1 from the 17th: (2·30 + 14)/30 = 74/30 = 37/15 = 2 + 14/30', () => {
    const regs = [r(1, '2010-01-01'), r(2, '2015-05-05'), r(3, '2026-11-17', null, 'temporary')];
    const c = residentsInPeriod(regs, P('2026-11'));
    expect(c.personDays).toBe(74); // 17..30 = 14 days for the third
    expect(c.count).toEqual(fraction(37, 15));
    expect(c.pieces).toEqual([
      { from: '2026-11-01', to: '2026-11-16', days: 16, residents: 2 },
      { from: '2026-11-17', to: '2026-11-30', days: 14, residents: 3 },
    ]);
    expect(residentsOnDay(regs, d('2026-11-16'))).toBe(2);
    expect(residentsOnDay(regs, d('2026-11-17'))).toBe(3);
  });

  it('arrivals and departures in a 31-day month: October 2026', () => {
    // A: all month = 31; B: deregistered on 11.10 (last day 10.10) = 10; C: from 20.10 = 20..31 = 12;
    // D: temporary 05.10..14.10 = 10. Person-days 31 + 10 + 12 + 10 = 63 → 63/31.
    const regs = [
      r(1, '2000-01-01'),
      r(2, '2000-01-01', '2026-10-10'),
      r(3, '2026-10-20'),
      r(4, '2026-10-05', '2026-10-14', 'temporary'),
    ];
    const c = residentsInPeriod(regs, P('2026-10'));
    expect(c.personDays).toBe(63);
    expect(c.count).toEqual(fraction(63, 31));
    // 01..04: A,B = 2; 05..10: A,B,D = 3; 11..14: A,D = 2; 15..19: A = 1; 20..31: A,C = 2
    expect(c.pieces.map((p) => [p.days, p.residents])).toEqual([
      [4, 2],
      [6, 3],
      [4, 2],
      [5, 1],
      [12, 2],
    ]);
  });

  it('February of a leap year: one person from 15.02.2028 → 15..29 = 15 days → 15/29', () => {
    expect(residentsInPeriod([r(1, '2028-02-15')], P('2028-02')).count).toEqual(fraction(15, 29));
  });

  it('nobody registered → 0', () => {
    expect(residentsInPeriod([], P('2026-11')).count).toEqual(fraction(0));
  });

  describe('absence-adjusted count per service (RULES.md §4.2)', () => {
    // June 2025 (30 days), 2 residents all month; person 1 away 03.06 → 16.06 (12 full days, Example 4.1).
    const regs = [r(1, '2020-01-01'), r(2, '2020-01-01')];
    const water = { resource: 'cold_water', isCommonNeeds: false, forHeating: false } as const;
    const heating = { resource: 'heating', isCommonNeeds: false, forHeating: true } as const;
    const away = (returnedOn: string, accepted = true) => ({
      personId: 1,
      departedOn: d('2025-06-03'),
      returnedOn: d(returnedOn),
      accepted,
    });

    it('cold water: (60 − 12)/30 = 48/30 = 8/5; per-person charge 197.29 × 12/30 taken out, as in Example 4.1', () => {
      const c = residentsForService(regs, [away('2025-06-16')], P('2025-06'), water, 'heating_use_only');
      expect(c.absentDays).toBe(12);
      expect(c.count).toEqual(fraction(8, 5));
    });
    it('heating is not reduced: 60/30 = 2', () => {
      const c = residentsForService(regs, [away('2025-06-16')], P('2025-06'), heating, 'heating_use_only');
      expect(c.reducedByAbsence).toBe(false);
      expect(c.count).toEqual(fraction(2));
    });
    it('a refused absence (5 full days) reduces nothing: 2; an accepted one of 6 days: (60 − 6)/30 = 9/5', () => {
      expect(
        residentsForService(regs, [away('2025-06-09', false)], P('2025-06'), water, 'all').count,
      ).toEqual(fraction(2));
      expect(residentsForService(regs, [away('2025-06-10')], P('2025-06'), water, 'all').count).toEqual(
        fraction(9, 5),
      );
    });
    it('absent days after the person was deregistered are not taken out twice', () => {
      // person 1 deregistered on 10.06 (last day 09.06): absent days 04..09 = 6 while registered.
      // person-days 9 + 30 = 39; less 6 = 33 → 33/30 = 11/10
      const regs2 = [r(1, '2020-01-01', '2025-06-09'), r(2, '2020-01-01')];
      const c = residentsForService(regs2, [away('2025-06-16')], P('2025-06'), water, 'all');
      expect(c.absentDays).toBe(6);
      expect(c.count).toEqual(fraction(11, 10));
    });
  });
});
