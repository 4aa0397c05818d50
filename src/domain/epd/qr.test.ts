import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sampleDebt, sampleMonthly } from '../../services/epd/samples.js';
import type { Kopecks } from '../money.js';
import type { BillingPeriod } from '../period.js';
import { defaultValue, legalParameterDefinition } from '../registry/legal-parameter-catalogue.js';
import { qrPaymPeriodFormatOf } from './snapshot.js';
import { encodeCp1251, encodeQrPayload, epdQrPayload, qrPaymPeriod, type QrField } from './qr.js';

/** Fields from a payload text, to rebuild the RULES.md examples. */
const fieldsOf = (payload: string): QrField[] =>
  payload
    .split('|')
    .slice(1)
    .map((pair) => {
      const i = pair.indexOf('=');
      return { key: pair.slice(0, i), value: pair.slice(i + 1) };
    });

// RULES.md §8.2, "A ЖКУ example built by the same rules" (fictitious bank details).
const RULES_ZHKU_UTF8 =
  'ST00012|Name=ООО "УК Пример"|PersonalAcc=40702810900000012345|BankName=ПАО СБЕРБАНК|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7701234567|KPP=770101001|Sum=456789|Purpose=Оплата ЖКУ за 03.2026|PersAcc=1002003004|PaymPeriod=032026|LastName=Иванов|PayerAddress=г. Москва, ул. Ленина, д. 1, кв. 5|TechCode=02';
// RULES.md §8.2, the verified vector of if0ne/gost-56042-rs.
const RULES_VERIFIED =
  'ST00012|Name=ООО «Три кита»|PersonalAcc=40702810138250123017|BankName=ОАО "БАНК"|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=6200098765|LastName=Иванов|FirstName=Иван|MiddleName=Иванович|Purpose=Оплата членского взноса|PayerAddress=г.Рязань ул.Ленина д.10 кв.15|Sum=100000';

describe('QR payload, ГОСТ Р 56042-2014 (RULES.md §8.2)', () => {
  it('encodes the RULES.md ЖКУ example in Windows-1251 (every character has a byte): ST00011, 317 bytes', () => {
    const p = encodeQrPayload(fieldsOf(RULES_ZHKU_UTF8));
    expect(p.encoding).toBe('windows-1251');
    expect(p.text).toBe(RULES_ZHKU_UTF8.replace('ST00012', 'ST00011'));
    expect(p.bytes.length).toBe(317); // RULES.md §8.2: "317 bytes in cp1251 with the header ST00011"
    expect(new TextEncoder().encode(RULES_ZHKU_UTF8).length).toBe(374); // and 374 in UTF-8
    expect(iconv.decode(Buffer.from(p.bytes), 'win1251')).toBe(p.text);
  });

  it('keeps the field order and the « » quotes of the verified vector', () => {
    const p = encodeQrPayload(fieldsOf(RULES_VERIFIED));
    expect(p.text).toBe(RULES_VERIFIED.replace('ST00012', 'ST00011'));
    expect(p.bytes[p.text.indexOf('«')]).toBe(0xab); // « is 0xAB in cp1251
  });

  it('falls back to UTF-8 (flag 2) when a character is not in Windows-1251', () => {
    const p = encodeQrPayload([
      { key: 'Name', value: 'ООО «Ләйлә»' }, // ә U+04D9 has no cp1251 byte
      { key: 'TechCode', value: '02' },
    ]);
    expect(p.encoding).toBe('utf-8');
    expect(p.text).toBe('ST00012|Name=ООО «Ләйлә»|TechCode=02');
    expect(new TextDecoder().decode(p.bytes)).toBe(p.text);
  });

  it('chooses another separator when a value contains |, and turns line breaks into spaces', () => {
    const p = encodeQrPayload([
      { key: 'Name', value: 'ООО А|Б' },
      { key: 'PayerAddress', value: 'ул. Мира,\r\n д. 1' },
    ]);
    expect(p.text).toBe('ST00011#Name=ООО А|Б#PayerAddress=ул. Мира, д. 1');
  });

  it('its Windows-1251 table agrees with iconv-lite on every byte 0x80–0xFF', () => {
    for (let b = 0x80; b <= 0xff; b++) {
      if (b === 0x98) continue; // unassigned in cp1251
      const ch = iconv.decode(Buffer.from([b]), 'win1251');
      expect(encodeCp1251(ch)?.[0], `byte 0x${b.toString(16)} (${ch})`).toBe(b);
    }
    expect(encodeCp1251('€№Ёё')).toEqual(new Uint8Array([0x88, 0xb9, 0xa8, 0xb8]));
    expect(encodeCp1251('😀')).toBeNull();
  });

  it('PaymPeriod is MMYYYY (RULES.md §8.2, UNCONFIRMED, a setting) or MM.YYYY', () => {
    expect(qrPaymPeriod('2026-03' as BillingPeriod, 'MMYYYY')).toBe('032026');
    expect(qrPaymPeriod('2026-03' as BillingPeriod, 'MM.YYYY')).toBe('03.2026');
    const setting = legalParameterDefinition('payment_document.qr_paym_period_format')!;
    expect(qrPaymPeriodFormatOf(defaultValue(setting))).toBe('MMYYYY');
    expect(() => qrPaymPeriodFormatOf('"YYYYMM"')).toThrow(RangeError);
  });
});

describe('the QR payload of a bill', () => {
  it('a monthly bill: required fields first, Sum in kopecks, PersAcc, PaymPeriod, payer, TechCode=02', () => {
    // Sum: 10 524,79 ₽ = 1052479 kop (samples.ts: 951230 − 900000 + 999962 + 1287)
    expect(epdQrPayload(sampleMonthly).text).toBe(
      'ST00011|Name=ООО «Расчётный центр Демо-города»|PersonalAcc=40702810200000012345|BankName=ПАО СБЕРБАНК' +
        '|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7705554441|KPP=770501001|Sum=1052479' +
        '|Purpose=Оплата ЖКУ за 10.2026|PersAcc=1000123|PaymPeriod=102026|LastName=Фёдорова|FirstName=Анна' +
        '|MiddleName=Сергеевна|PayerAddress=Демо-город, ул. Садовая, д. 14, кв. 27|TechCode=02',
    );
  });

  it('a debt bill for a payer with Tatar letters is UTF-8; nothing to pay leaves Sum out', () => {
    const p = epdQrPayload(sampleDebt);
    expect(p.text.startsWith('ST00012|Name=')).toBe(true);
    expect(p.text).toContain('|Sum=1371840|Purpose=Оплата задолженности за ЖКУ, ЛС 1000456|');
    expect(p.text).toContain('|LastName=Хәбибуллина|FirstName=Гөлнара|MiddleName=Рәшитовна|');
    const paid = epdQrPayload({ ...sampleMonthly, totalToPayKop: 0 as Kopecks });
    expect(paid.text).not.toContain('Sum=');
    const treasury = epdQrPayload({
      ...sampleMonthly,
      recipient: {
        ...sampleMonthly.recipient,
        bank: { ...sampleMonthly.recipient.bank, correspondentAccount: null },
      },
    });
    expect(treasury.text).toContain('|CorrespAcc=0|'); // "0 if none" (RULES.md §8.2)
  });
});
