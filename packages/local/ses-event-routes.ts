import * as z from 'zod/mini';
import { publishSesRecord, sesRecordFor } from '#packages/features/campaigns/ses-event-fixture.ts';
import { sendJson, type LocalRoute } from './http-server.ts';

const SesEventBody = z.object({
  messageId: z.string().check(z.minLength(1), z.maxLength(256)),
  type: z.enum(['Delivery', 'Open', 'Click', 'Bounce', 'Complaint']),
  bounceType: z.optional(z.enum(['Permanent', 'Transient', 'Undetermined'])),
  link: z.optional(z.string().check(z.maxLength(2048))),
  timestamp: z.optional(z.iso.datetime()),
  /** Open only: who fetched the pixel (a privacy proxy's `Mozilla/5.0` from 17.x.x.x is a machine open). */
  userAgent: z.optional(z.string().check(z.maxLength(512))),
  ipAddress: z.optional(z.string().check(z.maxLength(64))),
});

function problem(res: Parameters<LocalRoute['handle']>[1], status: number, code: string, detail: string): void {
  sendJson(res, status, { type: `https://eventos.dev/problems/${code}`, title: code, status, code, detail }, 'application/problem+json');
}

/**
 * POST /dev/ses-events {"messageId", "type": "Delivery"|"Open"|"Click"|"Bounce"|"Complaint", "bounceType"?, "link"?, "timestamp"?}
 * → 202 with the SES record put on the local bus, where the same consumer
 * (campaign-track) handles it as it would SES's in a deployed stack. Local
 * only: the SES emulator produces no sending events.
 */
export function sesEventDevRoutes(): LocalRoute[] {
  return [
    {
      method: 'POST',
      path: '/dev/ses-events',
      handle: async (_req, res, _url, body) => {
        let parsed;
        try {
          parsed = SesEventBody.safeParse(JSON.parse(body.toString('utf8') || '{}'));
        } catch {
          parsed = null;
        }
        if (!parsed?.success) {
          return problem(res, 400, 'validation_failed', 'Body: {"messageId", "type": "Delivery"|"Open"|"Click"|"Bounce"|"Complaint", "bounceType"?, "link"?, "timestamp"?}');
        }
        const record = await sesRecordFor(parsed.data);
        if (!record) return problem(res, 404, 'not_found', `No campaign message ${parsed.data.messageId}`);
        await publishSesRecord(record);
        sendJson(res, 202, { published: record });
      },
    },
  ];
}
