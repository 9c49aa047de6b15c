import { useState, type ReactNode } from 'react';

export interface AddControl {
  /** The input's id and accessible name. */
  id: string;
  label: string;
  placeholder: string;
  button: string;
  busy: boolean;
  /** Resolves true when added: the input is cleared then. */
  onAdd(value: string): Promise<boolean>;
  /** Suggestions, as a datalist. */
  suggestions?: string[];
}

/**
 * A catalog list's toolbar: search, an add form (absent on a read-only
 * catalog or a list nothing is added to), further controls, a count.
 */
export function ListToolbar({
  searchLabel,
  searchPlaceholder = searchLabel,
  search,
  onSearch,
  add,
  count,
  children,
}: {
  searchLabel: string;
  /** What the empty search box shows; its label by default. */
  searchPlaceholder?: string;
  search: string;
  onSearch(value: string): void;
  add?: AddControl | undefined;
  count: string;
  children?: ReactNode;
}) {
  const [value, setValue] = useState('');
  return (
    <div className="toolbar">
      <div className="search">
        <input
          type="search"
          aria-label={searchLabel}
          placeholder={searchPlaceholder}
          value={search}
          onChange={(e) => onSearch(e.target.value)}
        />
      </div>
      {add && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add.onAdd(value.trim()).then((added) => added && setValue(''));
          }}
        >
          <input
            id={add.id}
            aria-label={add.label}
            placeholder={add.placeholder}
            list={add.suggestions ? `${add.id}-suggestions` : undefined}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          {add.suggestions && (
            <datalist id={`${add.id}-suggestions`}>
              {add.suggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )}
          <button type="submit" className="primary" disabled={!value.trim() || add.busy}>
            {add.button}
          </button>
        </form>
      )}
      {children}
      <span className="count">{count}</span>
    </div>
  );
}
