import { memo } from 'react';

export const GROUP_HEIGHT = 32;

export const GroupRow = memo(function GroupRow({
  user,
  count,
  top,
}: {
  user: string;
  count: number;
  top: number;
}) {
  return (
    <div className="group-row" role="row" style={{ transform: `translateY(${top}px)` }}>
      <span className="group-user">{user}</span>
      <span className="muted">
        {count} container{count === 1 ? '' : 's'}
      </span>
    </div>
  );
});
