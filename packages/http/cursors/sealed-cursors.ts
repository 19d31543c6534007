import type { RouteDefinition } from '#packages/core/route.ts';
import { invalid } from '#packages/core/errors.ts';
import { cursorBinding } from './cursor-binding.ts';
import { cursorKey } from './cursor-key.ts';
import { openCursor, sealCursor } from './cursor-seal.ts';
import { pagesWithCursor } from './list-routes.ts';

export interface CursorRequest {
  params: unknown;
  query: unknown;
  actorId: string;
}

export interface OpenedCursors<Q> {
  /** The query with the service's own cursor in place of the sealed one. */
  query: Q;
  /** The answer with `body.nextCursor` sealed for the same route, filter and caller. */
  seal<T extends { body?: unknown }>(result: T): Promise<T>;
}

const invalidCursor = () => invalid('invalid_cursor', 'The cursor is not one this API issued for this list and these filters');

/**
 * Sealed cursors for one route: null unless it is a list route. Services keep
 * dealing in their own cursors (ElectroDB's, contacts'), and internal callers
 * (jobs, consumers, bench) keep passing those; only what crosses HTTP is sealed.
 * The key is read only when a cursor is there to open or seal.
 */
export function sealedCursors(route: RouteDefinition) {
  if (!pagesWithCursor(route)) return null;
  return async <Q>(request: CursorRequest & { query: Q }): Promise<OpenedCursors<Q>> => {
    const binding = cursorBinding({ operationId: route.operationId, ...request });
    const sealed = (request.query as { cursor?: unknown } | undefined)?.cursor;
    let inner: string | undefined;
    if (typeof sealed === 'string') {
      const opened = openCursor(sealed, binding, await cursorKey());
      if (opened === null) throw invalidCursor();
      inner = opened;
    }
    return {
      query: { ...request.query, cursor: inner },
      async seal(result) {
        const body = result.body as { nextCursor?: unknown } | undefined;
        if (typeof body?.nextCursor !== 'string') return result;
        return { ...result, body: { ...body, nextCursor: sealCursor(body.nextCursor, binding, await cursorKey()) } };
      },
    };
  };
}
