import type { z } from 'zod';

/** One call of the contract: what the caller sends and what it gets back. */
export interface CallSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
}

/** One event of the contract: what the host pushes to every open session. */
export interface EventSpec<Payload extends z.ZodType = z.ZodType> {
  payload: Payload;
}

export function call<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
): CallSpec<Req, Res> {
  return { request, response };
}

export function event<Payload extends z.ZodType>(payload: Payload): EventSpec<Payload> {
  return { payload };
}

/**
 * A domain's part of the contract. Names are `<domain>.<name>` so that
 * domains added by other modules cannot collide.
 */
export interface Domain {
  calls: Record<string, CallSpec>;
  events: Record<string, EventSpec>;
}
