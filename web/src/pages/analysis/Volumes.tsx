// The volumes per period (orders, deliveries) that the u-chart divides each
// period's complaints by: listed for everyone, entered and deleted by
// quality managers.
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useCan } from '../../auth';
import { itemsOf } from '../../components/ComplaintBits';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormAlert, LoadError, Notice } from '../../components/Feedback';
import { TextField } from '../../components/Fields';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../../hooks';
import type { Page, PeriodVolume } from '../../types';
import { DataTable } from './DataTable';
import { PERIOD_PAGE_ROWS, usePagedRows } from './PagedRows';

function DeleteVolume({ period, onDeleted, onError }: { period: string; onDeleted: () => void; onError: (e: FormErrors) => void }) {
  return (
    <ConfirmButton
      small
      label="Delete"
      question={`Delete the volume of ${period}?`}
      onConfirm={async () => {
        try {
          await api.del(`/api/v1/period-volumes/${encodeURIComponent(period)}`);
          onDeleted();
        } catch (err) {
          onError(toFormErrors(err));
        }
      }}
    />
  );
}

export function Volumes({ onChange }: { onChange: () => void }) {
  const canWrite = useCan('quality');
  const { data, error, reload } = useApi<Page<PeriodVolume> | PeriodVolume[]>('/api/v1/period-volumes?limit=500');
  const items = itemsOf(data);
  const { shown, pager } = usePagedRows(items, 'Volumes per period: pages', PERIOD_PAGE_ROWS);
  const changed = () => {
    reload();
    onChange();
  };
  const [period, setPeriod] = useState('');
  const [volume, setVolume] = useState('');
  const [unit, setUnit] = useState('orders');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.put<PeriodVolume>(`/api/v1/period-volumes/${encodeURIComponent(period.trim())}`, { volume: Number(volume), unit });
      setNotice(`Volume for ${period.trim()} saved.`);
      setPeriod('');
      setVolume('');
      changed();
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const f = errors.fields;
  return (
    <section className="panel" aria-labelledby="vol-title">
      <h2 id="vol-title">Volumes per period</h2>
      <p className="muted small">The u-chart divides each period’s complaints by its volume (orders, deliveries, contracts).</p>
      <LoadError error={error} />
      <Notice text={notice} onDone={() => setNotice('')} />
      {items.length ? (
        <>
          <DataTable
            caption="Volumes per period"
            columns={[
              { title: 'Period', cell: (v: PeriodVolume) => v.period },
              { title: 'Volume', num: true, cell: (v: PeriodVolume) => v.volume },
              { title: 'Unit', cell: (v: PeriodVolume) => v.unit },
              ...(canWrite ? [{ title: 'Actions', cell: (v: PeriodVolume) => <DeleteVolume period={v.period} onDeleted={changed} onError={setErrors} /> }] : []),
            ]}
            rows={shown}
            rowKey={(v) => v.period}
            headerClass="period"
          />
          {pager}
        </>
      ) : (
        <p className="muted">No volumes entered.</p>
      )}
      {canWrite ? (
        <form className="subform" onSubmit={submit} noValidate aria-label="Enter a volume">
          <FormAlert errors={errors} shown={['period', 'volume', 'unit']} />
          <div className="grid3">
            <TextField id="vol-period" label="Period" hint="2026-03 (month) or 2026-W09 (week)" value={period} onChange={setPeriod} required error={f.period} />
            <TextField id="vol-volume" label="Volume" type="number" inputMode="numeric" value={volume} onChange={setVolume} required error={f.volume} />
            <TextField id="vol-unit" label="Unit" value={unit} onChange={setUnit} error={f.unit} />
          </div>
          <button type="submit" className="btn" disabled={busy || !period.trim()}>
            Save volume
          </button>
        </form>
      ) : null}
    </section>
  );
}
