// A destructive action that asks for confirmation inline (no browser dialog).
import { useState } from 'react';

export function ConfirmButton(props: {
  label: string;
  confirmLabel?: string;
  question: string;
  onConfirm: () => void | Promise<void>;
  busy?: boolean;
  small?: boolean;
}) {
  const size = props.small ? ' btn-small' : '';
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={`btn btn-danger-quiet${size}`} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={props.question}>
      <span className="confirm-q">{props.question}</span>
      <button
        type="button"
        className={`btn btn-danger${size}`}
        disabled={props.busy}
        onClick={async () => {
          await props.onConfirm();
          setAsking(false);
        }}
      >
        {props.confirmLabel ?? `Yes, ${props.label.toLowerCase()}`}
      </button>
      <button type="button" className={`btn${size}`} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
