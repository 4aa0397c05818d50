/**
 * The catalogue of legal parameters: each number, flag or small rule the law sets and billing reads, with
 * its meaning, kind and versions over time (the first is its first validFrom, the last the default in force
 * today), each with its legal source. Law changes, so these are effective-dated data (legal_parameters); this
 * list is what a new database starts with and what a change is checked against. A note with UNCONFIRMED
 * marks a default the sources do not settle (RULES.md §11, RULES-ADDENDUM.md; docs/registry.md).
 * A resource-specific code (`increasing_coefficient.cold_water`) wins over the general one on its dates.
 */
import { addDays, type IsoDate } from '../period.js';

export const legalParameterKinds = ['decimal', 'integer', 'boolean', 'json'] as const;
export type LegalParameterKind = (typeof legalParameterKinds)[number];

/** One version: from `validFrom` (the next version's start closes it), the value as stored text. */
export type LegalParameterVersion = { validFrom: IsoDate; value: string; source: string };

export type LegalParameterDefinition = {
  code: string;
  /** What it means, in Russian (operators read it). */
  meaning: string;
  kind: LegalParameterKind;
  versions: readonly LegalParameterVersion[];
  /** For a json setting that picks one of a few strategies: the allowed values as JSON text. */
  choices?: readonly string[];
  note?: string;
};

const v = (validFrom: string, value: string, source: string): LegalParameterVersion => ({
  validFrom: validFrom as IsoDate,
  value,
  source,
});
const p = (
  code: string,
  kind: LegalParameterKind,
  meaning: string,
  versions: LegalParameterVersion[],
  extra: { note?: string; choices?: string[] } = {},
): LegalParameterDefinition => ({ code, kind, meaning, versions, ...extra });

const R354 = '2012-09-01'; // Правила 354 (ПП РФ от 06.05.2011 № 354) в силе
const ZHK = '2005-03-01'; // Жилищный кодекс РФ в силе
const PP1498 = '2017-01-01'; // ПП РФ от 26.12.2016 № 1498 в силе
const S603 = 'ПП РФ от 29.06.2016 № 603; Правила 354 п.42, прил.2 ф.4(1) (RULES.md §1.2)';
const S59 = 'Правила 354 п.59 (RULES.md §1.3, RULES-ADDENDUM §1)';
const S155 = 'ЖК РФ ст.155 ч.14 (RULES.md §6.1)';
const S177 = 'ФЗ от 24.06.2025 № 177-ФЗ; письмо Минстроя от 20.02.2026 № 9202-ДН/04 (RULES-ADDENDUM §6)';
const SAPP1 = 'Правила 354, прил.1 (RULES.md §5.2, RULES-ADDENDUM §4)';

const SCBR = 'Банк России, ключевая ставка: https://www.cbr.ru/hd_base/KeyRate/ (RULES.md §6.1, §6.3)';

/** The Bank of Russia key rate: [in force from, % per year, board decision date]. */
const keyRateHistory: readonly (readonly [string, string, string])[] = [
  ['2016-01-01', '11', '11.12.2015 (ставка рефинансирования приравнена к ключевой, указание № 3894-У)'],
  ['2016-06-14', '10.5', '10.06.2016'],
  ['2016-09-19', '10', '16.09.2016'],
  ['2017-03-27', '9.75', '24.03.2017'],
  ['2017-05-02', '9.25', '28.04.2017'],
  ['2017-06-19', '9', '16.06.2017'],
  ['2017-09-18', '8.5', '15.09.2017'],
  ['2017-10-30', '8.25', '27.10.2017'],
  ['2017-12-18', '7.75', '15.12.2017'],
  ['2018-02-12', '7.5', '09.02.2018'],
  ['2018-03-26', '7.25', '23.03.2018'],
  ['2018-09-17', '7.5', '14.09.2018'],
  ['2018-12-17', '7.75', '14.12.2018'],
  ['2019-06-17', '7.5', '14.06.2019'],
  ['2019-07-29', '7.25', '26.07.2019'],
  ['2019-09-09', '7', '06.09.2019'],
  ['2019-10-28', '6.5', '25.10.2019'],
  ['2019-12-16', '6.25', '13.12.2019'],
  ['2020-02-10', '6', '07.02.2020'],
  ['2020-04-27', '5.5', '24.04.2020'],
  ['2020-06-22', '4.5', '19.06.2020'],
  ['2020-07-27', '4.25', '24.07.2020'],
  ['2021-03-22', '4.5', '19.03.2021'],
  ['2021-04-26', '5', '23.04.2021'],
  ['2021-06-15', '5.5', '11.06.2021'],
  ['2021-07-26', '6.5', '23.07.2021'],
  ['2021-09-13', '6.75', '10.09.2021'],
  ['2021-10-25', '7.5', '22.10.2021'],
  ['2021-12-20', '8.5', '17.12.2021'],
  ['2022-02-14', '9.5', '11.02.2022'],
  ['2022-02-28', '20', '28.02.2022'],
  ['2022-04-11', '17', '08.04.2022'],
  ['2022-05-04', '14', '29.04.2022'],
  ['2022-05-27', '11', '26.05.2022'],
  ['2022-06-14', '9.5', '10.06.2022'],
  ['2022-07-25', '8', '22.07.2022'],
  ['2022-09-19', '7.5', '16.09.2022'],
  ['2023-07-24', '8.5', '21.07.2023'],
  ['2023-08-15', '12', '15.08.2023'],
  ['2023-09-18', '13', '15.09.2023'],
  ['2023-10-30', '15', '27.10.2023'],
  ['2023-12-18', '16', '15.12.2023'],
  ['2024-07-29', '18', '26.07.2024'],
  ['2024-09-16', '19', '13.09.2024'],
  ['2024-10-28', '21', '25.10.2024'],
  ['2025-06-09', '20', '06.06.2025'],
  ['2025-07-28', '18', '25.07.2025'],
  ['2025-09-15', '17', '12.09.2025'],
  ['2025-10-27', '16.5', '24.10.2025'],
  ['2025-12-22', '16', '19.12.2025'],
];

/**
 * The production calendar for the ГК ст.193 shift of a due date: per year, the weekdays that are days off
 * (holidays of ТК ст.112 and the days off moved onto weekdays) and the Saturdays that are working days.
 * Saturdays and Sundays not listed as working are days off.
 */
const productionCalendar: readonly (readonly [number, string[], string[], string])[] = [
  [
    2020,
    [
      '2020-01-01',
      '2020-01-02',
      '2020-01-03',
      '2020-01-06',
      '2020-01-07',
      '2020-01-08',
      '2020-02-24',
      '2020-03-09',
      '2020-05-01',
      '2020-05-04',
      '2020-05-05',
      '2020-05-11',
      '2020-06-12',
      '2020-06-24',
      '2020-07-01',
      '2020-11-04',
    ],
    [],
    'ТК РФ ст.112; ПП РФ от 10.07.2019 № 875; указы Президента от 29.05.2020 № 345 (24.06) и от 01.06.2020 № 354 (01.07)',
  ],
  [
    2021,
    [
      '2021-01-01',
      '2021-01-04',
      '2021-01-05',
      '2021-01-06',
      '2021-01-07',
      '2021-01-08',
      '2021-02-22',
      '2021-02-23',
      '2021-03-08',
      '2021-05-03',
      '2021-05-10',
      '2021-06-14',
      '2021-11-04',
      '2021-11-05',
      '2021-12-31',
    ],
    ['2021-02-20'],
    'ТК РФ ст.112; ПП РФ от 10.10.2020 № 1648',
  ],
  [
    2022,
    [
      '2022-01-03',
      '2022-01-04',
      '2022-01-05',
      '2022-01-06',
      '2022-01-07',
      '2022-02-23',
      '2022-03-07',
      '2022-03-08',
      '2022-05-02',
      '2022-05-03',
      '2022-05-09',
      '2022-05-10',
      '2022-06-13',
      '2022-11-04',
    ],
    ['2022-03-05'],
    'ТК РФ ст.112; ПП РФ от 29.09.2021 № 1648',
  ],
  [
    2023,
    [
      '2023-01-02',
      '2023-01-03',
      '2023-01-04',
      '2023-01-05',
      '2023-01-06',
      '2023-02-23',
      '2023-02-24',
      '2023-03-08',
      '2023-05-01',
      '2023-05-08',
      '2023-05-09',
      '2023-06-12',
      '2023-11-06',
    ],
    [],
    'ТК РФ ст.112; ПП РФ от 29.08.2022 № 1506',
  ],
  [
    2024,
    [
      '2024-01-01',
      '2024-01-02',
      '2024-01-03',
      '2024-01-04',
      '2024-01-05',
      '2024-01-08',
      '2024-02-23',
      '2024-03-08',
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      '2024-05-09',
      '2024-05-10',
      '2024-06-12',
      '2024-11-04',
      '2024-12-30',
      '2024-12-31',
    ],
    ['2024-04-27', '2024-11-02', '2024-12-28'],
    'ТК РФ ст.112; ПП РФ от 10.08.2023 № 1314',
  ],
  [
    2025,
    [
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-06',
      '2025-01-07',
      '2025-01-08',
      '2025-05-01',
      '2025-05-02',
      '2025-05-08',
      '2025-05-09',
      '2025-06-12',
      '2025-06-13',
      '2025-11-03',
      '2025-11-04',
      '2025-12-31',
    ],
    ['2025-11-01'],
    'ТК РФ ст.112; ПП РФ от 04.10.2024 № 1335',
  ],
  [
    2026,
    [
      '2026-01-01',
      '2026-01-02',
      '2026-01-05',
      '2026-01-06',
      '2026-01-07',
      '2026-01-08',
      '2026-01-09',
      '2026-02-23',
      '2026-03-09',
      '2026-05-01',
      '2026-05-11',
      '2026-06-12',
      '2026-11-04',
      '2026-12-31',
    ],
    [],
    'ТК РФ ст.112; ПП РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году» (RULES-ADDENDUM §6: 15.03.2026 — воскресенье, срок 16.03)',
  ],
  [
    2027,
    [
      '2027-01-01',
      '2027-01-04',
      '2027-01-05',
      '2027-01-06',
      '2027-01-07',
      '2027-01-08',
      '2027-02-23',
      '2027-03-08',
      '2027-05-03',
      '2027-05-10',
      '2027-06-14',
      '2027-11-04',
    ],
    [],
    'ТК РФ ст.112 ч.1–2 (праздник в выходной переносится на следующий рабочий день); переносы 2 и 3 января — UNCONFIRMED до постановления Правительства (по сообщениям о проекте: 05.11 нерабочий, суббота 13.11 рабочая — не внесено)',
  ],
];

export const legalParameterCatalogue: readonly LegalParameterDefinition[] = [
  p(
    'increasing_coefficient',
    'decimal',
    'Повышающий коэффициент к нормативу, если ИПУ можно установить, но его нет',
    [v('2016-07-01', '1.4', S603), v('2017-01-01', '1.5', S603)],
    { note: 'Применяется к плате, не к объёму (RULES-ADDENDUM §2). Номер формулы прил.2 UNCONFIRMED' },
  ),
  p(
    'increasing_coefficient.resources',
    'json',
    'Ресурсы, к нормативу которых применяется повышающий коэффициент (есть техническая возможность установить ИПУ)',
    [
      v(
        '2016-07-01',
        '["cold_water","hot_water","electricity","gas","wastewater"]',
        'Правила 354 п.42, прил.2 ф.4(1); ПП РФ от 29.06.2016 № 603 (RULES.md §1.2)',
      ),
    ],
    { note: 'Для газа и водоотведения значение коэффициента — 1 (отдельные коды)' },
  ),
  p(
    'increasing_coefficient.cold_water',
    'decimal',
    'Повышающий коэффициент для холодного водоснабжения (вместо общего)',
    [v('2025-12-06', '3', 'ПП РФ от 25.11.2025 № 1871 (RULES.md §1.2, RULES-ADDENDUM §2)')],
    { note: 'Также после 3 периодов с истёкшей поверкой и при недопуске к проверке' },
  ),
  p(
    'increasing_coefficient.wastewater',
    'decimal',
    'Повышающий коэффициент для водоотведения',
    [v('2016-07-01', '1', 'RULES.md §1.2: коэффициент не применяется к водоотведению')],
    { note: 'UNCONFIRMED: сообщения РИА 2026 г. называют 1,5 для водоотведения (RULES-ADDENDUM §2)' },
  ),
  p('increasing_coefficient.gas', 'decimal', 'Повышающий коэффициент для газоснабжения', [
    v('2016-07-01', '1', 'RULES.md §1.2: коэффициент не применяется к газоснабжению'),
  ]),
  p('readings.window_day', 'integer', 'Последний день передачи показаний за месяц', [
    v(R354, '25', 'Правила 354 (RULES.md §1.1)'),
  ]),
  p(
    'readings.hold_multiple',
    'decimal',
    'Объём больше этого кратного среднемесячного задерживается до подтверждения оператором',
    [v(R354, '3', 'Настройка расчётного центра (issue 4; docs/meters.md): законом не установлена')],
    { note: 'Не норма закона: порог проверки показаний, выбран по умолчанию 3' },
  ),
  p('average.base_months', 'integer', 'Период для среднемесячного объёма, месяцев', [v(PP1498, '6', S59)], {
    note: 'UNCONFIRMED: дата редакции; прежняя редакция — 1 год, не применять',
  }),
  p('average.min_months', 'integer', 'Минимальный период работы прибора для расчёта среднего, месяцев', [
    v(PP1498, '3', S59),
  ]),
  p('average.limit_months.residential', 'integer', 'Предел среднего (п.59 «а», «в»), периодов, жилое', [
    v(PP1498, '3', S59),
  ]),
  p(
    'average.limit_months.non_residential',
    'integer',
    'Предел среднего (п.59 «а»), периодов, нежилое',
    [v(PP1498, '2', S59)],
    { note: 'UNCONFIRMED: источник слабый (машинный перевод)' },
  ),
  p(
    'average.limit_months.not_submitted.residential',
    'integer',
    'Предел расчёта по среднему при непередаче показаний (п.59 «б»), жилое',
    [v(PP1498, '3', S59)],
    { note: 'UNCONFIRMED: источники расходятся (3 или 6); принято 3 по RULES-ADDENDUM §1' },
  ),
  p(
    'average.limit_months.not_submitted.non_residential',
    'integer',
    'Предел расчёта по среднему при непередаче показаний (п.59 «б»), нежилое',
    [v(PP1498, '2', S59)],
    { note: 'UNCONFIRMED (RULES-ADDENDUM §1)' },
  ),
  p(
    'average.limit.apply_k_after',
    'boolean',
    'После предела расчёта по среднему — норматив с повышающим коэффициентом (п.60, жилые)',
    [v(PP1498, 'true', 'Правила 354 п.60 (RULES-ADDENDUM §1)')],
    { note: 'UNCONFIRMED: RULES.md §1.3 считал false для п.59 «б»; RULES-ADDENDUM склоняется к true' },
  ),
  p(
    'average.limit_months.heating_common_meter',
    'integer',
    'Предел расчёта отопления по среднему при неисправном ОДПУ, месяцев',
    [
      v(R354, '3', 'Правила 354 п.59(1)'),
      v('2025-03-01', '6', 'ПП РФ от 29.08.2024 № 1176 (RULES-ADDENDUM §1)'),
    ],
    { note: 'Температурная поправка ПП 1176 — UNCONFIRMED' },
  ),
  p(
    'verification.interval_years',
    'json',
    'Межповерочные интервалы ИПУ по умолчанию (если не введены из паспорта), лет',
    [
      v(
        R354,
        '{"cold_water":6,"hot_water":4,"heating":4}',
        'Паспорт прибора; типичные значения (RULES.md §10.1)',
      ),
    ],
  ),
  p(
    'verification.suspensions',
    'json',
    'Периоды, когда истечение поверки не делало прибор вышедшим из строя (п.81(12) «д»)',
    [
      v(
        '2020-04-06',
        '[{"from":"2020-04-06","to":"2020-12-31"}]',
        'ПП РФ от 02.04.2020 № 424 (RULES.md §10.1, RULES-ADDENDUM §8)',
      ),
    ],
  ),
  p(
    'penalty.due_day',
    'integer',
    'Срок оплаты: до этого числа месяца, следующего за расчётным',
    [v(ZHK, '10', 'ЖК РФ ст.155 ч.1 (RULES.md §6.2)'), v('2026-02-01', '15', S177)],
    {
      note: 'Дата версии — начало расчётного периода документа (с документов за февраль 2026). До 2026-03 договор мог установить иной срок',
    },
  ),
  p(
    'penalty.due_date_weekend_shift',
    'boolean',
    'Срок оплаты, выпавший на выходной, переносится на следующий рабочий день',
    [
      v(ZHK, 'false', 'RULES.md §6.6: примеры без переноса'),
      v('2026-02-01', 'true', 'ГК РФ ст.193 (RULES-ADDENDUM §6)'),
    ],
    {
      note: 'UNCONFIRMED: ст.193 действует и раньше; до 2026-02 выключено, чтобы примеры RULES.md §6.6 сохранились',
    },
  ),
  p(
    'penalty.scale',
    'json',
    'Шкала пени: дни без пени, затем доля ставки 1/divisor в день с дня fromDay',
    [
      v(
        '2016-01-01',
        '{"graceDays":30,"stages":[{"fromDay":31,"divisor":300},{"fromDay":91,"divisor":130}]}',
        S155,
      ),
    ],
    { note: 'UNCONFIRMED: дата действующей редакции ч.14' },
  ),
  p('penalty.payment_day_counts', 'boolean', 'День оплаты включается в расчёт пени', [
    v('2016-01-01', 'true', 'ЖК РФ ст.155 ч.14 «по день фактической оплаты» (RULES-ADDENDUM §8)'),
  ]),
  p(
    'penalty.key_rate_cap',
    'json',
    'Особый порядок ставки пени (по дате оплаты): fixed — ставка, min — минимум из неё и ключевой, none — ключевая',
    [
      v('2022-02-28', '{"mode":"fixed","rate":"9.5"}', 'ПП РФ от 26.03.2022 № 474 (RULES.md §6.3)'),
      v(
        '2022-09-23',
        '{"mode":"min","rate":"9.5"}',
        'ПП РФ от 23.09.2022 № 1681; № 2479, № 2382, № 329 (RULES.md §6.3)',
      ),
      v('2027-01-01', '{"mode":"none"}', 'ПП РФ от 18.03.2025 № 329: до 01.01.2027 (RULES-ADDENDUM §7)'),
    ],
    { note: 'UNCONFIRMED: ПП 329 — фиксированные 9,5 % или минимум; выбран минимум' },
  ),
  p(
    'penalty.moratoria',
    'json',
    'Мораторные периоды без пени; obligationsBefore — только долги, возникшие до даты (по месяцу поставки)',
    [
      v(
        '2020-04-06',
        '[{"act":"ПП РФ от 02.04.2020 № 424","from":"2020-04-06","to":"2020-12-31"},{"act":"ПП РФ от 28.03.2022 № 497","from":"2022-04-01","to":"2022-10-01","obligationsBefore":"2022-04-01"}]',
        'ПП РФ от 02.04.2020 № 424; ПП РФ от 28.03.2022 № 497 (RULES-ADDENDUM §8)',
      ),
    ],
  ),
  p(
    'penalty.rate_date',
    'json',
    'На какую дату берётся ставка пени: день фактической оплаты (для неоплаченного — дата расчёта) или дата расчёта для всего долга',
    [v('2016-01-01', '"payment_day"', S155)],
    {
      choices: ['"payment_day"', '"calculation_date"'],
      note: 'Версия — по началу расчётного периода долга. Практика судов (ставка на дату решения, Пленум ВС № 22) UNCONFIRMED (RULES.md §6.1)',
    },
  ),
  p(
    'key_rate',
    'decimal',
    'Ключевая ставка Банка России, % годовых (с 01.01.2016 ставка рефинансирования равна ключевой)',
    keyRateHistory.map(([from, rate, decision]) => v(from, rate, `${SCBR}; решение от ${decision}`)),
    {
      note: 'Дата версии — день, с которого ставка действует (обычно понедельник после решения). Решения 2026 г. вносятся новыми версиями: в каталоге их нет (не сверены)',
    },
  ),
  p(
    'calendar.non_working_days',
    'json',
    'Производственный календарь: нерабочие праздничные дни и перенесённые выходные в будни (holidays) и рабочие субботы/воскресенья (workingDays); версия — на год',
    productionCalendar.map(([year, holidays, workingDays, source]) =>
      v(`${year}-01-01`, JSON.stringify({ year, holidays, workingDays }), source),
    ),
    {
      note: 'Для переноса срока оплаты по ГК ст.193. Реквизиты постановлений о переносе подлежат сверке с официальным текстом. Нерабочие дни по указам Президента 2020–2021 гг. не включены (Обзор ВС № 1 от 21.04.2020, вопрос 2). 2027: по ТК ст.112 без январских переносов — UNCONFIRMED до постановления',
    },
  ),
  p(
    'payment_allocation.policy',
    'json',
    'Разнесение платежа: порядок периодов, учёт указанного плательщиком периода и сумм по услугам, место пени',
    [
      v(
        R354,
        '{"periodOrder":"oldest_first","honourNamedPeriod":true,"honourServiceAmounts":true,"penalties":"after_principal"}',
        'Правила 354 п.118; ГК ст.319.1; Пленум ВС № 22 п.32 (RULES.md §7.1)',
      ),
    ],
    {
      note: 'UNCONFIRMED: очерёдность периодов и пени (ГК ст.319 к пени не применяется; обычная практика — сначала основной долг)',
    },
  ),
  p('payment_document.delivery_day', 'integer', 'День следующего месяца, до которого представляется ПД', [
    v(R354, '1', 'Правила 354 п.67 (RULES.md §8.1)'),
    v('2026-02-01', '5', S177),
  ]),
  p(
    'payment_document.qr_paym_period_format',
    'json',
    'Формат поля PaymPeriod в QR-коде ЕПД (ГОСТ Р 56042-2014): ММГГГГ или ММ.ГГГГ',
    [v(R354, '"MMYYYY"', 'RULES.md §8.2: формат ММГГГГ по практике расчётов')],
    {
      choices: ['"MMYYYY"', '"MM.YYYY"'],
      note: 'UNCONFIRMED: стандарт не прочитан (RULES.md §8.2); значение записывается в снимок ЕПД при выпуске',
    },
  ),
  p(
    'temporary_absence.min_days',
    'integer',
    'Минимум полных дней отсутствия для перерасчёта («более 5», т.е. от 6; дни отъезда и приезда не считаются)',
    [v(PP1498, '6', 'Правила 354 п.86 в ред. ПП № 1498, п.90 (RULES.md §4, RULES-ADDENDUM §3)')],
  ),
  p(
    'temporary_absence.electricity',
    'json',
    'Электроснабжение при временном отсутствии: исключено только на отопление или полностью',
    [v(PP1498, '"heating_use_only"', 'Правила 354 п.86 (RULES-ADDENDUM §3)')],
    { choices: ['"heating_use_only"', '"all"'], note: 'UNCONFIRMED: текст читается двояко' },
  ),
  p('temporary_absence.application_days', 'integer', 'Срок заявления после возвращения, дней', [
    v(PP1498, '30', 'Правила 354 п.91 (RULES.md §4.1; нумерация UNCONFIRMED)'),
  ]),
  p(
    'common_needs.cap_by_norm',
    'boolean',
    'КР на СОИ по ОДПУ не больше объёма по нормативу',
    [v(PP1498, 'true', 'ЖК РФ ст.156 ч.9.2 (RULES.md §2.1)')],
    { note: 'UNCONFIRMED: распространённая практика с 2017 г.' },
  ),
  p(
    'common_needs.negative_as_zero',
    'boolean',
    'Отрицательная разница ОДПУ и суммы индивидуальных объёмов начисляется как 0, не в зачёт',
    [v(PP1498, 'true', 'RULES.md §2.1')],
    { note: 'UNCONFIRMED: прежние правила распределяли отрицательный ОДН' },
  ),
  p('quality.reduction_percent_per_hour', 'decimal', 'Снижение платы за час сверх допустимого перерыва, %', [
    v(R354, '0.15', SAPP1),
  ]),
  p(
    'quality.permitted_interruptions',
    'json',
    'Допустимые перерывы, часов: за месяц (month), единовременно (once) и особые случаи',
    [
      v(
        R354,
        '{"cold_water":{"month":8,"once":4},"hot_water":{"month":8,"once":4,"deadEndAccident":24},"wastewater":{"month":8,"once":4},"electricity":{"twoSources":2,"oneSource":24},"gas":{"month":4},"heating":{"month":24,"onceAt12":16,"onceAt10":8,"onceAt8":4}}',
        SAPP1,
      ),
    ],
  ),
  p(
    'quality.hot_water_temperature',
    'json',
    'Температура ГВС: норма, допустимое отклонение днём и ночью, шаг °C, % за шаг за час, ниже какой — оплата как ХВС',
    [
      v(
        R354,
        '{"norm":60,"dayDeviation":3,"nightDeviation":5,"stepDegrees":3,"wholeSteps":true,"percentPerStepHour":"0.1","coldBelow":40}',
        'Правила 354, прил.1 п.5 (RULES.md §5.2, RULES-ADDENDUM §4)',
      ),
    ],
    { note: 'UNCONFIRMED: учитываются ли неполные шаги 3 °C (wholeSteps: true — только полные)' },
  ),
  p(
    'quality.room_temperature',
    'json',
    'Температура в помещении: допустимое снижение ночью, превышение, % за градус за час',
    [
      v(
        R354,
        '{"nightDrop":3,"above":4,"percentPerDegreeHour":"0.15"}',
        'Правила 354, прил.1 п.15 (RULES.md §5.2, RULES-ADDENDUM §4)',
      ),
    ],
  ),
  p(
    'quality.excess_hours_method',
    'json',
    'Подсчёт часов превышения: сумма по событиям, сверх месячного лимита, объединение часов',
    [v(R354, '"monthly_total"', SAPP1)],
    {
      choices: ['"per_event_sum"', '"monthly_total"', '"union"'],
      note: 'UNCONFIRMED: выбран «сверх месячного лимита» — он воспроизводит примеры RULES.md §5.3',
    },
  ),
  p(
    'heating.payment_schedule',
    'json',
    'Порядок оплаты отопления: в отопительный период (heating_season) или равномерно 12 месяцев (twelve_months), и месяцы отопительного периода',
    [
      v(
        R354,
        '{"schedule":"heating_season","seasonMonths":[1,2,3,4,5,10,11,12]}',
        'Правила 354 п.42(1); ПП РФ от 27.06.2016 № 857 — решение субъекта РФ (RULES.md §3.1)',
      ),
    ],
    {
      note: 'UNCONFIRMED: способ оплаты и границы сезона выбирает субъект РФ; задавайте версию с region для своего региона',
    },
  ),
  p(
    'heating.annual_correction_month',
    'integer',
    'Месяц (1–12), в расчётном периоде которого начисляется годовая корректировка платы за отопление по ОДПУ за прошлый год, при оплате равномерно 12 месяцев',
    [v(R354, '1', 'Правила 354 п.42(1): корректировка в I квартале следующего года (RULES.md §3.1)')],
    {
      note: 'UNCONFIRMED: правила называют только I квартал; январь — первый период, когда декабрь уже закрыт',
    },
  ),
  p(
    'flat_meter.weight_basis',
    'json',
    'Как объём общеквартирного ПУ коммунальной квартиры делится между счетами её комнат: по числу проживающих (residents, человеко-дни периода) или по площади комнат с долей счёта (area); если у всех счетов квартиры вес 0 (никто не проживает) — по площади',
    [v(R354, '"residents"', 'Правила 354 п.50: пропорционально числу проживающих в каждой комнате')],
    {
      choices: ['"residents"', '"area"'],
      note: 'UNCONFIRMED: п.50 не прочитан в официальном тексте (в RULES.md его нет); переход к площади, когда никто не проживает, — выбор проекта',
    },
  ),
];

const byCode = new Map(legalParameterCatalogue.map((d) => [d.code, d]));

export function legalParameterDefinition(code: string): LegalParameterDefinition | undefined {
  return byCode.get(code);
}

/** The value a new database starts with today: the last version. */
export function defaultValue(d: LegalParameterDefinition): string {
  return d.versions.at(-1)!.value;
}

/** The versions as rows: each one ends the day before the next begins; the last one is open-ended. */
export function catalogueRows(
  d: LegalParameterDefinition,
): { validFrom: IsoDate; validTo: IsoDate | null; value: string; source: string }[] {
  return d.versions.map((ver, i) => {
    const next = d.versions[i + 1];
    return { ...ver, validTo: next ? addDays(next.validFrom, -1) : null };
  });
}
