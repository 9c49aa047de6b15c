import type { ColumnId } from '../../store/preferences-slice';

export const COLUMN_LABELS: Record<ColumnId, string> = {
  user: 'User',
  application: 'Application',
  engine: 'Engine',
  state: 'State',
  cpu: 'CPU',
  memory: 'Memory',
  uptime: 'Uptime',
  lastActive: 'Last active',
  url: 'URL',
};

const COLUMN_WIDTHS: Record<ColumnId, string> = {
  user: 'minmax(120px, 1fr)',
  application: 'minmax(180px, 1.6fr)',
  engine: 'minmax(90px, 0.7fr)',
  state: '120px',
  // A sparkline and a value each.
  cpu: '96px',
  memory: '116px',
  uptime: '90px',
  lastActive: '110px',
  url: 'minmax(160px, 1.6fr)',
};

/** The grid template shared by the header and every row: checkbox, then the shown columns. */
export function gridTemplate(columns: ColumnId[]): string {
  return ['36px', ...columns.map((c) => COLUMN_WIDTHS[c])].join(' ');
}
