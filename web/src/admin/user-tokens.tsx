// A user's API keys: issue one (its secret is shown once, with a copy button) and revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import type { ApiToken, CreatedToken } from '../api/types';
import { formatDate, formatDateTime } from '../app/format';
import { DataTable, type Column } from '../components/data-table';
import { ErrorBox } from '../components/error-box';
import { TextField, fieldErrors } from '../components/form';
import { dayToInstant } from './audit-page';

function tokenState(token: ApiToken, now: number): string {
  if (token.revokedAt) return `Отозван ${formatDate(token.revokedAt)}`;
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'Истёк';
  return 'Действует';
}

export function UserTokens({ userId, writable }: { userId: number; writable: boolean }) {
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: ['tokens', userId],
    queryFn: ({ signal }) => api.tokens(userId, signal),
  });
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['tokens', userId] });

  const revoke = useMutation({
    mutationFn: (tokenId: number) => api.revokeToken(userId, tokenId),
    onSuccess: () => {
      setConfirming(null);
      refresh();
    },
  });

  const now = Date.now();
  const columns: Column<ApiToken>[] = [
    { key: 'name', header: 'Название', render: (token) => token.name },
    { key: 'createdAt', header: 'Выпущен', render: (token) => formatDate(token.createdAt) },
    { key: 'expiresAt', header: 'Действует до', render: (token) => formatDate(token.expiresAt) },
    {
      key: 'lastUsedAt',
      header: 'Использован',
      render: (token) => formatDateTime(token.lastUsedAt),
    },
    { key: 'state', header: 'Состояние', render: (token) => tokenState(token, now) },
  ];
  if (writable) {
    columns.push({
      key: 'actions',
      header: '',
      align: 'right',
      render: (token) =>
        token.revokedAt ? null : confirming === token.id ? (
          <span className="inline-confirm">
            <button
              type="button"
              className="button-danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(token.id)}
            >
              Подтвердить отзыв
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              Отмена
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(token.id)}>
            Отозвать
          </button>
        ),
    });
  }

  return (
    <section className="card" aria-labelledby="user-tokens">
      <h2 id="user-tokens">API-ключи</h2>
      <ErrorBox error={tokens.error} />
      <ErrorBox error={revoke.error} />
      {created && <SecretBox created={created} onDone={() => setCreated(null)} />}
      <DataTable
        label="API-ключи"
        testId="tokens-table"
        columns={columns}
        rows={tokens.data?.items ?? []}
        rowKey={(token) => token.id}
        isLoading={tokens.isPending}
        isFetching={tokens.isFetching}
        emptyText="Ключей нет"
      />
      {writable && (
        <NewTokenForm
          userId={userId}
          onCreated={(result) => {
            setCreated(result);
            refresh();
          }}
        />
      )}
    </section>
  );
}

function NewTokenForm({ userId, onCreated }: { userId: number; onCreated: (created: CreatedToken) => void }) {
  const [name, setName] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const create = useMutation({
    mutationFn: (body: { name: string; expiresAt?: string }) => api.createToken(userId, body),
    onSuccess: (result) => {
      setName('');
      setExpiresOn('');
      onCreated(result);
    },
  });
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: { name: string; expiresAt?: string } = { name: name.trim() };
    const expiresAt = dayToInstant(expiresOn, true);
    if (expiresAt) body.expiresAt = expiresAt;
    create.mutate(body);
  };
  return (
    <form className="form form-inline" onSubmit={submit} aria-label="Новый API-ключ" noValidate>
      <ErrorBox error={create.error} />
      <TextField label="Название ключа" value={name} onChange={setName} error={errors.name} />
      <TextField
        label="Действует до"
        type="date"
        value={expiresOn}
        onChange={setExpiresOn}
        error={errors.expiresAt}
        hint="Пусто — бессрочно"
      />
      <div className="form-actions">
        <button type="submit" disabled={create.isPending}>
          Выпустить ключ
        </button>
      </div>
    </form>
  );
}

function SecretBox({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied('yes');
    } catch {
      inputRef.current?.select();
      setCopied(document.execCommand('copy') ? 'yes' : 'failed');
    }
  };
  return (
    <div className="secret-box" role="region" aria-label="Новый ключ" data-testid="token-secret">
      <p>Ключ «{created.token.name}» выпущен. Скопируйте его сейчас — больше он показан не будет.</p>
      <div className="secret-row">
        <input
          ref={inputRef}
          readOnly
          value={created.secret}
          aria-label="Секрет ключа"
          className="mono"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button-primary" onClick={copy}>
          Копировать
        </button>
        <button type="button" onClick={onDone}>
          Готово
        </button>
      </div>
      {copied === 'yes' && (
        <span className="ok" role="status">
          Скопировано
        </span>
      )}
      {copied === 'failed' && (
        <span role="status">Не удалось скопировать: выделите ключ и нажмите Ctrl+C</span>
      )}
    </div>
  );
}
