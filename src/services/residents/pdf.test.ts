/** The document PDF is reproducible: the same snapshot and issue time give the same bytes; another time does not. */
import { describe, expect, it } from 'vitest';
import { renderDocumentPdf, ru, type DocumentContent } from './pdf.js';

const content: DocumentContent = {
  kind: 'registration_certificate',
  title: 'Справка о регистрации',
  fullNumber: 'СР-2026/000007',
  issuedOn: '2026-11-02',
  organisation: {
    name: 'ЕИРЦ Демо-города',
    inn: '7701000019',
    kpp: '770101001',
    ogrn: null,
    address: null,
    phone: null,
  },
  accountNumber: '0000000018',
  address: 'г. Демо-город, ул. Ленина, д. 1, кв. 1',
  premise: { totalArea: '54.30', livingArea: null, rooms: 2 },
  person: {
    fullName: 'Иванова Мария Петровна',
    birthDate: '1982-03-08',
    relation: 'жена',
    kind: 'permanent',
    validFrom: '2010-05-01',
    validTo: null,
    arrivedFrom: null,
    deregisteredOn: null,
    deregistrationReason: null,
    destination: null,
    identity: null,
  },
  residents: [],
  owners: [],
  issuedBy: 'Паспортова Галина Олеговна',
};

describe('document PDF', () => {
  it('same snapshot and issue time → same bytes; another issue time → other bytes', async () => {
    const at = new Date('2026-11-02T09:00:00Z');
    const a = await renderDocumentPdf(content, at);
    const b = await renderDocumentPdf(content, at);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
    const c = await renderDocumentPdf(content, new Date('2026-11-02T09:00:01Z'));
    expect(a.equals(c)).toBe(false);
    // the font is embedded (a subset of DejaVu Sans), not referenced
    expect(a.toString('latin1')).toMatch(/\/FontFile2/);
    expect(a.toString('latin1')).toMatch(/DejaVuSans/);
  });

  it('dates in Russian form', () => {
    expect(ru('2026-11-02')).toBe('02.11.2026');
    expect(ru(null)).toBe('—');
  });
});
