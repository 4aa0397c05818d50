// The state of a small form of text fields: `bind('field')` gives a TextField its value and onChange.
import { useState } from 'react';

export function useFormState<T extends Record<string, string>>(initial: T) {
  const [form, setForm] = useState(initial);
  const set = (key: keyof T, value: string) => setForm((f) => ({ ...f, [key]: value }));
  const bind = (key: keyof T) => ({ value: form[key], onChange: (value: string) => set(key, value) });
  return { form, set, setForm, bind };
}
