// The form for a new version of a tariff or a norm from a date: the value, the date and the act it rests on.
// The version in force closes the day before (the server's closeAndOpen); the caller says what is created.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../components/error-box';
import { TextField, fieldErrors } from '../components/form';

export type NewVersionInput = { value: string; validFrom: string; source?: string };

export function NewVersionForm<T>({
  id,
  title,
  valueLabel,
  valueHint,
  valueField,
  create,
  doneText,
  invalidate,
}: {
  id: string;
  title: string;
  valueLabel: string;
  valueHint: string;
  /** the API's name of the value field, so its error shows under the value */
  valueField: string;
  create: (input: NewVersionInput) => Promise<T>;
  doneText: (created: T) => string;
  /** query keys to refresh after the new version is saved */
  invalidate: string[];
}) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [source, setSource] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      create({
        value: value.trim().replace(',', '.'),
        validFrom,
        ...(source.trim() ? { source: source.trim() } : {}),
      }),
    onSuccess: () => {
      for (const key of [...invalidate, 'audit']) queryClient.invalidateQueries({ queryKey: [key] });
    },
  });
  const errors = fieldErrors(mutation.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    mutation.mutate(undefined, {
      onSuccess: (created) => {
        setDone(doneText(created));
        setValue('');
        setValidFrom('');
        setSource('');
      },
    });
  };
  return (
    <form className="form card" onSubmit={submit} aria-labelledby={id} noValidate>
      <h2 id={id}>{title}</h2>
      <p className="muted">Действующая редакция закроется накануне выбранной даты.</p>
      <ErrorBox error={mutation.error} />
      <TextField
        label={valueLabel}
        value={value}
        onChange={setValue}
        error={errors[valueField]}
        hint={valueHint}
      />
      <TextField
        label="С даты"
        type="date"
        value={validFrom}
        onChange={setValidFrom}
        error={errors.validFrom}
      />
      <TextField
        label="Основание"
        value={source}
        onChange={setSource}
        error={errors.source}
        hint="Приказ или постановление: номер и дата"
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button-primary"
          disabled={!value.trim() || !validFrom || mutation.isPending}
        >
          {mutation.isPending ? 'Сохранение…' : 'Добавить редакцию'}
        </button>
        {done && (
          <span className="ok" role="status">
            {done}
          </span>
        )}
      </div>
    </form>
  );
}
