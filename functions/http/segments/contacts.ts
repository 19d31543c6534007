import { listSegmentContacts as route } from '#packages/api/routes/segments.ts';
import { listSegmentContacts } from '#packages/core/segments/segment-contacts.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listSegmentContacts(params.id, query)));
