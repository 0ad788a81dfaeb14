// A row of tabs (the WAI-ARIA tabs pattern): buttons with role "tab", the
// selected one in the tab order, arrow keys, Home and End moving between
// them. The caller renders the panel with id `panel-<id>`.
export interface TabSpec<T extends string> {
  id: T;
  text: string;
}

export function Tabs<T extends string>(props: { label: string; tabs: TabSpec<T>[]; current: T; onChange: (id: T) => void }) {
  const { tabs, current, onChange } = props;
  return (
    <div
      className="tabs"
      role="tablist"
      aria-label={props.label}
      onKeyDown={(e) => {
        const i = tabs.findIndex((t) => t.id === current);
        let j = -1;
        if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
        else if (e.key === 'ArrowLeft') j = (i + tabs.length - 1) % tabs.length;
        else if (e.key === 'Home') j = 0;
        else if (e.key === 'End') j = tabs.length - 1;
        if (j < 0) return;
        e.preventDefault();
        onChange(tabs[j].id);
        document.getElementById(`tab-${tabs[j].id}`)?.focus();
      }}
    >
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={current === t.id}
          aria-controls={`panel-${t.id}`}
          tabIndex={current === t.id ? 0 : -1}
          className="tab"
          onClick={() => onChange(t.id)}
        >
          {t.text}
        </button>
      ))}
    </div>
  );
}
