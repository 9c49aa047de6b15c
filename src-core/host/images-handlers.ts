import type * as images from '../api/images';
import type { DomainHandlers } from './handler';
import { errorPayloadOf } from '../api/errors';
import type { HostServices } from './services';

export function imageHandlers({ engines }: HostServices): DomainHandlers<typeof images> {
  return {
    'images.list': async ({ engine }) => {
      // An unknown engine named by the caller is an error; listing all asks every registered one.
      const named = engine ? [{ engine, manager: engines.manager(engine) }] : null;
      const targets =
        named ?? engines.statuses().map((s) => ({ engine: s.id, manager: engines.manager(s.id) }));
      // Engines answer in parallel; one that cannot says why, beside the others' images.
      const listings = await Promise.all(
        targets.map(({ engine: id, manager }) =>
          manager.listImages().then(
            (list) => ({ engine: id, images: list }),
            (error: unknown) => ({ engine: id, images: [], error: errorPayloadOf(error) }),
          ),
        ),
      );
      return { engines: listings };
    },
  };
}
