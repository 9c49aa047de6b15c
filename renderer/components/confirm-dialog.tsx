import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * A modal question. Focus starts on Cancel and stays within the dialog (Tab
 * and Shift+Tab go round its buttons); Escape cancels; on closing, the focus
 * goes back to where it was.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    cancel.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape') onCancel();
    if (e.key !== 'Tab') return;
    const stops = [...e.currentTarget.querySelectorAll<HTMLElement>('button, [href], input')];
    const at = stops.indexOf(document.activeElement as HTMLElement);
    const next = stops[(at + (e.shiftKey ? -1 : 1) + stops.length) % stops.length];
    e.preventDefault();
    next?.focus();
  }

  return (
    <div className="modal-backdrop" onClick={onCancel}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <h2 id="confirm-title">{title}</h2>
        <div className="modal-body">{children}</div>
        <div className="modal-actions">
          <button ref={cancel} type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
