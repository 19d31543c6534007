import * as z from 'zod/mini';
import { RoleName } from '#packages/features/identity/roles-contract.ts';
import { isBuiltInRole } from '#packages/auth/roles.ts';
import { cachedAccessSource } from '#packages/features/identity/access-source.ts';
import { issueDevToken } from './dev-token.ts';
import { docsRoutes } from './docs-routes.ts';
import type { LocalEventBus } from './event-bus.ts';
import { sendJson, type LocalRoute } from './http-server.ts';

const TokenRequest = z.object({
  role: z._default(z.string(), 'admin'),
  userId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});

/** A built-in role, or a custom role created through `POST /v1/roles` (its name is the Cognito group deployed). */
async function isKnownRole(role: string): Promise<boolean> {
  if (isBuiltInRole(role)) return true;
  return RoleName.safeParse(role).data === role && (await cachedAccessSource.customRole({ name: role })) !== null;
}

/** Routes only the local runner serves: they never exist in a deployed stack. */
export function devRoutes({ tokenSecret, bus }: { tokenSecret: string; bus: LocalEventBus }): LocalRoute[] {
  return [
    {
      method: 'POST',
      path: '/dev/token',
      handle: async (_req, res, _url, body) => {
        let parsed;
        try {
          parsed = TokenRequest.safeParse(body.length ? JSON.parse(body.toString('utf8')) : {});
        } catch {
          parsed = null;
        }
        if (!parsed?.success || !(await isKnownRole(parsed.data.role))) {
          return sendJson(
            res,
            400,
            { type: 'https://eventos.dev/problems/validation_failed', title: 'Validation failed', status: 400, code: 'validation_failed', detail: 'Body: {"role": a built-in role or the name of a custom role, "userId"?: string}' },
            'application/problem+json',
          );
        }
        const { role, userId = `local-${role}` } = parsed.data;
        sendJson(res, 200, { token: await issueDevToken(tokenSecret, userId, role), userId, role });
      },
    },
    { method: 'GET', path: '/dev/bus/dead-letters', handle: (_req, res) => sendJson(res, 200, { items: bus.deadLetters }) },
    { method: 'GET', path: '/dev/bus/events', handle: (_req, res) => sendJson(res, 200, { items: bus.recent.slice(-100) }) },
    ...docsRoutes(),
  ];
}
