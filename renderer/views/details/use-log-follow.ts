import { useEffect, useState } from 'react';
import { errorPayloadOf, type ErrorPayload } from '../../../src-core/api/errors';
import { useServices } from '../../context/app-context';
import { newOperationId } from '../../store/operation-id';

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

const TAIL = 500;
const KEEP = 5000;

/**
 * The container's last lines (stdout and stderr apart, as the core
 * demultiplexes them); with `follow`, they and every new one arrive as
 * events under a follow id of ours, until unfollowed or the container stops.
 */
export function useLogFollow(engine: string, id: string, follow: boolean) {
  const { contract } = useServices();
  const [lines, setLines] = useState<LogLine[]>([]);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    setLines([]);
    setEnded(false);
    setError(null);
    const fail = (e: unknown) => setError(errorPayloadOf(e));
    if (!follow) {
      let live = true;
      contract
        .call('containers.logs', { engine, id, tail: TAIL })
        .then((r) => live && setLines(r.lines), fail);
      return () => {
        live = false;
      };
    }
    const followId = newOperationId('logs');
    const offLine = contract.on('containers.log', (e) => {
      if (e.followId === followId)
        setLines((l) => [...l, { stream: e.stream, text: e.text }].slice(-KEEP));
    });
    const offEnd = contract.on('containers.logEnd', (e) => {
      if (e.followId !== followId) return;
      setEnded(true);
      if (e.error) setError(e.error);
    });
    contract.call('containers.logs', { engine, id, tail: TAIL, followId }).catch(fail);
    return () => {
      offLine();
      offEnd();
      void contract.call('containers.unfollow', { followId }).catch(() => undefined);
    };
  }, [contract, engine, id, follow]);

  return { lines, error, ended };
}
