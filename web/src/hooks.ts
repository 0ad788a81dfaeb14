// Loading data from the API in components.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './api';
import type { Customer, Id } from './types';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (skipped when null) and again whenever it changes or reload() is called. */
export function useApi<T>(path: string | null, refreshKey: number = 0): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    api
      .get<T>(path)
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [path, tick, refreshKey]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/** Form error state: a top message and per-field messages from a problem+json answer. */
export interface FormErrors {
  detail: string;
  fields: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { detail: '', fields: {} };

export function toFormErrors(e: unknown): FormErrors {
  if (e instanceof ApiError) {
    const fields = e.fieldErrors();
    let detail = e.problem.detail ?? e.message;
    if (e.status === 409 && Object.keys(fields).length === 0 && /e-?mail/i.test(detail)) {
      fields.email = detail;
    }
    return { detail, fields };
  }
  return { detail: e instanceof Error ? e.message : String(e), fields: {} };
}

/** Names of the customers on the current page, fetched once each. */
export function useCustomerNames(ids: Id[]): Map<Id, string> {
  const [names, setNames] = useState<Map<Id, string>>(new Map());
  const key = Array.from(new Set(ids)).sort().join(',');
  useEffect(() => {
    let live = true;
    const missing = key ? key.split(',').map(Number).filter((id) => !names.has(id)) : [];
    if (missing.length === 0) return;
    Promise.all(
      missing.map((id) =>
        api
          .get<Customer>(`/api/v1/customers/${id}`)
          .then((c) => [id, c.name] as const)
          .catch(() => [id, `Customer #${id}`] as const),
      ),
    ).then((pairs) => {
      if (!live) return;
      setNames((old) => {
        const next = new Map(old);
        for (const [id, n] of pairs) next.set(id, n);
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}


/** `value` after it has stopped changing for `ms` milliseconds (for search boxes). */
export function useDebounced<T>(value: T, ms = 250): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setCurrent(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return current;
}
