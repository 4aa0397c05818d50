// «Вход»: login and password; the API's own message on failure.
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import { ErrorBox } from '../components/error-box';
import { TextField, fieldErrors } from '../components/form';
import { useTitle } from '../components/page';
import { useSession } from './session';

export function LoginPage({ notice }: { notice: string | null }) {
  useTitle('Вход');
  const { signedIn } = useSession();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const attempt = useMutation({
    mutationFn: () => api.login(login.trim(), password),
    onSuccess: ({ user }) => signedIn(user),
  });
  const errors = fieldErrors(attempt.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    attempt.mutate();
  };

  return (
    <div className="login-page">
      <form className="login-form" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <div className="login-product">ЖКХ-Биллинг</div>
        <h1 id="login-title">Вход</h1>
        {notice && !attempt.error && (
          <div className="notice notice-warn" role="status" data-testid="login-notice">
            {notice}
          </div>
        )}
        <ErrorBox error={attempt.error} />
        <TextField
          label="Логин"
          name="username"
          value={login}
          onChange={setLogin}
          error={errors.login}
          autoComplete="username"
          autoFocus
        />
        <TextField
          label="Пароль"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          autoComplete="current-password"
        />
        <button type="submit" className="button-primary" disabled={attempt.isPending}>
          Войти
        </button>
      </form>
    </div>
  );
}
