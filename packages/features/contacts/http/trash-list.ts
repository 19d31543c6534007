import { listContactTrash as route } from '#packages/features/contacts/routes.ts';
import { listTrash } from '#packages/features/contacts/contact-trash.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listTrash(query)));
