import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorNotice } from '../../components/error-notice';
import { useLogFollow } from './use-log-follow';

/** Logs with stderr marked, a search that keeps only matching lines, and follow. */
export function LogView({ engine, id }: { engine: string; id: string }) {
  const [follow, setFollow] = useState(true);
  const [search, setSearch] = useState('');
  const { lines, error, ended } = useLogFollow(engine, id, follow);
  const shown = useMemo(() => {
    const needle = search.toLowerCase();
    return needle ? lines.filter((l) => l.text.toLowerCase().includes(needle)) : lines;
  }, [lines, search]);
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [shown, follow]);

  return (
    <div className="logs">
      <div className="logs-bar">
        <input
          type="search"
          aria-label="Search logs"
          placeholder="Search logs…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label className="toggle">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow
        </label>
        <span className="muted">
          {search ? `${shown.length} of ${lines.length} lines` : `${lines.length} lines`}
          {ended && ' · stream ended'}
        </span>
      </div>
      {error && <ErrorNotice error={error} compact />}
      <pre className="log-lines" ref={box} aria-label="Log lines">
        {shown.length === 0 ? (
          <span className="muted">{search ? 'No line matches.' : 'No output yet.'}</span>
        ) : (
          shown.map((l, i) => (
            <div key={i} className={l.stream === 'stderr' ? 'log-line stderr' : 'log-line'}>
              {l.text}
            </div>
          ))
        )}
      </pre>
    </div>
  );
}
