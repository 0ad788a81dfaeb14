// Display helpers: times in the organisation's time zone, enum labels.

let zone: string | undefined;

export function setDisplayTimeZone(tz: string | undefined): void {
  zone = tz || undefined;
}

function formatter(withTime: boolean): Intl.DateTimeFormat {
  const opts: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
  if (withTime) Object.assign(opts, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  try {
    return new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: zone });
  } catch {
    return new Intl.DateTimeFormat('en-GB', opts);
  }
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatter(true).format(d);
}

/**
 * A calendar date ("2026-12-31", a due date) is shown as that date in every
 * zone; a timestamp as its date in the organisation's zone. (A date-only
 * string parses as UTC midnight, which a zone west of UTC showed as the day
 * before.)
 */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const d = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(d.getTime())) return iso;
    return new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return formatter(false).format(d);
}

/** "customer_stated" → "Customer stated". */
export function label(name: string | null | undefined): string {
  if (!name) return '';
  const s = name.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A value from an audit entry as short readable text. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v === '' ? '""' : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '(none)';
    if (v.every((x) => typeof x !== 'object' || x === null)) return v.map(String).join(', ');
    // Needs of a segment: "Fast delivery (basic, 5/5); ..."
    if (v.every((x) => x && typeof x === 'object' && 'description' in x)) {
      return v
        .map((x) => {
          const n = x as { description: unknown; class?: unknown; importance?: unknown };
          const extra = [n.class, n.importance !== undefined ? `${String(n.importance)}/5` : undefined].filter((e) => e !== undefined);
          return extra.length ? `${String(n.description)} (${extra.join(', ')})` : String(n.description);
        })
        .join('; ');
    }
  }
  return JSON.stringify(v);
}

/** "datetime-local" input value (browser local time) → ISO UTC. */
export function localInputToIso(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** Now as a "datetime-local" input value in browser local time. */
export function nowLocalInput(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  const off = d.getTimezoneOffset() * 60000;
  return new Date(d.getTime() - off).toISOString().slice(0, 16);
}

/** Server messages start lower-case ("must be an e-mail address"); show them as sentences. */
export function sentence(text: string | undefined): string {
  if (!text) return '';
  const t = text.trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** "user:3 alice@example.org" → "alice@example.org"; other actors ("cli", "system") unchanged. */
export function actor(label: string | null | undefined): string {
  if (!label) return '—';
  const m = /^user:\d+\s+(.+)$/.exec(label);
  return m ? m[1] : label;
}
