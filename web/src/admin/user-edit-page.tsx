// Администрирование → карточка пользователя: data and roles, access, password, API keys, history.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import type { RoleCode, User, UserPatch } from '../api/types';
import { formatDateTime } from '../app/format';
import { Link, useSearchParams } from '../app/router';
import { can, useMe } from '../auth/session';
import { ErrorBox } from '../components/error-box';
import { CheckboxGroup, TextField, fieldErrors } from '../components/form';
import { Fields, PageHeader } from '../components/page';
import { AdminTabs } from './admin-tabs';
import { AuditHistory } from './audit-history';
import { rolesAllowedFor, useRoles } from './reference-data';
import { UserTokens } from './user-tokens';

function useUpdateUser(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UserPatch) => api.updateUser(id, patch),
    onSuccess: (user) => {
      queryClient.setQueryData(['user', id], user);
      queryClient.invalidateQueries({ queryKey: ['users'] });
      queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export function UserEditPage({ id }: { id: number }) {
  const me = useMe();
  const [params] = useSearchParams();
  const user = useQuery({
    queryKey: ['user', id],
    queryFn: ({ signal }) => api.user(id, signal),
  });
  const back = { to: '/admin/users', label: 'Пользователи' };
  const data = user.data;

  if (!data) {
    return (
      <>
        <AdminTabs />
        <PageHeader title={user.isPending ? 'Пользователь' : 'Пользователь не найден'} back={back} />
        <ErrorBox error={user.error} />
      </>
    );
  }

  const writable = can(me, 'users.write');
  return (
    <>
      <AdminTabs />
      <PageHeader title={data.fullName} back={back}>
        {!data.isActive && <span className="badge badge-off">Отключён</span>}
      </PageHeader>
      {params.get('created') && (
        <div className="notice" role="status">
          Пользователь «{data.login}» создан.
        </div>
      )}
      <div className="columns">
        <div className="column">
          <section className="card" aria-labelledby="user-account">
            <h2 id="user-account">Учётная запись</h2>
            <Fields
              items={[
                ['Логин', <span className="mono">{data.login}</span>],
                [
                  'Организация',
                  can(me, 'organisations.read') ? (
                    <Link to={`/registry/organisations/${data.organisationId}`}>{data.organisationName}</Link>
                  ) : (
                    data.organisationName
                  ),
                ],
                ['Состояние', data.isActive ? 'Активен' : 'Отключён'],
                ['Создан', formatDateTime(data.createdAt)],
                ['Последний вход', formatDateTime(data.lastLoginAt)],
              ]}
            />
          </section>
          <UserDataForm user={data} writable={writable} />
        </div>
        <div className="column">
          {writable && <AccessSection user={data} />}
          {writable && <PasswordForm user={data} />}
          <UserTokens userId={data.id} writable={can(me, 'tokens.write')} />
        </div>
      </div>
      {can(me, 'audit.read') && (
        <section aria-labelledby="user-history">
          <h2 id="user-history">История изменений</h2>
          <AuditHistory objectType="user" objectId={data.id} />
        </section>
      )}
    </>
  );
}

/** The roles the user may hold: those allowed for the kind of the user's organisation. */
function useRoleOptions(user: User) {
  const me = useMe();
  const roles = useRoles();
  const own = user.organisationId === me.organisation.id;
  const organisation = useQuery({
    queryKey: ['organisation', user.organisationId],
    queryFn: ({ signal }) => api.organisation(user.organisationId, signal),
    enabled: !own,
  });
  const kind = own ? me.organisation.kind : organisation.data?.kind;
  // Nothing to offer until the kind is known; should the organisation not load, the API judges.
  if (!kind && !organisation.isError) return [];
  // A role held already stays on offer even if no longer allowed, so that it can be taken away.
  const allowed = rolesAllowedFor(roles.items, kind);
  return roles.items
    .filter((role) => allowed.includes(role) || user.roles.includes(role.code))
    .map((role) => ({ value: role.code, label: role.name, hint: role.code }));
}

function UserDataForm({ user, writable }: { user: User; writable: boolean }) {
  const roleOptions = useRoleOptions(user);
  const update = useUpdateUser(user.id);
  const initial = { fullName: user.fullName, email: user.email ?? '', roles: user.roles };
  const [form, setForm] = useState(initial);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setForm({ fullName: user.fullName, email: user.email ?? '', roles: user.roles });
  }, [user]);
  const errors = fieldErrors(update.error);
  const dirty =
    form.fullName !== initial.fullName ||
    form.email !== initial.email ||
    [...form.roles].sort().join() !== [...initial.roles].sort().join();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const email = form.email.trim();
    update.mutate(
      { fullName: form.fullName.trim(), email: email === '' ? null : email, roles: form.roles },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <form className="form card" onSubmit={submit} aria-labelledby="user-data" noValidate>
      <h2 id="user-data">Данные и роли</h2>
      <ErrorBox error={update.error} />
      <fieldset disabled={!writable} className="plain">
        <TextField
          label="ФИО"
          value={form.fullName}
          onChange={(fullName) => setForm({ ...form, fullName })}
          error={errors.fullName}
        />
        <TextField
          label="Эл. почта"
          type="email"
          value={form.email}
          onChange={(email) => setForm({ ...form, email })}
          error={errors.email}
        />
        <CheckboxGroup<RoleCode>
          legend="Роли"
          options={roleOptions}
          value={form.roles}
          onChange={(value) => setForm({ ...form, roles: value })}
          error={errors.roles}
        />
      </fieldset>
      {writable && (
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={!dirty || update.isPending}>
            {update.isPending ? 'Сохранение…' : 'Сохранить'}
          </button>
          {saved && !dirty && (
            <span className="ok" role="status">
              Сохранено
            </span>
          )}
        </div>
      )}
    </form>
  );
}

function AccessSection({ user }: { user: User }) {
  const update = useUpdateUser(user.id);
  return (
    <section className="card" aria-labelledby="user-access">
      <h2 id="user-access">Доступ</h2>
      <ErrorBox error={update.error} />
      <p className="muted">
        {user.isActive
          ? 'Пользователь может входить в систему и вызывать API.'
          : 'Пользователь отключён: вход и API-ключи не действуют.'}
      </p>
      <button
        type="button"
        className={user.isActive ? 'button-danger' : 'button-primary'}
        disabled={update.isPending}
        onClick={() => update.mutate({ isActive: !user.isActive })}
      >
        {user.isActive ? 'Отключить пользователя' : 'Включить пользователя'}
      </button>
    </section>
  );
}

function PasswordForm({ user }: { user: User }) {
  const update = useUpdateUser(user.id);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(update.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    update.mutate(
      { password },
      {
        onSuccess: () => {
          setPassword('');
          setRepeat('');
          setSaved(true);
        },
      },
    );
  };

  return (
    <form className="form card" onSubmit={submit} aria-labelledby="user-password" noValidate>
      <h2 id="user-password">Пароль</h2>
      <ErrorBox error={update.error} />
      <input type="text" name="username" autoComplete="username" value={user.login} readOnly hidden />
      <TextField
        label="Новый пароль"
        type="password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        autoComplete="new-password"
      />
      <TextField
        label="Повтор пароля"
        type="password"
        value={repeat}
        onChange={setRepeat}
        error={mismatch ? 'Пароли не совпадают' : undefined}
        autoComplete="new-password"
      />
      <div className="form-actions">
        <button type="submit" disabled={!password || update.isPending}>
          Установить пароль
        </button>
        {saved && (
          <span className="ok" role="status">
            Пароль установлен
          </span>
        )}
      </div>
    </form>
  );
}
