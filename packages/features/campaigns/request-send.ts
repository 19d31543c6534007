import type { CampaignView } from './contract.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { conflict } from '#packages/core/errors.ts';
import { loadSegment } from '#packages/features/segments/index.ts';
import { inMs, loadCampaign, toView, watchdogMs, type CampaignItem, type CampaignStatus } from './campaign-store.ts';

function refusal(status: CampaignStatus) {
  switch (status) {
    case 'sending':
      return conflict('already_sending', 'The campaign is being sent', { campaignStatus: status });
    case 'sent':
      return conflict('already_sent', 'The campaign was sent already', { campaignStatus: status });
    default:
      return conflict('invalid_transition', `A ${status} campaign cannot be sent`, { campaignStatus: status });
  }
}

/**
 * draft|scheduled → sending, and `campaign.send_requested` through the
 * outbox in the same transaction: one conditional write decides between two
 * concurrent sends (the loser gets 409 `already_sending`), and a sending
 * campaign always has its first chunk on the way. The progress starts at
 * step 0 of the `resolve` phase; `dueAt` is the watchdog time of the due job.
 */
export async function requestSend(id: string, ctx: RequestContext, from: readonly CampaignStatus[] = ['draft', 'scheduled']): Promise<CampaignView> {
  const current = await loadCampaign(id, true);
  if (!from.includes(current.status)) throw refusal(current.status);
  if (current.audience.kind === 'segment') {
    const segment = await loadSegment(current.audience.segmentId!);
    if (!segment) throw conflict('unknown_segment', `Segment ${current.audience.segmentId} does not exist any more`);
    // Its membership is still being computed: sending now would miss members.
    if (segment.status === 'building') throw conflict('segment_building', 'The audience segment is still being built; send when it is ready');
  }
  const at = nowIso();
  const scheduled = current.status === 'scheduled';
  const set = {
    status: 'sending' as const,
    dueAt: inMs(watchdogMs()),
    sendRequestedAt: at,
    sendRequestedBy: ctx.actorId,
    progressPhase: 'resolve' as const,
    progressStep: 0,
    updatedAt: at,
  };
  const result = await transactWithEvents(
    ({ campaign }) => [
      campaign
        .patch({ campaignId: id })
        .set(set)
        .remove(['progressCursor'])
        .where((a, op) => op.eq(a.status, current.status))
        .commit(),
    ],
    [domainEvent('campaign.send_requested', { campaignId: id, requestedBy: ctx.actorId, scheduled }, ctx)],
  );
  if (result.canceled) throw refusal((await loadCampaign(id, true)).status);
  const { progressCursor: _c, ...rest } = current;
  return toView({ ...rest, ...set } as CampaignItem);
}
