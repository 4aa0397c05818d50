/** The demo residents: deterministic, and every generated row obeys the rules the services enforce. */
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../domain/period.js';
import { fraction } from '../../domain/residents/fraction.js';
import { checkDocumentNumber, snilsProblem } from '../../domain/residents/identity.js';
import { ownershipShareProblems } from '../../domain/residents/ownership.js';
import { registrationConflicts } from '../../domain/residents/registrations.js';
import { generateResidents } from './demo-residents.js';

const accounts = Array.from({ length: 2000 }, (_, i) => ({
  id: i + 1,
  premiseId: i + 1,
  payerKind: 'person' as const,
  payerName: i % 2 ? 'Смирнова Анна Сергеевна' : 'Кузнецов Андрей Игоревич',
  openedOn: `20${String(5 + (i % 20)).padStart(2, '0')}-03-01`,
}));

describe('demo residents', () => {
  const g = generateResidents(accounts, 1);

  it('the same seed gives the same rows', () => {
    expect(generateResidents(accounts, 1)).toEqual(g);
    expect(generateResidents(accounts, 2)).not.toEqual(g);
  });

  it('believable families: between 2 and 3 persons per account on average, a few lodgers and absences', () => {
    const current = g.registrations.filter((r) => r.deregisteredOn === null && r.kind === 'permanent').length;
    expect(current / accounts.length).toBeGreaterThan(2);
    expect(current / accounts.length).toBeLessThan(3);
    expect(g.registrations.filter((r) => r.kind === 'temporary').length).toBeGreaterThan(20);
    expect(g.absences.length).toBeGreaterThan(10);
    expect(new Set(g.absences.map((a) => a.status))).toEqual(new Set(['accepted', 'refused']));
  });

  it('every СНИЛС and document number is valid; no registration overlaps; no premise owned above 1', () => {
    for (const p of g.persons) {
      if (p.snils) expect(snilsProblem(p.snils), p.snils).toBeNull();
      expect(
        checkDocumentNumber(p.document.kind, p.document.series, p.document.number).ok,
        p.document.series,
      ).toBe(true);
    }
    const spans = g.registrations.map((r, i) => ({
      id: i + 1,
      personId: r.person,
      premiseId: r.premiseId,
      accountId: r.accountId,
      kind: r.kind,
      validFrom: r.validFrom as IsoDate,
      validTo: r.validTo as IsoDate | null,
    }));
    for (const s of spans) expect(registrationConflicts(spans, s)).toEqual([]);
    for (const s of spans) expect(s.validFrom >= g.persons[s.personId]!.birthDate).toBe(true);
    const byPremise = new Map<number, typeof g.ownerships>();
    for (const o of g.ownerships) byPremise.set(o.premiseId, [...(byPremise.get(o.premiseId) ?? []), o]);
    for (const list of byPremise.values()) {
      const owners = list.map((o, i) => ({
        id: i,
        share: fraction(o.num, o.den),
        validFrom: o.validFrom as IsoDate,
        validTo: null,
      }));
      expect(ownershipShareProblems(owners)).toEqual([]);
    }
  });

  it('children take their father\u2019s name: Андрей → Андреевич / Андреевна', () => {
    const kids = g.registrations
      .filter((r) => r.relation === 'сын' || r.relation === 'дочь')
      .map((r) => g.persons[r.person]!);
    const ofAndrey = kids.filter((k) => k.surname.startsWith('Кузнецов'));
    expect(ofAndrey.length).toBeGreaterThan(0);
    for (const k of ofAndrey) expect(['Андреевич', 'Андреевна']).toContain(k.patronymic);
  });
});
