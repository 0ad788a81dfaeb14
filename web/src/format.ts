// Display helpers: times in the organisation's time zone, enum labels.

let zone: string | undefined;

export function setDisplayTimeZone(tz: string | undefined): void {
  zone = tz || undefined;
}

/** The zone times are shown (and time inputs read) in: the organisation's, else the browser's. */
export function displayTimeZone(): string {
  return zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Date and time as shown, with the zone named ("19 Nov 2026, 16:00 GMT-8"). */
function formatter(withTime: boolean): Intl.DateTimeFormat {
  const opts: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
  if (withTime) Object.assign(opts, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
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

/** The wall-clock fields of instant `ms` in the display zone, as if that wall time were UTC (ms). */
function wallClockAsUtc(ms: number): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: displayTimeZone(),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
}

/**
 * A "datetime-local" input value ("2026-03-04T09:30") read as a wall time in
 * the display zone — the zone every time is shown in — → ISO UTC. A wall
 * time skipped by a DST change moves forward by the gap.
 */
export function localInputToIso(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return value;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  let utc = wall - (wallClockAsUtc(wall) - wall);
  utc = wall - (wallClockAsUtc(utc) - utc); // the offset at the answer, across a DST change
  return new Date(utc).toISOString();
}

/** Now as a "datetime-local" input value in the display zone. */
export function nowLocalInput(): string {
  const now = new Date();
  now.setSeconds(0, 0);
  return new Date(wallClockAsUtc(now.getTime())).toISOString().slice(0, 16);
}

/** Today as a "date" input value (YYYY-MM-DD) in the display zone. */
export function todayInput(): string {
  return new Date(wallClockAsUtc(Date.now())).toISOString().slice(0, 10);
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
