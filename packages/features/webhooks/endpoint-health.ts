import { writtenIfCondition } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { nowIso } from '#packages/core/clock.ts';
import { logger } from '#packages/core/logger.ts';
import { sendEmail } from '#packages/mail/ses-mailer.ts';
import { forgetEndpoints, type EndpointItem } from './endpoint-service.ts';

export const ALERT_AFTER_MS = 24 * 3600_000;
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000;

type DisabledReason = 'gone' | 'failing';

async function adminEmails(): Promise<string[]> {
  const { data } = await db().entities.user.query.all({}).go({ pages: 'all' });
  return data.filter((u) => u.roleName === 'admin' && u.status === 'active').map((u) => u.email);
}

/** Mails the tenant's admins; a failure is logged, never a reason to send the webhook again. */
async function mailAdmins(subject: string, text: string): Promise<void> {
  try {
    const to = await adminEmails();
    if (to.length === 0) return;
    const html = `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`;
    await sendEmail({ to, subject, text, html });
  } catch (error) {
    logger.warn('webhooks: admin alert not sent', { error: error instanceof Error ? error.message : String(error) });
  }
}

export async function disableEndpoint(endpoint: EndpointItem, reason: DisabledReason, detail: string): Promise<void> {
  const won = await writtenIfCondition(() =>
    db()
      .entities.webhookEndpoint.patch({ endpointId: endpoint.endpointId })
      .set({ status: 'disabled', disabledReason: reason, disabledAt: nowIso() })
      .where((a, op) => op.eq(a.status, 'enabled'))
      .go(),
  );
  if (!won) return;
  forgetEndpoints();
  logger.warn('webhooks: endpoint disabled', { endpointId: endpoint.endpointId, reason });
  await mailAdmins(`Webhook endpoint disabled: ${endpoint.url}`, `The webhook endpoint ${endpoint.url} (${endpoint.endpointId}) was disabled (${reason}): ${detail}. Re-enable it with PATCH /v1/webhook-endpoints/${endpoint.endpointId} {"status":"enabled"} once it answers again.`);
}

/** A success ends a failure streak. */
export async function recordSuccess(endpoint: EndpointItem): Promise<void> {
  if (!endpoint.failingSince) return;
  await db().entities.webhookEndpoint.patch({ endpointId: endpoint.endpointId }).remove(['failingSince', 'alertedAt']).go();
}

/**
 * A failed attempt: starts the streak, or — 24 h into it — mails the admins
 * once, or — 5 days into it — disables the endpoint (`failing`).
 */
export async function recordFailure(endpoint: EndpointItem, now: number): Promise<void> {
  const id = { endpointId: endpoint.endpointId };
  if (!endpoint.failingSince) {
    await writtenIfCondition(() =>
      db()
        .entities.webhookEndpoint.patch(id)
        .set({ failingSince: new Date(now).toISOString() })
        .where((a, op) => op.notExists(a.failingSince))
        .go(),
    );
    return;
  }
  const failingFor = now - Date.parse(endpoint.failingSince);
  if (failingFor >= DISABLE_AFTER_MS) {
    await disableEndpoint(endpoint, 'failing', `every attempt failed since ${endpoint.failingSince}`);
    return;
  }
  if (failingFor >= ALERT_AFTER_MS && !endpoint.alertedAt) {
    const won = await writtenIfCondition(() =>
      db()
        .entities.webhookEndpoint.patch(id)
        .set({ alertedAt: new Date(now).toISOString() })
        .where((a, op) => `${op.notExists(a.alertedAt)} AND ${op.eq(a.failingSince, endpoint.failingSince!)}`)
        .go(),
    );
    if (won) {
      await mailAdmins(
        `Webhook endpoint failing: ${endpoint.url}`,
        `Every delivery to the webhook endpoint ${endpoint.url} (${endpoint.endpointId}) has failed since ${endpoint.failingSince}. It will be disabled if it keeps failing for 5 days.`,
      );
    }
  }
}
