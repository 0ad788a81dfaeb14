import { label } from '../format';

/** A small status pill; the tone comes from the value. */
export function Badge({ value }: { value: string }) {
  return <span className={`badge badge-${value.replace(/[^a-z_]/g, '')}`}>{label(value)}</span>;
}
