// Финансы → Оборотно-сальдовая ведомость (docs/finance.md "Balances"): for a house, a manager's houses, a
// supplier, an account or everything the operator sees, for a period, by line (account × service × supplier),
// by account or by service × supplier, with the totals row and the XLSX download. The choice lives in the URL
// (?scope=house&id=…&period=…&groupBy=…), so a link opens the same sheet.
import { useQuery } from '@tanstack/react-query';
import { API_BASE, apiRequest, toQueryString } from '../api/client';
import type { House, Page } from '../api/types';
import { useSearchParams } from '../app/router';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { FilterBar, SelectFilter, TextFilter } from '../components/filters';
import { PageHeader } from '../components/page';
import { FinanceTabs } from './finance-tabs';
import { rublesOf } from './penalty-page';

/** The money columns of a turnover row (kopecks). */
export type TurnoverMoney = {
  openingKop: number;
  chargedKop: number;
  recalculatedKop: number;
  penaltyKop: number;
  paidKop: number;
  closingKop: number;
};
type Row = TurnoverMoney & {
  accountId: number | null;
  accountNumber: string | null;
  serviceCode: string | null;
  supplierName: string | null;
};
type Sheet = { period: string; rows: Row[]; totals: Row };

const SCOPES = [
  { value: 'house', label: 'Дом', param: 'houseId' },
  { value: 'manager', label: 'Управляющая организация', param: 'managerId' },
  { value: 'supplier', label: 'Поставщик', param: 'supplierId' },
  { value: 'account', label: 'Лицевой счёт (№ в картотеке)', param: 'accountId' },
] as const;
const GROUPS = [
  { value: 'line', label: 'счёт × услуга × поставщик' },
  { value: 'account', label: 'по лицевым счетам' },
  { value: 'service', label: 'по услугам и поставщикам' },
];

const MONEY_HEADERS: [keyof TurnoverMoney, string][] = [
  ['openingKop', 'Вх. сальдо'],
  ['chargedKop', 'Начислено'],
  ['recalculatedKop', 'Перерасчёт'],
  ['penaltyKop', 'Пени'],
  ['paidKop', 'Оплачено'],
  ['closingKop', 'Исх. сальдо'],
];

/** Opening, charged, recalculated, penalty, paid, closing — in rubles, right-aligned. */
export function turnoverMoneyColumns<T extends TurnoverMoney>(): Column<T>[] {
  return MONEY_HEADERS.map(([key, header]) => ({
    key,
    header,
    align: 'right',
    className: 'mono',
    render: (r: T) => rublesOf(r[key]),
  }));
}
const MONEY = turnoverMoneyColumns<Row>();
const TOTAL = -1;
const account: Column<Row> = {
  key: 'account',
  header: 'Лицевой счёт',
  className: 'mono',
  render: (r) => (r.accountId === TOTAL ? <strong>Итого</strong> : (r.accountNumber ?? '')),
};
const service: Column<Row> = {
  key: 'service',
  header: 'Услуга',
  render: (r) => (r.accountId === TOTAL ? '' : (r.serviceCode ?? 'аванс')),
};
const supplier: Column<Row> = { key: 'supplier', header: 'Поставщик', render: (r) => r.supplierName ?? '' };

function columnsOf(groupBy: string): Column<Row>[] {
  if (groupBy === 'account') return [account, ...MONEY];
  if (groupBy === 'service')
    return [
      {
        ...service,
        render: (r) => (r.accountId === TOTAL ? <strong>Итого</strong> : (r.serviceCode ?? 'аванс')),
      },
      supplier,
      ...MONEY,
    ];
  return [account, service, supplier, ...MONEY];
}

const lastMonth = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString().slice(0, 7);
};

function useParties(scope: string) {
  const houses = useQuery({
    queryKey: ['houses', 'turnover-choice'],
    enabled: scope === 'house',
    queryFn: () => apiRequest<Page<House>>('/houses', { query: { pageSize: '200', sort: 'address' } }),
  });
  const kind = scope === 'manager' ? 'manager' : 'supplier';
  const orgs = useQuery({
    queryKey: ['organisations', kind],
    enabled: scope === 'manager' || scope === 'supplier',
    queryFn: () =>
      apiRequest<{ items: { id: number; name: string }[] }>('/organisations', {
        query: { kind, pageSize: '200' },
      }),
  });
  if (scope === 'house')
    return (houses.data?.items ?? []).map((h) => ({ value: String(h.id), label: h.address }));
  return (orgs.data?.items ?? []).map((o) => ({ value: String(o.id), label: o.name }));
}

export function TurnoverPage() {
  const [params, update] = useSearchParams();
  const scope = params.get('scope') ?? 'house';
  const id = params.get('id') ?? '';
  const period = params.get('period') ?? lastMonth();
  const groupBy = params.get('groupBy') ?? 'account';
  const parties = useParties(scope);
  const param = SCOPES.find((s) => s.value === scope)?.param ?? 'houseId';
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(period) && /^\d+$/.test(id);
  const query = { period, groupBy, [param]: id };
  const sheet = useQuery({
    queryKey: ['turnover', query],
    enabled: valid,
    queryFn: () => apiRequest<Sheet>('/finance/turnover', { query }),
  });
  const s = sheet.data;
  return (
    <>
      <FinanceTabs />
      <PageHeader title="Оборотно-сальдовая ведомость">
        {valid && (
          <a href={`${API_BASE}/finance/turnover/xlsx${toQueryString(query)}`} download>
            Скачать XLSX
          </a>
        )}
      </PageHeader>
      <FilterBar>
        <SelectFilter
          label="По"
          value={scope}
          allLabel="выберите"
          onChange={(v) => update({ scope: v || null, id: null })}
          options={SCOPES.map((x) => ({ value: x.value, label: x.label }))}
        />
        {scope === 'account' ? (
          <TextFilter
            label="Лицевой счёт, №"
            type="number"
            value={id}
            onChange={(v) => update({ id: v || null })}
          />
        ) : (
          <SelectFilter
            label={SCOPES.find((x) => x.value === scope)?.label ?? 'Дом'}
            value={id}
            allLabel="выберите"
            onChange={(v) => update({ id: v || null })}
            options={parties}
          />
        )}
        <TextFilter
          label="Период (ГГГГ-ММ)"
          type="text"
          value={period}
          onChange={(v) => update({ period: v || null })}
          width="7rem"
        />
        <SelectFilter
          label="Строки"
          value={groupBy}
          allLabel="—"
          onChange={(v) => update({ groupBy: v || null })}
          options={GROUPS}
        />
      </FilterBar>
      <ErrorBox error={sheet.error} />
      {!valid && <p className="muted">Выберите, по чему строить ведомость, и период.</p>}
      {s && (
        <DataTable
          label="Оборотно-сальдовая ведомость"
          testId="turnover-table"
          columns={columnsOf(groupBy)}
          rows={[
            ...s.rows,
            { ...s.totals, accountId: TOTAL, accountNumber: null, serviceCode: null, supplierName: null },
          ]}
          rowKey={(r) => `${r.accountId}/${r.serviceCode}/${r.supplierName}`}
          isLoading={sheet.isPending}
          emptyText="Движений нет"
        />
      )}
    </>
  );
}
