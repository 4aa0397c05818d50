/**
 * Payment registry formats (RULES.md §9): there is no national format, so a format is data — encoding,
 * separator, a column map, tagged sub-fields (`CLIENTNO:<account>`), meter readings carried in the line and
 * a totals line that must match. An agent (bank, post, terminal network) is configured with one of these
 * and may override its encoding or separator (`withOverrides`). docs/formats/payment-registries.md
 * documents each built-in format with an example.
 */

export const registryEncodings = ['utf8', 'cp1251', 'cp866'] as const;
export type RegistryEncoding = (typeof registryEncodings)[number];

/** The fields of a payment line a format can carry. */
export const registryFields = [
  'agentPaymentId',
  'paidOn',
  'time',
  'branch',
  'cashier',
  'operation',
  'account',
  'payerName',
  'address',
  'period',
  'amount',
  'fee',
  'documentNo',
  'method',
] as const;
export type RegistryField = (typeof registryFields)[number];

export type ReadingsLayout =
  /** Each reading a tagged field `<prefix><meter>:<value>`, e.g. `CounterVal_1:123.456`. */
  | { kind: 'tags'; prefix: string }
  /** One column of `<meter>=<value>` items separated by `itemSeparator`, e.g. `ХВ-1=123.4,ГВ-1=56`. */
  | { kind: 'column'; column: number; itemSeparator: string };

export type TotalsLayout = {
  /** The totals line starts with this text; the rest is split by the separator. */
  marker: string;
  /** 1-based positions after the marker. */
  count: number;
  amount: number;
  fee: number | null;
};

export type RegistryFormat = {
  code: string;
  name: string;
  encoding: RegistryEncoding;
  separator: string;
  /** Lines at the top that are a header, not payments. */
  headerLines: number;
  /** 1-based column of each field carried in a fixed position. */
  columns: Partial<Record<RegistryField, number>>;
  /** Fields carried as `TAG:value` in any column after the fixed ones. */
  tags: Partial<Record<RegistryField, string>>;
  readings: ReadingsLayout | null;
  dateFormat: 'dd/mm/yyyy' | 'dd.mm.yyyy' | 'yyyy-mm-dd';
  periodFormat: 'mmyyyy' | 'mm.yyyy' | 'yyyy-mm';
  /** The agent's own id of a payment: these fields joined with '/' (idempotency: the same id twice is one payment). */
  agentIdFields: readonly RegistryField[];
  /** Fields a line must have. */
  required: readonly RegistryField[];
  /** The totals line; null when the format has none. */
  totals: TotalsLayout | null;
};

/**
 * The project's own format (documented default): UTF-8, `;`, one header line, a totals line
 * `=<count>;<amount>;<fee>`. Columns: id; date dd.mm.yyyy; account; period mm.yyyy; amount; fee; payer;
 * address; readings `<meter>=<value>,…`.
 */
export const defaultRegistryFormat: RegistryFormat = {
  code: 'zhkh-default',
  name: 'Формат ЕРЦ (по умолчанию)',
  encoding: 'utf8',
  separator: ';',
  headerLines: 1,
  columns: {
    agentPaymentId: 1,
    paidOn: 2,
    account: 3,
    period: 4,
    amount: 5,
    fee: 6,
    payerName: 7,
    address: 8,
  },
  tags: {},
  readings: { kind: 'column', column: 9, itemSeparator: ',' },
  dateFormat: 'dd.mm.yyyy',
  periodFormat: 'mm.yyyy',
  agentIdFields: ['agentPaymentId'],
  required: ['agentPaymentId', 'paidOn', 'account', 'amount'],
  totals: { marker: '=', count: 1, amount: 2, fee: 3 },
};

/**
 * Сбербанк-style payment registry (RULES.md §9, "a Sberbank payment registry variant", observed behaviour
 * of a public parser, not a specification): cp1251, `;`, no header; 1 ГОСБ, 2 branch, 3 cashier, 4 date
 * dd/mm/yyyy, 5 amount, 6 the fee charged to the recipient, 7 the operation number; then tagged sub-fields
 * `CLIENTNO:<account>`, `CLIENTDOCNO:<payment document no.>`, `PERIOD:<mmyyyy>`, `FIO:`, `ADDRESS:`,
 * `method_pay:<method>` and readings `CounterVal_<n>:<value>`; closing line `=<count>;<amount>;<fee>`.
 * The operation is identified by ГОСБ/branch/cashier/operation/date. The totals line and the PERIOD, FIO and
 * ADDRESS tags are this project's assumption (UNCONFIRMED): a bank's contract fixes the real template.
 */
export const sberbankRegistryFormat: RegistryFormat = {
  code: 'sberbank',
  name: 'Сбербанк (реестр платежей, теги CLIENTNO)',
  encoding: 'cp1251',
  separator: ';',
  headerLines: 0,
  columns: { branch: 2, cashier: 3, paidOn: 4, amount: 5, fee: 6, operation: 7 },
  tags: {
    account: 'CLIENTNO',
    documentNo: 'CLIENTDOCNO',
    period: 'PERIOD',
    payerName: 'FIO',
    address: 'ADDRESS',
    method: 'method_pay',
  },
  readings: { kind: 'tags', prefix: 'CounterVal_' },
  dateFormat: 'dd/mm/yyyy',
  periodFormat: 'mmyyyy',
  agentIdFields: ['branch', 'cashier', 'operation', 'paidOn'],
  required: ['operation', 'paidOn', 'account', 'amount'],
  totals: { marker: '=', count: 1, amount: 2, fee: 3 },
};

export const builtInRegistryFormats: readonly RegistryFormat[] = [
  defaultRegistryFormat,
  sberbankRegistryFormat,
];

export function registryFormat(code: string): RegistryFormat | undefined {
  return builtInRegistryFormats.find((f) => f.code === code);
}

/** An agent's configuration of a format: its own encoding, separator, column map, tags… (the code stays). */
export function withOverrides(
  format: RegistryFormat,
  overrides: Partial<Omit<RegistryFormat, 'code'>>,
): RegistryFormat {
  return { ...format, ...overrides, code: format.code };
}

/**
 * Checks a format (a stored agent configuration) before it is used: every problem with its field. The
 * id fields and the required ones must be carried by a column or a tag; columns are distinct positions.
 */
export function registryFormatProblems(f: RegistryFormat): { field: string; problem: string }[] {
  const problems: { field: string; problem: string }[] = [];
  if (!(registryEncodings as readonly string[]).includes(f.encoding))
    problems.push({ field: 'encoding', problem: `одна из: ${registryEncodings.join(', ')}` });
  if (f.separator === '' || f.separator === ':' || f.separator.includes('\n'))
    problems.push({ field: 'separator', problem: 'непустой разделитель, не «:» и не перевод строки' });
  if (!Number.isInteger(f.headerLines) || f.headerLines < 0)
    problems.push({ field: 'headerLines', problem: 'целое число строк не меньше 0' });
  const positions = new Map<number, string>();
  for (const [field, column] of Object.entries(f.columns)) {
    if (!(registryFields as readonly string[]).includes(field))
      problems.push({ field: `columns.${field}`, problem: 'нет такого поля' });
    if (!Number.isInteger(column) || column < 1)
      problems.push({ field: `columns.${field}`, problem: 'номер колонки с 1' });
    else if (positions.has(column))
      problems.push({
        field: `columns.${field}`,
        problem: `колонка ${column} уже занята полем ${positions.get(column)}`,
      });
    else positions.set(column, field);
  }
  for (const [field, tag] of Object.entries(f.tags)) {
    if (!(registryFields as readonly string[]).includes(field))
      problems.push({ field: `tags.${field}`, problem: 'нет такого поля' });
    if (!tag || tag.includes(':') || (f.separator !== '' && tag.includes(f.separator)))
      problems.push({ field: `tags.${field}`, problem: 'тег без «:» и без разделителя' });
  }
  const carried = (x: RegistryField) => f.columns[x] !== undefined || f.tags[x] !== undefined;
  for (const x of f.agentIdFields)
    if (!carried(x))
      problems.push({ field: 'agentIdFields', problem: `поле ${x} нет ни в колонках, ни в тегах` });
  if (f.agentIdFields.length === 0)
    problems.push({ field: 'agentIdFields', problem: 'нужен идентификатор платежа' });
  for (const x of ['account', 'amount', 'paidOn'] as const)
    if (!carried(x)) problems.push({ field: `columns.${x}`, problem: 'поле обязательно для платежа' });
  for (const x of f.required)
    if (!carried(x)) problems.push({ field: 'required', problem: `поле ${x} нет ни в колонках, ни в тегах` });
  if (f.totals) {
    for (const k of ['count', 'amount'] as const)
      if (!Number.isInteger(f.totals[k]) || f.totals[k] < 1)
        problems.push({ field: `totals.${k}`, problem: 'номер позиции с 1' });
    if (f.totals.marker === '')
      problems.push({ field: 'totals.marker', problem: 'непустой признак итоговой строки' });
  }
  return problems;
}

/** What an agent's own configuration may change in the built-in format it starts from. */
export type AgentFormatOverrides = Partial<
  Pick<
    RegistryFormat,
    'encoding' | 'separator' | 'headerLines' | 'columns' | 'tags' | 'dateFormat' | 'periodFormat'
  >
>;

/**
 * A payment agent's own format (docs/finance.md "Payment registry files"): a built-in format and the agent's
 * differences from it; checked whole, every problem with its field (`base`, or the field of the override).
 */
export function agentRegistryFormat(
  base: string,
  overrides: AgentFormatOverrides,
):
  | { format: RegistryFormat; problems: [] }
  | { format: null; problems: { field: string; problem: string }[] } {
  const builtIn = registryFormat(base);
  if (!builtIn)
    return { format: null, problems: [{ field: 'base', problem: `нет формата реестра ${base}` }] };
  const format = withOverrides(builtIn, overrides);
  const problems = registryFormatProblems(format);
  return problems.length > 0 ? { format: null, problems } : { format, problems: [] };
}
