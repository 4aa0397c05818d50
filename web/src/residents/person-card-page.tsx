// Паспортный стол → карточка человека: his data (passport data and СНИЛС masked without the right), identity
// documents, registrations and absences. Opening the card is written to the audit log.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDay } from '../app/format';
import { Link } from '../app/router';
import { can, useMe } from '../auth/session';
import { DataTable } from '../components/data-table';
import { Field, TextField, fieldErrors } from '../components/form';
import { ErrorBox } from '../components/error-box';
import { Fields, PageHeader } from '../components/page';
import { accountPath } from '../registry/accounts-page';
import { REGISTRATION_KIND_LABELS, residentsApi, type IdentityDocument } from './api';
import { useFormState } from './use-form';

const DOCUMENT_LABELS = {
  passport: 'паспорт',
  birth_certificate: 'свидетельство о рождении',
  foreign_passport: 'паспорт иностранного гражданина',
  other: 'иной документ',
} as const;

export function PersonCardPage({ id }: { id: number }) {
  const me = useMe();
  const card = useQuery({
    queryKey: ['person', id],
    queryFn: ({ signal }) => residentsApi.person(id, signal),
  });
  const back = { to: '/residents/persons', label: 'Люди' };
  const p = card.data;
  if (!p) {
    return (
      <>
        <PageHeader title={card.isPending ? 'Человек' : 'Человек не найден'} back={back} />
        <ErrorBox error={card.error} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={p.fullName} back={back}>
        {p.masked && <span className="badge badge-off">Персональные данные скрыты</span>}
      </PageHeader>
      <div className="columns">
        <div className="column">
          <section className="card" aria-labelledby="person-main">
            <h2 id="person-main">Сведения</h2>
            <Fields
              items={[
                ['Дата рождения', formatDay(p.birthDate)],
                ['Пол', p.sex === 'male' ? 'мужской' : 'женский'],
                ['СНИЛС', <span className="mono">{p.snils ?? '—'}</span>],
                ['Телефон', p.phone ?? '—'],
                ['Код в системе', p.id],
              ]}
            />
          </section>
        </div>
        <div className="column">
          <section className="card" aria-labelledby="person-docs">
            <h2 id="person-docs">Документы</h2>
            <ul className="link-list">
              {p.documents.map((d) => (
                <li key={d.id} className={d.replacedOn ? 'muted' : undefined}>
                  {DOCUMENT_LABELS[d.kind]}{' '}
                  <span className="mono">
                    {d.series} № {d.number}
                  </span>
                  , выдан {formatDay(d.issuedOn)} {d.issuedBy}
                  {d.replacedOn && ` (заменён ${formatDay(d.replacedOn)})`}
                </li>
              ))}
              {p.documents.length === 0 && <li className="muted">Нет</li>}
            </ul>
            {can(me, 'residents.write') && <IdentityDocumentForm personId={p.id} />}
          </section>
        </div>
      </div>
      <section className="card" aria-labelledby="person-registrations">
        <h2 id="person-registrations">Регистрации</h2>
        <DataTable
          label="Регистрации"
          rows={p.registrations}
          rowKey={(r) => r.id}
          emptyText="Не зарегистрирован"
          columns={[
            { key: 'address', header: 'Адрес', render: (r) => r.address },
            {
              key: 'account',
              header: 'Л/с',
              render: (r) => (
                <Link to={accountPath(r.accountId)} className="mono">
                  {r.accountNumber}
                </Link>
              ),
            },
            { key: 'kind', header: 'Вид', render: (r) => REGISTRATION_KIND_LABELS[r.kind] },
            { key: 'from', header: 'С', render: (r) => formatDay(r.validFrom) },
            { key: 'to', header: 'По', render: (r) => formatDay(r.validTo) },
            {
              key: 'out',
              header: 'Снят',
              render: (r) =>
                r.deregisteredOn ? `${formatDay(r.deregisteredOn)}: ${r.deregistrationReason ?? ''}` : '—',
            },
          ]}
        />
      </section>
      <section className="card" aria-labelledby="person-absences">
        <h2 id="person-absences">Временные отсутствия</h2>
        <DataTable
          label="Временные отсутствия"
          rows={p.absences}
          rowKey={(a) => a.id}
          emptyText="Нет"
          columns={[
            { key: 'from', header: 'Отъезд', render: (a) => formatDay(a.departedOn) },
            { key: 'to', header: 'Приезд', render: (a) => formatDay(a.returnedOn) },
            { key: 'days', header: 'Полных дней', render: (a) => a.fullDays, align: 'right' },
            {
              key: 'status',
              header: 'Решение',
              render: (a) => (a.status === 'accepted' ? 'принято' : `отказ: ${a.decisionReason}`),
            },
            { key: 'doc', header: 'Документ', render: (a) => a.document },
          ]}
        />
      </section>
    </>
  );
}

function IdentityDocumentForm({ personId }: { personId: number }) {
  const queryClient = useQueryClient();
  const { form, set, bind } = useFormState({
    kind: 'passport',
    series: '',
    number: '',
    issuedBy: '',
    issuedOn: '',
    divisionCode: '',
  });
  const add = useMutation({
    mutationFn: () =>
      residentsApi.addIdentityDocument(personId, {
        kind: form.kind as IdentityDocument['kind'],
        series: form.series,
        number: form.number,
        issuedBy: form.issuedBy.trim(),
        issuedOn: form.issuedOn,
        divisionCode: form.divisionCode.trim() || null,
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['person', personId] }),
  });
  const errors = fieldErrors(add.error);
  return (
    <form
      className="form"
      aria-label="Новый документ"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h3>Новый документ (прежний того же вида будет заменён)</h3>
      <ErrorBox error={add.error} />
      <Field label="Вид" error={errors.kind}>
        {(props) => (
          <select {...props} value={form.kind} onChange={(e) => set('kind', e.target.value)}>
            {Object.entries(DOCUMENT_LABELS).map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField label="Серия" {...bind('series')} error={errors.series} />
      <TextField label="Номер" {...bind('number')} error={errors.number} />
      <TextField label="Кем выдан" {...bind('issuedBy')} error={errors.issuedBy} />
      <TextField label="Дата выдачи" type="date" {...bind('issuedOn')} error={errors.issuedOn} />
      <TextField
        label="Код подразделения"
        {...bind('divisionCode')}
        error={errors.divisionCode}
        hint="000-000"
      />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={add.isPending}>
          Добавить документ
        </button>
      </div>
    </form>
  );
}
