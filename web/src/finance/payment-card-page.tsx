// Финансы → Журнал платежей → платёж (docs/finance.md "Payments journal"): the payment, where it went (service ×
// supplier × period, its parts) and its corrections made from the screen — a reversal, a move to another
// account or a split over several (RULES.md §7; nothing is deleted: a reversal and new payments are written,
// each visible on both accounts). Every correction asks for a reason and a confirmation first.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiRequest } from '../api/client';
import type { Account, Page } from '../api/types';
import { formatDay } from '../app/format';
import { Link } from '../app/router';
import { can, useMe } from '../auth/session';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { Field, TextField } from '../components/form';
import { Fields, PageHeader } from '../components/page';
import { accountPath } from '../registry/accounts-page';
import { FinanceTabs } from './finance-tabs';
import { paymentPath, stateOf, type JournalRow } from './journal-page';
import { kopecksOf, rublesOf } from './penalty-page';

type Part = {
  id: number;
  accountId: number;
  serviceCode: string | null;
  supplierName: string | null;
  period: string | null;
  kind: 'charge' | 'penalty' | 'advance';
  basis: string;
  amountKop: number;
};
type Card = Omit<JournalRow, 'agentName' | 'accountNumber' | 'houseId'> & { parts: Part[] };

const KIND = { charge: 'начисление', penalty: 'пени', advance: 'аванс' } as const;
const BASIS: Record<string, string> = {
  full: 'полностью',
  proportional: 'пропорционально',
  advance: 'аванс',
  reversal: 'сторно',
};

const partColumns: Column<Part>[] = [
  { key: 'service', header: 'Услуга', render: (p) => p.serviceCode ?? '—' },
  { key: 'supplier', header: 'Поставщик', render: (p) => p.supplierName ?? '—' },
  { key: 'period', header: 'Период', render: (p) => p.period ?? '—' },
  { key: 'kind', header: 'Вид', render: (p) => KIND[p.kind] },
  { key: 'basis', header: 'Основание', render: (p) => BASIS[p.basis] ?? p.basis },
  {
    key: 'amount',
    header: 'Сумма, ₽',
    align: 'right',
    className: 'mono',
    render: (p) => rublesOf(p.amountKop),
  },
];

const link = (id: number | null) => (id ? <Link to={paymentPath(id)}>№ {id}</Link> : '—');

export function PaymentCardPage({ id }: { id: number }) {
  const me = useMe();
  const card = useQuery({
    queryKey: ['payments', 'card', id],
    queryFn: () => apiRequest<Card>(`/finance/payments/${id}`),
  });
  const p = card.data;
  const account = useQuery({
    queryKey: ['account', p?.accountId],
    enabled: !!p?.accountId,
    queryFn: () => apiRequest<Account>(`/accounts/${p!.accountId}`),
  });
  const back = { to: '/finance/journal', label: 'Журнал платежей' };
  if (!p)
    return (
      <>
        <FinanceTabs />
        <PageHeader title={card.isPending ? 'Платёж' : 'Платёж не найден'} back={back} />
        <ErrorBox error={card.error} />
      </>
    );
  const correctable =
    can(me, 'payments.write') && p.accountId !== null && p.amountKop > 0 && p.reversedBy === null;
  return (
    <>
      <FinanceTabs />
      <PageHeader title={`Платёж № ${p.id}`} back={back} />
      <Fields
        items={[
          ['Сумма', <span className="mono">{rublesOf(p.amountKop)} ₽</span>],
          ['Комиссия агента', <span className="mono">{rublesOf(p.feeKop)} ₽</span>],
          ['Оплачен', formatDay(p.paidOn)],
          ['Принят', formatDay(p.receivedOn)],
          [
            'Лицевой счёт',
            p.accountId ? (
              <Link to={`${accountPath(p.accountId)}?tab=payments`}>
                {account.data?.number ?? `№ ${p.accountId}`}
              </Link>
            ) : (
              `невыясненный (в платеже: ${p.accountGiven})`
            ),
          ],
          ['Плательщик', p.payerName ?? account.data?.payerName ?? '—'],
          ['Период в платеже', p.period ?? '—'],
          ['Id агента', p.agentPaymentId ?? '—'],
          ['Реестр', p.registryFileId ? `№ ${p.registryFileId}, строка ${p.registryLine}` : '—'],
          ['Сторно платежа', link(p.reversesPaymentId)],
          ['Сторнирован платежом', link(p.reversedBy)],
          ['Перенесён из платежа', link(p.correctedFromPaymentId)],
          ['Состояние', stateOf(p) || 'действующий'],
          ['Примечание', p.note ?? '—'],
        ]}
      />
      <h2>Разнесение</h2>
      <DataTable label="Разнесение платежа" columns={partColumns} rows={p.parts} rowKey={(x) => x.id} />
      {correctable && <Corrections payment={p} />}
    </>
  );
}

type Target = { account: string; amount: string };

/** Finds an account by its exact number (the registry's search takes fragments). */
async function accountIdOf(number: string): Promise<number | null> {
  const page = await apiRequest<Page<Account>>('/accounts', { query: { q: number, pageSize: '20' } });
  return page.items.find((a) => a.number === number)?.id ?? null;
}

function Corrections({ payment }: { payment: Card }) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [mode, setMode] = useState<'reverse' | 'split'>('reverse');
  const [targets, setTargets] = useState<Target[]>([{ account: '', amount: rublesOf(payment.amountKop) }]);
  const [confirming, setConfirming] = useState<null | {
    targets: { accountId: number; amountKop: number; number: string }[];
  }>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const done = () => {
    setConfirming(null);
    void client.invalidateQueries({ queryKey: ['payments'] });
    void client.invalidateQueries({ queryKey: ['turnover'] });
  };
  const reverse = useMutation({
    mutationFn: () =>
      apiRequest<{ id: number }>(`/finance/payments/${payment.id}/reverse`, {
        method: 'POST',
        body: { reason },
      }),
    onSuccess: done,
  });
  const split = useMutation({
    mutationFn: (body: { accountId: number; amountKop: number }[]) =>
      apiRequest<{ reversal: { id: number }; payments: { id: number }[] }>(
        `/finance/payments/${payment.id}/split`,
        {
          method: 'POST',
          body: { reason, targets: body },
        },
      ),
    onSuccess: done,
  });

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (reason.trim() === '') return setProblem('Укажите причину исправления');
    if (mode === 'reverse') return setConfirming({ targets: [] });
    const resolved = [];
    let sum = 0;
    for (const [i, t] of targets.entries()) {
      const amountKop = kopecksOf(t.amount);
      if (amountKop === null || amountKop <= 0)
        return setProblem(`Строка ${i + 1}: сумма в рублях, например 150,00`);
      const accountId = await accountIdOf(t.account.trim());
      if (accountId === null) return setProblem(`Строка ${i + 1}: лицевой счёт «${t.account}» не найден`);
      resolved.push({ accountId, amountKop, number: t.account.trim() });
      sum += amountKop;
    }
    if (sum !== payment.amountKop)
      return setProblem(
        `Сумма частей ${rublesOf(sum)} ₽ не равна сумме платежа ${rublesOf(payment.amountKop)} ₽`,
      );
    setConfirming({ targets: resolved });
  };
  const confirm = () => {
    if (mode === 'reverse') reverse.mutate();
    else split.mutate(confirming!.targets.map(({ accountId, amountKop }) => ({ accountId, amountKop })));
  };
  const result = reverse.data
    ? [reverse.data.id]
    : split.data
      ? [split.data.reversal.id, ...split.data.payments.map((x) => x.id)]
      : null;

  return (
    <section aria-label="Исправление платежа">
      <h2>Исправление</h2>
      <form className="form card" onSubmit={ask} aria-label="Исправление платежа" noValidate>
        <Field label="Что сделать">
          {(props) => (
            <select {...props} value={mode} onChange={(e) => setMode(e.target.value as 'reverse' | 'split')}>
              <option value="reverse">Сторнировать</option>
              <option value="split">Перенести на другой счёт или разделить</option>
            </select>
          )}
        </Field>
        <TextField label="Причина" value={reason} onChange={setReason} />
        {mode === 'split' &&
          targets.map((t, i) => (
            <div key={i} className="form-row">
              <TextField
                label={`Лицевой счёт ${i + 1}`}
                value={t.account}
                onChange={(v) => setTargets(targets.map((x, k) => (k === i ? { ...x, account: v } : x)))}
              />
              <TextField
                label={`Сумма ${i + 1}, ₽`}
                value={t.amount}
                onChange={(v) => setTargets(targets.map((x, k) => (k === i ? { ...x, amount: v } : x)))}
              />
            </div>
          ))}
        {mode === 'split' && (
          <button type="button" onClick={() => setTargets([...targets, { account: '', amount: '' }])}>
            Добавить счёт
          </button>
        )}
        {problem && <p className="field-error">{problem}</p>}
        <div className="form-actions">
          <button type="submit" disabled={!!confirming}>
            {mode === 'reverse' ? 'Сторнировать…' : 'Перенести…'}
          </button>
        </div>
      </form>
      {confirming && (
        <div className="card" role="alertdialog" aria-label="Подтверждение исправления">
          <p>
            {mode === 'reverse'
              ? `Сторнировать платёж № ${payment.id} на ${rublesOf(payment.amountKop)} ₽? Будет записан платёж с обратной суммой.`
              : `Сторнировать платёж № ${payment.id} и зачислить: ${confirming.targets
                  .map((t) => `${rublesOf(t.amountKop)} ₽ на счёт ${t.number}`)
                  .join(', ')}?`}
          </p>
          <button
            type="button"
            className="button-primary"
            onClick={confirm}
            disabled={reverse.isPending || split.isPending}
          >
            Подтвердить
          </button>{' '}
          <button type="button" onClick={() => setConfirming(null)}>
            Отмена
          </button>
        </div>
      )}
      <ErrorBox error={reverse.error ?? split.error} />
      {result && (
        <p role="status">
          Записано:{' '}
          {result.map((x, i) => (
            <span key={x}>
              {i > 0 && ', '}
              {link(x)}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
