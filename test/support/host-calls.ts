import { expect } from 'vitest';
import type { CallName, Request, Response } from '../../src-core/api/contract';
import type { Reply } from '../../src-core/api/wire';
import type { Session } from '../../src-core/host/host';

/** A session's calls as a test makes them: the result, or the error payload it must fail with. */
export function hostCalls(session: () => Session) {
  return {
    async call<N extends CallName>(name: N, request: Request<N>): Promise<Response<N>> {
      const reply = await session().invoke(name, request);
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
      return reply.result as Response<N>;
    },
    async failure(name: string, request: unknown) {
      const reply = await session().invoke(name, request);
      expect(reply.ok).toBe(false);
      return (reply as Extract<Reply, { ok: false }>).error;
    },
  };
}
