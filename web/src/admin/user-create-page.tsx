// Администрирование → Новый пользователь.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import type { RoleCode, UserCreate } from '../api/types';
import { navigate } from '../app/router';
import { can, useMe } from '../auth/session';
import { ErrorBox } from '../components/error-box';
import { CheckboxGroup, Field, TextField, fieldErrors } from '../components/form';
import { PageHeader } from '../components/page';
import { AdminTabs } from './admin-tabs';
import { rolesAllowedFor, useOrganisationOptions, useRoles } from './reference-data';
import { userPath } from './users-page';

export function UserCreatePage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const organisations = useOrganisationOptions(can(me, 'organisations.read'));
  const [form, setForm] = useState({
    login: '',
    fullName: '',
    email: '',
    password: '',
    roles: [] as RoleCode[],
    organisationId: String(me.organisation.id),
  });
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((current) => ({ ...current, [key]: value }));

  const create = useMutation({
    mutationFn: (body: UserCreate) => api.createUser(body),
    onSuccess: (user) => {
      queryClient.invalidateQueries({ queryKey: ['users'] });
      queryClient.setQueryData(['user', user.id], user);
      navigate(`${userPath(user.id)}?created=1`);
    },
  });
  const errors = fieldErrors(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: UserCreate = {
      login: form.login.trim(),
      fullName: form.fullName.trim(),
      password: form.password,
      roles: form.roles,
      organisationId: Number(form.organisationId),
    };
    if (form.email.trim()) body.email = form.email.trim();
    create.mutate(body);
  };

  const organisationItems = organisations.data?.items ?? [me.organisation];
  const allowedRoles = (organisationId: string) =>
    rolesAllowedFor(roles.items, organisationItems.find((org) => String(org.id) === organisationId)?.kind);
  // Roles the new organisation's staff may not hold are unchecked.
  const chooseOrganisation = (organisationId: string) => {
    const allowed = allowedRoles(organisationId).map((role) => role.code);
    setForm((current) => ({
      ...current,
      organisationId,
      roles: current.roles.filter((code) => allowed.includes(code)),
    }));
  };

  return (
    <>
      <AdminTabs />
      <PageHeader title="Новый пользователь" back={{ to: '/admin/users', label: 'Пользователи' }} />
      <form className="form card" onSubmit={submit} aria-label="Новый пользователь" noValidate>
        <ErrorBox error={create.error} />
        <TextField
          label="Логин"
          value={form.login}
          onChange={(value) => set('login', value)}
          error={errors.login}
          autoComplete="off"
          autoFocus
        />
        <TextField
          label="ФИО"
          value={form.fullName}
          onChange={(value) => set('fullName', value)}
          error={errors.fullName}
        />
        <TextField
          label="Эл. почта"
          type="email"
          value={form.email}
          onChange={(value) => set('email', value)}
          error={errors.email}
          hint="Необязательно"
        />
        <TextField
          label="Пароль"
          type="password"
          value={form.password}
          onChange={(value) => set('password', value)}
          error={errors.password}
          autoComplete="new-password"
        />
        <Field label="Организация" error={errors.organisationId}>
          {(props) => (
            <select
              {...props}
              value={form.organisationId}
              onChange={(event) => chooseOrganisation(event.target.value)}
            >
              {organisationItems.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <CheckboxGroup
          legend="Роли"
          options={allowedRoles(form.organisationId).map((role) => ({
            value: role.code,
            label: role.name,
            hint: role.code,
          }))}
          value={form.roles}
          onChange={(value) => set('roles', value)}
          error={errors.roles}
        />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={create.isPending}>
            {create.isPending ? 'Создание…' : 'Создать'}
          </button>
          <button type="button" onClick={() => navigate('/admin/users')}>
            Отмена
          </button>
        </div>
      </form>
    </>
  );
}
