/**
 * Renders an issued document (its stored snapshot) to a PDF: A4, DejaVu Sans embedded from assets/fonts (never
 * system fonts), creation date and metadata from the issue record — the same record gives the same bytes.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

export type DocumentPerson = {
  fullName: string;
  birthDate: string;
  relation: string;
  kind: 'permanent' | 'temporary';
  validFrom: string;
  validTo: string | null;
  arrivedFrom: string | null;
  deregisteredOn: string | null;
  deregistrationReason: string | null;
  destination: string | null;
  /** "паспорт 45 06 № 123456, выдан …" — only when the issuer may read personal data. */
  identity: string | null;
};

export type DocumentOwner = {
  name: string;
  share: string;
  validFrom: string;
  validTo: string | null;
  title: string;
};

export type DocumentContent = {
  kind: 'house_register_extract' | 'flat_card' | 'registration_certificate';
  title: string;
  fullNumber: string;
  issuedOn: string;
  organisation: {
    name: string;
    inn: string;
    kpp: string | null;
    ogrn: string | null;
    address: string | null;
    phone: string | null;
  };
  accountNumber: string;
  address: string;
  premise: { totalArea: string | null; livingArea: string | null; rooms: number | null };
  /** The certificate's subject. */
  person: DocumentPerson | null;
  residents: DocumentPerson[];
  owners: DocumentOwner[];
  issuedBy: string;
};

const fontDir = new URL('../../../assets/fonts/', import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
export function loadFonts() {
  fonts ??= {
    regular: readFileSync(new URL('DejaVuSans.ttf', fontDir)),
    bold: readFileSync(new URL('DejaVuSans-Bold.ttf', fontDir)),
  };
  return fonts;
}

/** 2026-11-02 → 02.11.2026 */
export const ru = (iso: string | null) =>
  iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '—';
const kindName = { permanent: 'по месту жительства', temporary: 'по месту пребывания' } as const;

export function renderDocumentPdf(c: DocumentContent, issuedAt: Date): Promise<Buffer> {
  const f = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: `${c.title} № ${c.fullNumber}`,
      Author: c.organisation.name,
      Subject: c.address,
      Creator: 'zhkh-billing',
      Producer: 'zhkh-billing',
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const o = c.organisation;
  doc.font('bold').fontSize(10).text(o.name);
  doc.font('regular').fontSize(8);
  doc.text([`ИНН ${o.inn}`, o.kpp && `КПП ${o.kpp}`, o.ogrn && `ОГРН ${o.ogrn}`].filter(Boolean).join(', '));
  if (o.address) doc.text(o.address);
  if (o.phone) doc.text(`тел. ${o.phone}`);
  doc.moveDown(1.5);
  doc.font('bold').fontSize(14).text(c.title.toUpperCase(), { align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .text(`№ ${c.fullNumber} от ${ru(c.issuedOn)}`, { align: 'center' });
  doc.moveDown();
  doc.fontSize(10).text(`Адрес: ${c.address}`);
  doc.text(`Лицевой счёт: ${c.accountNumber}`);
  if (c.premise.totalArea) {
    doc.text(
      `Общая площадь: ${c.premise.totalArea} м²` +
        (c.premise.livingArea ? `, жилая: ${c.premise.livingArea} м²` : '') +
        (c.premise.rooms ? `, комнат: ${c.premise.rooms}` : ''),
    );
  }
  doc.moveDown();

  if (c.kind === 'registration_certificate' && c.person) {
    const p = c.person;
    doc.text(
      `Дана ${p.fullName}, ${ru(p.birthDate)} г. р., в том, что он(а) зарегистрирован(а) ${kindName[p.kind]} ` +
        `по указанному адресу с ${ru(p.validFrom)}` +
        (p.validTo ? ` по ${ru(p.validTo)}` : '') +
        '.',
    );
    if (p.identity) doc.text(`Документ: ${p.identity}`);
    doc.moveDown();
    doc.text(`Всего зарегистрировано по адресу на дату выдачи: ${c.residents.length} чел.`);
  } else {
    doc
      .font('bold')
      .text(
        c.kind === 'flat_card' ? 'Зарегистрированные (все, с историей)' : 'Зарегистрированы на дату выдачи',
      );
    doc.font('regular').fontSize(9);
    c.residents.forEach((p, i) => {
      const lines = [
        `${i + 1}. ${p.fullName}, ${ru(p.birthDate)} г. р., ${p.relation}; ${kindName[p.kind]} с ${ru(p.validFrom)}` +
          (p.validTo && !p.deregisteredOn ? ` по ${ru(p.validTo)}` : ''),
      ];
      if (p.arrivedFrom) lines.push(`   прибыл(а) из: ${p.arrivedFrom}`);
      if (p.deregisteredOn) {
        lines.push(
          `   снят(а) с учёта ${ru(p.deregisteredOn)}: ${p.deregistrationReason ?? ''}` +
            (p.destination ? `; выбыл(а) в: ${p.destination}` : ''),
        );
      }
      if (p.identity) lines.push(`   ${p.identity}`);
      doc.text(lines.join('\n'));
    });
    if (c.residents.length === 0) doc.text('Зарегистрированных нет.');
    doc.fontSize(10).moveDown();
  }

  doc.font('bold').text('Собственники');
  doc.font('regular').fontSize(9);
  for (const ow of c.owners) {
    doc.text(
      `${ow.name}, доля ${ow.share}, с ${ru(ow.validFrom)}${ow.validTo ? ` по ${ru(ow.validTo)}` : ''}; ${ow.title}`,
    );
  }
  if (c.owners.length === 0) doc.text('Сведений о собственниках нет.');
  doc.fontSize(10).moveDown(2);
  doc.text(`Выдал(а): ${c.issuedBy}   ____________________`);
  doc.text(`Дата выдачи: ${ru(c.issuedOn)}`);
  doc.end();
  return done;
}
