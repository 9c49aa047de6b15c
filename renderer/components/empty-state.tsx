import type { ReactNode } from 'react';

/** What an empty area says: what it is, and what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <div className="empty-title">{title}</div>
      {children && <div className="empty-hint">{children}</div>}
    </div>
  );
}
