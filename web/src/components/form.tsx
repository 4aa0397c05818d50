// Form fields whose error text comes from the API's details[].field.
import { useId, type ReactNode } from 'react';
import { ApiError } from '../api/client';

/** "body.roles[0]" / "roles.0" / "/roles/0" → "roles". */
export function fieldRoot(path: string): string {
  const trimmed = path.replace(/^\/+/, '').replace(/^body[./]/, '');
  return trimmed.split(/[.[/]/)[0] ?? trimmed;
}

/** Problems of each form field named in the error's details. */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  for (const detail of error.details) {
    const key = fieldRoot(detail.field);
    result[key] = result[key] ? `${result[key]}; ${detail.problem}` : detail.problem;
  }
  return result;
}

type FieldProps = {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
};

export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <div className="field-control">
        {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy || undefined })}
        {hint && (
          <div className="field-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        {error && (
          <div className="field-error" id={`${id}-error`}>
            {error}
          </div>
        )}
      </div>
    </div>
  );
}

type TextFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  type?: 'text' | 'password' | 'email' | 'date' | 'number';
  name?: string;
  required?: boolean;
  autoComplete?: string;
  autoFocus?: boolean;
  readOnly?: boolean;
};

export function TextField({ label, value, onChange, error, hint, ...input }: TextFieldProps) {
  return (
    <Field label={label} error={error} {...(hint ? { hint } : {})}>
      {(props) => (
        <input
          {...props}
          {...input}
          type={input.type ?? 'text'}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** A group of checkboxes (roles) with one legend and one error line. */
export function CheckboxGroup<T extends string>({
  legend,
  options,
  value,
  onChange,
  error,
}: {
  legend: string;
  options: { value: T; label: string; hint?: string }[];
  value: T[];
  onChange: (value: T[]) => void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset
      className={error ? 'field checkbox-group field-invalid' : 'field checkbox-group'}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      <div className="field-control">
        <div className="checkbox-list">
          {options.map((option) => (
            <label key={option.value} className="checkbox" title={option.hint}>
              <input
                type="checkbox"
                checked={value.includes(option.value)}
                onChange={(event) =>
                  onChange(
                    event.target.checked ? [...value, option.value] : value.filter((v) => v !== option.value),
                  )
                }
              />
              {option.label}
            </label>
          ))}
        </div>
        {error && (
          <div className="field-error" id={`${id}-error`}>
            {error}
          </div>
        )}
      </div>
    </fieldset>
  );
}
