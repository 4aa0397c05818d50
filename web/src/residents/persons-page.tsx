// Паспортный стол → Люди: the search by surname, name, patronymic (beginnings, in order) and birth date, and a
// new person's card with an identity document.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, navigate, useSearchParams } from '../app/router';
import { formatDay } from '../app/format';
import { can, useMe } from '../auth/session';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { Field, TextField, fieldErrors } from '../components/form';
import { PageHeader } from '../components/page';
import { personPath, residentsApi, type Person, type PersonInput } from './api';
import { useFormState } from './use-form';

const columns: Column<Person>[] = [
  { key: 'name', header: 'ФИО', render: (p) => <Link to={personPath(p.id)}>{p.fullName}</Link> },
  { key: 'birthDate', header: 'Дата рождения', render: (p) => formatDay(p.birthDate), width: '9rem' },
  {
    key: 'snils',
    header: 'СНИЛС',
    render: (p) => <span className="mono">{p.snils ?? '—'}</span>,
    width: '10rem',
  },
];

export function PersonsPage() {
  const me = useMe();
  const [params, update] = useSearchParams();
  const [name, setName] = useState(params.get('name') ?? '');
  const [birthDate, setBirthDate] = useState(params.get('birthDate') ?? '');
  const query = { name: params.get('name') ?? '', birthDate: params.get('birthDate') ?? '' };
  const asked = Boolean(query.name || query.birthDate);
  const persons = useQuery({
    queryKey: ['persons', query],
    queryFn: ({ signal }) => residentsApi.persons(query, signal),
    enabled: asked,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ name: name.trim(), birthDate });
  };
  return (
    <>
      <PageHeader title="Паспортный стол: люди">
        {can(me, 'residents.write') && (
          <Link to="/residents/persons/new" className="button">
            Новый человек
          </Link>
        )}
      </PageHeader>
      <form className="filter-bar" onSubmit={submit} role="search" aria-label="Поиск людей">
        <TextField
          label="Фамилия Имя Отчество"
          value={name}
          onChange={setName}
          hint="Начала слов по порядку"
          autoFocus
        />
        <TextField label="Дата рождения" type="date" value={birthDate} onChange={setBirthDate} />
        <button type="submit" className="button-primary">
          Найти
        </button>
      </form>
      <ErrorBox error={persons.error} />
      {asked && (
        <DataTable
          label="Найденные люди"
          columns={columns}
          rows={persons.data?.items ?? []}
          rowKey={(p) => p.id}
          onOpen={(p) => navigate(personPath(p.id))}
          isLoading={persons.isPending}
          emptyText="Никого не нашлось"
          testId="persons-table"
        />
      )}
    </>
  );
}

export function PersonCreatePage() {
  const { form, set, bind } = useFormState({
    surname: '',
    name: '',
    patronymic: '',
    birthDate: '',
    sex: 'male' as 'male' | 'female',
    snils: '',
    phone: '',
    series: '',
    number: '',
    issuedBy: '',
    issuedOn: '',
  });
  const create = useMutation({
    mutationFn: (body: PersonInput) => residentsApi.createPerson(body),
    onSuccess: (p) => navigate(personPath(p.id)),
  });
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: PersonInput = {
      surname: form.surname.trim(),
      name: form.name.trim(),
      patronymic: form.patronymic.trim() || null,
      birthDate: form.birthDate,
      sex: form.sex,
      snils: form.snils.trim() || null,
      phone: form.phone.trim() || null,
    };
    if (form.number.trim()) {
      body.document = {
        kind: 'passport',
        series: form.series,
        number: form.number,
        issuedBy: form.issuedBy.trim(),
        issuedOn: form.issuedOn,
      };
    }
    create.mutate(body);
  };
  return (
    <>
      <PageHeader title="Новый человек" back={{ to: '/residents/persons', label: 'Люди' }} />
      <form className="form card" onSubmit={submit} aria-label="Новый человек" noValidate>
        <ErrorBox error={create.error} />
        <TextField label="Фамилия" {...bind('surname')} error={errors.surname} autoFocus />
        <TextField label="Имя" {...bind('name')} error={errors.name} />
        <TextField label="Отчество" {...bind('patronymic')} error={errors.patronymic} />
        <TextField label="Дата рождения" type="date" {...bind('birthDate')} error={errors.birthDate} />
        <Field label="Пол" error={errors.sex}>
          {(props) => (
            <select {...props} value={form.sex} onChange={(e) => set('sex', e.target.value)}>
              <option value="male">мужской</option>
              <option value="female">женский</option>
            </select>
          )}
        </Field>
        <TextField label="СНИЛС" {...bind('snils')} error={errors.snils} hint="112-233-445 95" />
        <TextField label="Телефон" {...bind('phone')} error={errors.phone} />
        <fieldset className="field">
          <legend>Паспорт</legend>
          <TextField label="Серия" {...bind('series')} error={errors.document} hint="45 06" />
          <TextField label="Номер" {...bind('number')} />
          <TextField label="Кем выдан" {...bind('issuedBy')} />
          <TextField label="Дата выдачи" type="date" {...bind('issuedOn')} />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={create.isPending}>
            {create.isPending ? 'Сохранение…' : 'Сохранить'}
          </button>
          <button type="button" onClick={() => navigate('/residents/persons')}>
            Отмена
          </button>
        </div>
      </form>
    </>
  );
}
