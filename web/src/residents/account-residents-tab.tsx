// The «Жильцы» tab of an account's card: who is registered (with the history), registration and deregistration,
// the residents count for a month, temporary absences, the owners of the premise, and the documents issued.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AccountCard } from '../api/types';
import { formatDay, todayIso } from '../app/format';
import { Link } from '../app/router';
import { can, useMe } from '../auth/session';
import { DataTable } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { Field, TextField, fieldErrors } from '../components/form';
import { useFormState } from './use-form';
import {
  DOCUMENT_KINDS,
  REGISTRATION_KIND_LABELS,
  documentPdfUrl,
  personPath,
  residentsApi,
  type DocumentKind,
  type Registration,
} from './api';

export function AccountResidentsTab({ account }: { account: AccountCard }) {
  const me = useMe();
  const write = can(me, 'residents.write');
  const residents = useQuery({
    queryKey: ['residents', account.id],
    queryFn: ({ signal }) => residentsApi.residents(account.id, signal),
  });
  const [deregistering, setDeregistering] = useState<number | null>(null);
  const rows = residents.data?.registrations ?? [];
  return (
    <>
      <section className="card" aria-labelledby="residents-list">
        <h2 id="residents-list">
          Зарегистрированы
          {residents.data ? `: ${residents.data.count} чел. на ${formatDay(residents.data.onDate)}` : ''}
        </h2>
        <ErrorBox error={residents.error} />
        <DataTable<Registration>
          label="Зарегистрированные"
          rows={rows}
          rowKey={(r) => r.id}
          isLoading={residents.isPending}
          emptyText="Никто не зарегистрирован"
          testId="residents-table"
          columns={[
            {
              key: 'name',
              header: 'ФИО',
              render: (r) => <Link to={personPath(r.personId)}>{r.personName}</Link>,
            },
            { key: 'birth', header: 'Рожд.', render: (r) => formatDay(r.birthDate) },
            { key: 'relation', header: 'Отношение', render: (r) => r.relation },
            { key: 'kind', header: 'Регистрация', render: (r) => REGISTRATION_KIND_LABELS[r.kind] },
            { key: 'from', header: 'С', render: (r) => formatDay(r.validFrom) },
            { key: 'to', header: 'По', render: (r) => formatDay(r.validTo) },
            {
              key: 'out',
              header: 'Снят с учёта',
              render: (r) =>
                r.deregisteredOn ? (
                  `${formatDay(r.deregisteredOn)}, ${r.deregistrationReason ?? ''}${r.destination ? ` → ${r.destination}` : ''}`
                ) : write ? (
                  <button type="button" onClick={() => setDeregistering(r.id)}>
                    Снять…
                  </button>
                ) : (
                  '—'
                ),
            },
          ]}
        />
        {deregistering !== null && (
          <DeregistrationForm
            registration={rows.find((r) => r.id === deregistering)!}
            onDone={() => setDeregistering(null)}
          />
        )}
      </section>
      <div className="columns">
        <div className="column">
          {write && <RegistrationForm accountId={account.id} />}
          <ResidentsCountCard accountId={account.id} />
        </div>
        <div className="column">
          <DocumentsCard accountId={account.id} registrations={rows} write={write} />
          <AbsencesCard accountId={account.id} registrations={rows} write={write} />
          <OwnersCard premiseId={account.premise.id} write={write} />
        </div>
      </div>
    </>
  );
}

function PersonPicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
}) {
  const [name, setName] = useState('');
  const found = useQuery({
    queryKey: ['persons', { name }],
    queryFn: ({ signal }) => residentsApi.persons({ name }, signal),
    enabled: name.trim().length >= 2,
  });
  return (
    <>
      <TextField label="Найти человека" value={name} onChange={setName} hint="Фамилия Имя Отчество" />
      <Field label="Человек" error={error}>
        {(props) => (
          <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">— выберите —</option>
            {(found.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.fullName}, {formatDay(p.birthDate)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

function RegistrationForm({ accountId }: { accountId: number }) {
  const queryClient = useQueryClient();
  const { form, set, setForm, bind } = useFormState({
    personId: '',
    kind: 'permanent',
    relation: '',
    validFrom: todayIso(),
    validTo: '',
    arrivedFrom: '',
  });
  const register = useMutation({
    mutationFn: () =>
      residentsApi.register(accountId, {
        personId: Number(form.personId),
        kind: form.kind as Registration['kind'],
        relation: form.relation.trim(),
        validFrom: form.validFrom,
        validTo: form.validTo || null,
        arrivedFrom: form.arrivedFrom.trim() || null,
      }),
    onSuccess: () => {
      setForm((f) => ({ ...f, personId: '', relation: '', validTo: '', arrivedFrom: '' }));
      void queryClient.invalidateQueries({ queryKey: ['residents', accountId] });
    },
  });
  const errors = fieldErrors(register.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  return (
    <form className="form card" onSubmit={submit} aria-label="Регистрация" noValidate>
      <h2>Зарегистрировать</h2>
      <ErrorBox error={register.error} />
      <PersonPicker {...bind('personId')} error={errors.personId} />
      <Field label="Вид регистрации" error={errors.kind}>
        {(props) => (
          <select {...props} value={form.kind} onChange={(e) => set('kind', e.target.value)}>
            <option value="permanent">по месту жительства</option>
            <option value="temporary">по месту пребывания</option>
          </select>
        )}
      </Field>
      <TextField label="Отношение к нанимателю" {...bind('relation')} error={errors.relation} />
      <TextField label="Зарегистрирован с" type="date" {...bind('validFrom')} error={errors.validFrom} />
      {form.kind === 'temporary' && (
        <TextField label="По (включительно)" type="date" {...bind('validTo')} error={errors.validTo} />
      )}
      <TextField label="Прибыл из" {...bind('arrivedFrom')} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={register.isPending}>
          Зарегистрировать
        </button>
      </div>
    </form>
  );
}

function DeregistrationForm({ registration, onDone }: { registration: Registration; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { form, bind } = useFormState({ deregisteredOn: todayIso(), reason: '', destination: '' });
  const mutation = useMutation({
    mutationFn: () =>
      residentsApi.deregister(registration.id, {
        deregisteredOn: form.deregisteredOn,
        reason: form.reason.trim(),
        destination: form.destination.trim() || null,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['residents', registration.accountId] });
      onDone();
    },
  });
  const errors = fieldErrors(mutation.error);
  return (
    <form
      className="form card"
      aria-label="Снятие с учёта"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate();
      }}
    >
      <h2>Снять с учёта: {registration.personName}</h2>
      <ErrorBox error={mutation.error} />
      <TextField
        label="Дата снятия"
        type="date"
        {...bind('deregisteredOn')}
        error={errors.deregisteredOn}
        hint="С этого дня уже не зарегистрирован"
      />
      <TextField label="Причина" {...bind('reason')} error={errors.reason} />
      <TextField label="Куда выбыл" {...bind('destination')} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={mutation.isPending}>
          Снять с учёта
        </button>
        <button type="button" onClick={onDone}>
          Отмена
        </button>
      </div>
    </form>
  );
}

function ResidentsCountCard({ accountId }: { accountId: number }) {
  const [period, setPeriod] = useState(todayIso().slice(0, 7));
  const count = useQuery({
    queryKey: ['residents-count', accountId, period],
    queryFn: ({ signal }) => residentsApi.count(accountId, period, signal),
    enabled: /^\d{4}-\d{2}$/.test(period),
  });
  const c = count.data;
  return (
    <section className="card" aria-labelledby="residents-count">
      <h2 id="residents-count">Число проживающих за месяц</h2>
      <Field label="Месяц">
        {(props) => (
          <input {...props} type="month" value={period} onChange={(e) => setPeriod(e.target.value)} />
        )}
      </Field>
      <ErrorBox error={count.error} />
      {c && (
        <>
          <p>
            <strong data-testid="residents-count-value">{c.count}</strong> ({c.countDecimal}) —{' '}
            {c.explanation}
          </p>
          <ul className="link-list">
            {c.pieces.map((p) => (
              <li key={p.from}>
                {formatDay(p.from)} — {formatDay(p.to)}: {p.residents} чел. × {p.days} дн.
              </li>
            ))}
          </ul>
          <ul className="link-list">
            {c.services
              .filter((s) => s.reducedByAbsence && s.absentDays > 0)
              .map((s) => (
                <li key={s.serviceCode}>
                  {s.serviceName}: {s.count} (отсутствие −{s.absentDays} чел.-дн.)
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DocumentsCard({
  accountId,
  registrations,
  write,
}: {
  accountId: number;
  registrations: Registration[];
  write: boolean;
}) {
  const queryClient = useQueryClient();
  const documents = useQuery({
    queryKey: ['issued-documents', accountId],
    queryFn: ({ signal }) => residentsApi.documents(accountId, signal),
  });
  const [kind, setKind] = useState<DocumentKind>('house_register_extract');
  const [personId, setPersonId] = useState('');
  const issue = useMutation({
    mutationFn: () =>
      residentsApi.issue(accountId, {
        kind,
        personId: kind === 'registration_certificate' && personId ? Number(personId) : null,
        requestKey: `${accountId}-${kind}-${personId}-${Date.now()}`,
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['issued-documents', accountId] }),
  });
  const current = registrations.filter((r) => r.deregisteredOn === null);
  return (
    <section className="card" aria-labelledby="issued-documents">
      <h2 id="issued-documents">Документы</h2>
      {write && (
        <form
          className="form"
          aria-label="Выдать документ"
          onSubmit={(e) => {
            e.preventDefault();
            issue.mutate();
          }}
        >
          <ErrorBox error={issue.error} />
          <Field label="Документ">
            {(props) => (
              <select {...props} value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
                {DOCUMENT_KINDS.map((d) => (
                  <option key={d.kind} value={d.kind}>
                    {d.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {kind === 'registration_certificate' && (
            <Field label="Кому">
              {(props) => (
                <select {...props} value={personId} onChange={(e) => setPersonId(e.target.value)}>
                  <option value="">— выберите —</option>
                  {current.map((r) => (
                    <option key={r.id} value={r.personId}>
                      {r.personName}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={issue.isPending}>
              Выдать
            </button>
          </div>
        </form>
      )}
      <ul className="link-list" data-testid="issued-documents">
        {(documents.data ?? []).map((d) => (
          <li key={d.id}>
            <a href={documentPdfUrl(d.id)} download>
              {d.title} № {d.fullNumber}
            </a>{' '}
            <span className="muted">{formatDay(d.issuedAt)}</span>
          </li>
        ))}
        {documents.data?.length === 0 && <li className="muted">Не выдавались</li>}
      </ul>
    </section>
  );
}

function AbsencesCard({
  accountId,
  registrations,
  write,
}: {
  accountId: number;
  registrations: Registration[];
  write: boolean;
}) {
  const queryClient = useQueryClient();
  const absences = useQuery({
    queryKey: ['absences', accountId],
    queryFn: ({ signal }) => residentsApi.absences(accountId, signal),
  });
  const { form, set, setForm, bind } = useFormState({
    personId: '',
    departedOn: '',
    returnedOn: '',
    document: '',
  });
  const record = useMutation({
    mutationFn: () => residentsApi.recordAbsence(accountId, { ...form, personId: Number(form.personId) }),
    onSuccess: () => {
      setForm({ personId: '', departedOn: '', returnedOn: '', document: '' });
      void queryClient.invalidateQueries({ queryKey: ['absences', accountId] });
      void queryClient.invalidateQueries({ queryKey: ['residents-count', accountId] });
    },
  });
  const errors = fieldErrors(record.error);
  const people = [...new Map(registrations.map((r) => [r.personId, r.personName])).entries()];
  return (
    <section className="card" aria-labelledby="absences">
      <h2 id="absences">Временное отсутствие</h2>
      <ul className="link-list">
        {(absences.data ?? []).map((a) => (
          <li key={a.id}>
            {a.personName}: {formatDay(a.departedOn)} — {formatDay(a.returnedOn)}, {a.fullDays} полн. дн. —{' '}
            {a.status === 'accepted' ? (
              <span className="ok">принято</span>
            ) : (
              <span className="muted">отказ: {a.decisionReason}</span>
            )}
          </li>
        ))}
      </ul>
      {write && (
        <form
          className="form"
          aria-label="Записать отсутствие"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate();
          }}
        >
          <ErrorBox error={record.error} />
          <Field label="Кто" error={errors.personId}>
            {(props) => (
              <select {...props} value={form.personId} onChange={(e) => set('personId', e.target.value)}>
                <option value="">— выберите —</option>
                {people.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField label="День отъезда" type="date" {...bind('departedOn')} error={errors.departedOn} />
          <TextField
            label="День приезда"
            type="date"
            {...bind('returnedOn')}
            error={errors.returnedOn}
            hint="Дни отъезда и приезда не считаются; нужно больше 5 полных дней"
          />
          <TextField label="Подтверждающий документ" {...bind('document')} error={errors.document} />
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={record.isPending}>
              Записать
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function OwnersCard({ premiseId, write }: { premiseId: number; write: boolean }) {
  const queryClient = useQueryClient();
  const owners = useQuery({
    queryKey: ['ownerships', premiseId],
    queryFn: ({ signal }) => residentsApi.ownerships(premiseId, signal),
  });
  const { form, set, setForm, bind } = useFormState({
    personId: '',
    share: '1',
    validFrom: todayIso(),
    titleRecordNumber: '',
    titleRecordDate: todayIso(),
    endOwnershipId: '',
  });
  const add = useMutation({
    mutationFn: () =>
      residentsApi.addOwnership(premiseId, {
        ownerKind: 'person',
        personId: Number(form.personId),
        share: form.share.trim(),
        validFrom: form.validFrom,
        titleRecordNumber: form.titleRecordNumber.trim(),
        titleRecordDate: form.titleRecordDate,
        endOwnershipIds: form.endOwnershipId ? [Number(form.endOwnershipId)] : [],
      }),
    onSuccess: (list) => {
      queryClient.setQueryData(['ownerships', premiseId], list);
      setForm((f) => ({ ...f, personId: '', titleRecordNumber: '', endOwnershipId: '' }));
    },
  });
  const errors = fieldErrors(add.error);
  const current = (owners.data ?? []).filter((o) => o.validTo === null);
  return (
    <section className="card" aria-labelledby="owners">
      <h2 id="owners">Собственники (история)</h2>
      <ErrorBox error={owners.error} />
      <ul className="link-list">
        {(owners.data ?? []).map((o) => (
          <li key={o.id} className={o.validTo ? 'muted' : undefined}>
            {o.ownerName}, доля {o.shareNumerator}/{o.shareDenominator}, с {formatDay(o.validFrom)}
            {o.validTo ? ` по ${formatDay(o.validTo)}` : ''}; ЕГРН № {o.titleRecordNumber} от{' '}
            {formatDay(o.titleRecordDate)}
          </li>
        ))}
        {owners.data?.length === 0 && <li className="muted">Сведений нет</li>}
      </ul>
      {write && (
        <form
          className="form"
          aria-label="Новый собственник"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <ErrorBox error={add.error} />
          <PersonPicker value={form.personId} onChange={(v) => set('personId', v)} error={errors.personId} />
          <TextField label="Доля" {...bind('share')} error={errors.share} hint="1, 1/2, 2/3" />
          <TextField label="Право с" type="date" {...bind('validFrom')} error={errors.validFrom} />
          <TextField label="Запись ЕГРН №" {...bind('titleRecordNumber')} error={errors.titleRecordNumber} />
          <TextField
            label="Дата записи"
            type="date"
            {...bind('titleRecordDate')}
            error={errors.titleRecordDate}
          />
          <Field label="Прекратить право" error={errors.endOwnershipIds}>
            {(props) => (
              <select
                {...props}
                value={form.endOwnershipId}
                onChange={(e) => set('endOwnershipId', e.target.value)}
              >
                <option value="">— нет —</option>
                {current.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.ownerName}, {o.shareNumerator}/{o.shareDenominator}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={add.isPending}>
              Добавить собственника
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
