// Choose a customer: a search box narrowing a select of matching customers;
// the chosen one stays offered even when the search or the first page of
// names does not hold it (a case's customer, one chosen from their page).
import { useState } from 'react';
import { qs } from '../api';
import { useApi, useDebounced } from '../hooks';
import type { Customer, Page } from '../types';
import { SelectField, TextField } from './Fields';

export function CustomerPicker(props: {
  idPrefix: string;
  value: string;
  onChange: (id: string) => void;
  error?: string;
  empty?: string;
  label?: string;
}) {
  const [q, setQ] = useState('');
  const searched = useDebounced(q);
  const { data } = useApi<Page<Customer>>(`/api/v1/customers${qs({ q: searched, sort: 'name', limit: 100 })}`);
  const listed = data?.items ?? [];
  const missing = props.value !== '' && data !== undefined && !listed.some((c) => String(c.id) === props.value);
  const { data: chosen } = useApi<Customer>(missing ? `/api/v1/customers/${encodeURIComponent(props.value)}` : null);
  const items = missing && chosen && String(chosen.id) === props.value ? [chosen, ...listed] : listed;
  return (
    <div className="picker">
      <TextField id={`${props.idPrefix}-find`} label="Find customer" type="search" value={q} onChange={setQ} />
      <SelectField
        id={`${props.idPrefix}-customer`}
        label={props.label ?? 'Customer'}
        value={props.value}
        onChange={props.onChange}
        empty={props.empty ?? '— choose —'}
        options={items.map((c) => ({ value: String(c.id), label: c.email ? `${c.name} (${c.email})` : c.name }))}
        error={props.error}
      />
    </div>
  );
}
