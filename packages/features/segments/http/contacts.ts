import { listSegmentContacts as route } from '#packages/features/segments/routes.ts';
import { listSegmentContacts } from '#packages/features/segments/segment-contacts.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listSegmentContacts(params.id, query)));
