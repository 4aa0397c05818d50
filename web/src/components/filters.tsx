// Filter controls above a table. ↓ in a text filter moves focus into the table.
import { useId, type ReactNode } from 'react';
import { useDebouncedText } from './list-params';

export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <div className="filter-bar" role="search">
      {children}
    </div>
  );
}

export function TextFilter({
  label,
  value,
  onChange,
  tableId,
  placeholder,
  type = 'search',
  width,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  tableId?: string;
  placeholder?: string;
  type?: 'search' | 'number' | 'date' | 'text';
  width?: string;
}) {
  const id = useId();
  const debounce = type === 'search' || type === 'text';
  const [text, setText] = useDebouncedText(value, onChange, debounce ? 250 : 0);
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={text}
        placeholder={placeholder}
        style={width ? { width } : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && text !== value) onChange(text);
          if (event.key === 'ArrowDown' && tableId) {
            event.preventDefault();
            if (text !== value) onChange(text);
            document.getElementById(tableId)?.focus();
          }
        }}
      />
    </div>
  );
}

export function SelectFilter({
  label,
  value,
  onChange,
  options,
  allLabel = 'Все',
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  allLabel?: string;
}) {
  const id = useId();
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
