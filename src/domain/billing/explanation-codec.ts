/**
 * Explanations stored compactly (docs/performance.md "Billing runs"): a charge line's explanation as written
 * to the database is an array of codes, ids and numbers — the Russian texts of the formula, the RULES sections
 * and the input names replaced by their index in EXPLANATION_TEXTS — and it is rendered back to the full
 * `Explanation` when read. The round trip is exact: `fullExplanation(compactExplanation(e))` deep-equals `e`.
 * A text not in the list is stored as itself, so a new or changed text in the core never loses anything; an
 * explanation of any other shape (another module's, or a row written before this format) is stored and read
 * as it is.
 *
 * Compact form: [1, formula, [rules…], [[name, value, source]…], [[from, to, days, note]…]] where formula, a
 * rule and a name are an index (number) or the text itself (string).
 */
import type { IsoDate } from '../period.js';
import type { Explanation, ExplanationInput } from './types.js';

/**
 * APPEND ONLY: a stored line refers to a text by its position here, so an entry is never removed, reordered
 * or edited (a changed formula is a new entry; old lines keep showing the text they were computed with).
 */
export const EXPLANATION_TEXTS: readonly string[] = [
  'Объём = (текущее показание − последнее принятое) − объёмы, начисленные по среднему за месяцы без показаний; плата = объём × тариф',
  'Плата = объём по показаниям ИПУ × тариф',
  'Плата = число проживающих × норматив × повышающий коэффициент × тариф × дни/дни месяца (коэффициент — к плате, не к объёму)',
  'Плата = число проживающих × норматив × тариф × дни/дни месяца',
  'Плата = площадь помещения × тариф за м² × дни/дни месяца',
  'Плата = сумма за месяц × дни/дни месяца',
  'Плата = число проживающих × тариф на человека × дни/дни месяца',
  'Плата = площадь помещения × норматив отопления (Гкал/м²) × тариф (формула 2)',
  'Плата = среднемесячный объём ОДПУ прошлого года × площадь помещения / площадь всех помещений × тариф (формула 3, равномерно 12 месяцев)',
  'Плата = объём ОДПУ за месяц × площадь помещения / площадь всех помещений × тариф (формула 3)',
  'Объём дома = норматив СОИ × площадь общего имущества; доля помещения = объём дома × площадь помещения / площадь всех помещений; плата = доля × тариф. Сумма дома округляется один раз и делится без потерь',
  'Объём дома = объём ОДПУ − сумма индивидуальных объёмов (не больше норматива, не меньше 0 — по настройкам); доля помещения по площади; плата = доля × тариф. Сумма дома округляется один раз и делится без потерь',
  'Перерасчёт = − отсутствующих × тариф на человека × полных дней отсутствия / дней месяца',
  'Перерасчёт = − отсутствующих × норматив × тариф × полных дней отсутствия / дней месяца (дни отъезда и приезда не считаются)',
  'Уменьшение = − плата за период × Σ процентов (за часы сверх допустимого перерыва, за отступления параметров), не более 100 %',
  'RULES-ADDENDUM §1',
  'RULES-ADDENDUM §2',
  'RULES-ADDENDUM §3',
  'RULES-ADDENDUM §4',
  'RULES.md preamble',
  'RULES.md §1.1',
  'RULES.md §1.2',
  'RULES.md §1.3',
  'RULES.md §10.2',
  'RULES.md §2.1',
  'RULES.md §2.2',
  'RULES.md §3.1',
  'RULES.md §3.2',
  'RULES.md §4.2',
  'RULES.md §5.1',
  'RULES.md §5.2',
  'ЖК РФ ст.156, 158',
  'RULES.md §1.4',
  '% за час',
  'допустимые перерывы',
  'минимум полных дней',
  'норматив СОИ на м² общего имущества',
  'норматив, Гкал/м²',
  'норматив, кВт·ч/чел. в мес.',
  'норматив, м³/чел. в мес.',
  'объём (день)',
  'объём (ночь)',
  'объём ОДПУ, Гкал',
  'объём дома к распределению за период',
  'объём за период',
  'отсутствующих',
  'отъезд — приезд',
  'параметры температуры ГВС',
  'перерывы, мин.',
  'плата за период, коп.',
  'площадь всех помещений S_об, м²',
  'площадь всех помещений, м²',
  'площадь общего имущества S_ои, м²',
  'площадь помещения S_i, м²',
  'площадь помещения, м²',
  'площадь, м²',
  'повышающий коэффициент',
  'полных дней отсутствия (всего)',
  'предел расчёта по среднему, периодов',
  'проживающих',
  'процент уменьшения',
  'способ подсчёта часов сверх допустимого',
  'сумма дома к распределению, коп.',
  'тариф',
  'тариф (день)',
  'тариф (ночь)',
  'температура ГВС, °C',
  'часов сверх допустимого',
  'шагов по 3 °C сверх допустимого × часов',
  'объём ОДПУ',
  'сумма индивидуальных объёмов',
  'тариф на 31.12',
  'фактический объём ОДПУ за год, Гкал',
  'начислено за год, коп.',
  'начислено ранее по среднему',
  'период подряд по среднему',
  'дней по тарифу / дней потребления',
  'температура в помещении / норма, °C',
  'градусов отклонения × часов',
  'выставлено ранее, ₽',
  'по текущим данным, ₽',
  'причина',
  'расчёт',
  'строки начисления услуги',
  'тариф (однотарифный)',
  'тариф (пик)',
  'тариф (полупик)',
  'объём (пик)',
  'объём (полупик)',
  'объём (однотарифный)',
];

const INDEX = new Map(EXPLANATION_TEXTS.map((t, i) => [t, i]));

type Coded = number | string;
export type CompactExplanation = [
  1,
  Coded,
  Coded[],
  [Coded, string, string][],
  [IsoDate, IsoDate, number, string][],
];

const code = (s: string): Coded => INDEX.get(s) ?? s;

function decode(c: Coded): string {
  if (typeof c === 'string') return c;
  const t = EXPLANATION_TEXTS[c];
  if (t === undefined) throw new Error(`explanation text #${c} is unknown`);
  return t;
}

const hasKeys = (o: object, n: number) => Object.keys(o).length === n;

/** Whether the explanation has exactly the core's shape (nothing the compact form would drop). */
function isCoreShape(e: Explanation): boolean {
  return (
    hasKeys(e, 4) &&
    typeof e.formula === 'string' &&
    Array.isArray(e.rules) &&
    e.rules.every((r) => typeof r === 'string') &&
    Array.isArray(e.inputs) &&
    e.inputs.every(
      (i) =>
        hasKeys(i, 3) &&
        typeof i.name === 'string' &&
        typeof i.value === 'string' &&
        typeof i.source === 'string',
    ) &&
    Array.isArray(e.pieces) &&
    e.pieces.every(
      (p) =>
        hasKeys(p, 4) &&
        typeof p.from === 'string' &&
        typeof p.to === 'string' &&
        typeof p.days === 'number' &&
        typeof p.note === 'string',
    )
  );
}

/** The stored form of an explanation: compact for the core's shape, anything else as it is. */
export function compactExplanation(e: unknown): unknown {
  if (e === null || typeof e !== 'object' || !isCoreShape(e as Explanation)) return e;
  const x = e as Explanation;
  return [
    1,
    code(x.formula),
    x.rules.map(code),
    x.inputs.map((i) => [code(i.name), i.value, i.source]),
    x.pieces.map((p) => [p.from, p.to, p.days, p.note]),
  ] satisfies CompactExplanation;
}

/** JSON text of a string: as itself in quotes when nothing in it needs escaping (the usual case), else JSON.stringify. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
const jsonString = (s: string): string => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));

/** The JSON text of a coded text: its index, or the text itself. */
const codedJson = (s: string): string => {
  const i = INDEX.get(s);
  return i === undefined ? jsonString(s) : String(i);
};

/** How many enumerable keys an object has (Object.keys(o).length without making the array). */
function keyCount(o: object): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

/**
 * `JSON.stringify(compactExplanation(e))` written directly (docs/performance.md "Billing runs"): the same text
 * for an explanation of the core's shape, without the intermediate arrays — this runs for every line of a
 * run. Anything of another shape goes through compactExplanation as before.
 */
export function compactExplanationJson(e: unknown): string {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return JSON.stringify(e);
  const x = e as Explanation;
  if (
    keyCount(x) !== 4 ||
    typeof x.formula !== 'string' ||
    !Array.isArray(x.rules) ||
    !Array.isArray(x.inputs)
  )
    return JSON.stringify(compactExplanation(e));
  if (!Array.isArray(x.pieces)) return JSON.stringify(compactExplanation(e));
  let out = `[1,${codedJson(x.formula)},[`;
  for (let i = 0; i < x.rules.length; i++) {
    const r = x.rules[i];
    if (typeof r !== 'string') return JSON.stringify(compactExplanation(e));
    out += i === 0 ? codedJson(r) : `,${codedJson(r)}`;
  }
  out += '],[';
  for (let i = 0; i < x.inputs.length; i++) {
    const v = x.inputs[i]!;
    if (
      typeof v !== 'object' ||
      keyCount(v) !== 3 ||
      typeof v.name !== 'string' ||
      typeof v.value !== 'string' ||
      typeof v.source !== 'string'
    )
      return JSON.stringify(compactExplanation(e));
    out += `${i === 0 ? '' : ','}[${codedJson(v.name)},${jsonString(v.value)},${jsonString(v.source)}]`;
  }
  out += '],[';
  for (let i = 0; i < x.pieces.length; i++) {
    const p = x.pieces[i]!;
    if (
      typeof p !== 'object' ||
      keyCount(p) !== 4 ||
      typeof p.from !== 'string' ||
      typeof p.to !== 'string' ||
      typeof p.days !== 'number' ||
      typeof p.note !== 'string'
    )
      return JSON.stringify(compactExplanation(e));
    out += `${i === 0 ? '' : ','}[${jsonString(p.from)},${jsonString(p.to)},${JSON.stringify(p.days)},${jsonString(p.note)}]`;
  }
  return `${out}]]`;
}

/** The explanation as the operator reads it, from its stored form (compact or as it was written). */
export function fullExplanation(stored: unknown): unknown {
  if (!Array.isArray(stored) || stored[0] !== 1) return stored;
  const [, formula, rules, inputs, pieces] = stored as CompactExplanation;
  return {
    formula: decode(formula),
    rules: rules.map(decode),
    inputs: inputs.map(([name, value, source]): ExplanationInput => ({ name: decode(name), value, source })),
    pieces: pieces.map(([from, to, days, note]) => ({ from, to, days, note })),
  } satisfies Explanation;
}
