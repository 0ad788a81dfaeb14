// Labelled form controls. Each shows its server-side error message next to
// it, linked with aria-describedby and flagged with aria-invalid.
import { useId, type ReactNode } from 'react';
import { label as labelOf, sentence } from '../format';

interface Common {
  label: string;
  error?: string;
  hint?: string;
  id?: string;
  required?: boolean;
  className?: string;
}

function useIds(id: string | undefined, error?: string, hint?: string) {
  const auto = useId();
  const base = id ?? `f${auto.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const errorId = `${base}-error`;
  const hintId = `${base}-hint`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return { base, errorId, hintId, describedBy };
}

function FieldShell(props: {
  base: string;
  label: string;
  required?: boolean;
  hint?: string;
  hintId: string;
  error?: string;
  errorId: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={props.base}>
        {props.label}
      </label>
      {props.children}
      {props.hint ? (
        <p className="hint" id={props.hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p className="field-error" id={props.errorId}>
          {sentence(props.error)}
        </p>
      ) : null}
    </div>
  );
}

export function TextField(
  props: Common & {
    value: string;
    onChange: (v: string) => void;
    type?: string;
    autoComplete?: string;
    inputMode?: 'email' | 'tel' | 'text' | 'search' | 'numeric';
    placeholder?: string;
    autoFocus?: boolean;
    list?: string;
    max?: string;
  },
) {
  const ids = useIds(props.id, props.error, props.hint);
  return (
    <FieldShell {...ids} {...props}>
      <input
        id={ids.base}
        name={ids.base}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        required={props.required}
        autoFocus={props.autoFocus}
        list={props.list}
        max={props.max}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </FieldShell>
  );
}

export function TextArea(props: Common & { value: string; onChange: (v: string) => void; rows?: number }) {
  const ids = useIds(props.id, props.error, props.hint);
  return (
    <FieldShell {...ids} {...props}>
      <textarea
        id={ids.base}
        name={ids.base}
        rows={props.rows ?? 3}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** Options from enum names, labelled readably. */
export function enumOptions(names: readonly string[]): Option[] {
  return names.map((n) => ({ value: n, label: labelOf(n) }));
}

export function SelectField(
  props: Common & { value: string; onChange: (v: string) => void; options: Option[]; empty?: string },
) {
  const ids = useIds(props.id, props.error, props.hint);
  return (
    <FieldShell {...ids} {...props}>
      <select
        id={ids.base}
        name={ids.base}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={ids.describedBy}
      >
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField(props: Common & { checked: boolean; onChange: (v: boolean) => void }) {
  const ids = useIds(props.id, props.error, props.hint);
  return (
    <div className={`field field-check${props.error ? ' field-invalid' : ''}`}>
      <input
        id={ids.base}
        name={ids.base}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
      <label htmlFor={ids.base}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={ids.hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p className="field-error" id={ids.errorId}>
          {sentence(props.error)}
        </p>
      ) : null}
    </div>
  );
}
