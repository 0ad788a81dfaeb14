// Keyboard shortcuts for the lists (issue 7): "/" focuses the search, "j"
// and "k" move the current row down and up, Enter opens it, "a" assigns it to
// oneself (where the list allows), and "?" shows them all. Keys typed into a
// field, or with Ctrl/Alt/Meta, are left alone. The current row is marked
// with aria-current and a visible outline, and is scrolled into view.
import { useEffect, useRef, useState } from 'react';

export interface ShortcutActions {
  rows: number; // how many rows the list shows
  searchId: string; // the id of the search input
  onOpen: (index: number) => void;
  onAssign?: (index: number) => void;
}

const KEYS: { keys: string; what: string; assign?: boolean }[] = [
  { keys: '/', what: 'Search' },
  { keys: 'j', what: 'Next row' },
  { keys: 'k', what: 'Previous row' },
  { keys: 'Enter', what: 'Open the current row' },
  { keys: 'a', what: 'Assign the current row to me', assign: true },
  { keys: '?', what: 'Show these shortcuts' },
];

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** The current row (or -1) and whether the help is open; `close` hides it. */
export function useListShortcuts(actions: ShortcutActions): { current: number; help: boolean; closeHelp: () => void } {
  const [current, setCurrent] = useState(-1);
  const [help, setHelp] = useState(false);
  const latest = useRef(actions);
  latest.current = actions;
  const currentRef = useRef(current);
  currentRef.current = current;

  useEffect(() => {
    if (current >= actions.rows) setCurrent(actions.rows - 1);
  }, [actions.rows, current]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.ctrlKey || e.altKey || e.metaKey || typingIn(e.target)) return;
      const a = latest.current;
      const at = currentRef.current;
      if (e.key === '/') {
        e.preventDefault();
        document.getElementById(a.searchId)?.focus();
      } else if (e.key === 'j' && a.rows > 0) {
        setCurrent(Math.min(at + 1, a.rows - 1));
      } else if (e.key === 'k' && a.rows > 0) {
        setCurrent(Math.max(at - 1, 0));
      } else if (e.key === 'Enter' && at >= 0 && (e.target as HTMLElement | null)?.tagName !== 'A' && (e.target as HTMLElement | null)?.tagName !== 'BUTTON') {
        a.onOpen(at);
      } else if (e.key === 'a' && at >= 0 && a.onAssign) {
        a.onAssign(at);
      } else if (e.key === '?') {
        setHelp(true);
      } else if (e.key === 'Escape') {
        setHelp(false);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (current < 0) return;
    document.querySelector(`[data-row="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  return { current, help, closeHelp: () => setHelp(false) };
}

/** The list of shortcuts, as a dialog opened with "?". */
export function ShortcutHelp({ open, onClose, canAssign }: { open: boolean; onClose: () => void; canAssign: boolean }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="shortcut-help" role="dialog" aria-modal="true" aria-labelledby="shortcut-title">
      <h2 id="shortcut-title">Keyboard shortcuts</h2>
      <dl>
        {KEYS.filter((k) => canAssign || !k.assign).map((k) => (
          <div key={k.keys}>
            <dt>
              <kbd>{k.keys}</kbd>
            </dt>
            <dd>{k.what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="btn" ref={closeRef} onClick={onClose}>
        Close
      </button>
    </div>
  );
}
