import { getPurpose } from '#packages/features/consents/index.ts';
import type { EntityItem } from 'electrodb';
import type {
  CampaignAudienceInput,
  CampaignRecipientView,
  CampaignView,
  CreateCampaignInput,
  UpdateCampaignInput,
} from './contract.ts';
import { nowIso, toUtc } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import type { campaignRecipientEntity, RecipientStatus } from '#packages/core/db/entities/campaign-recipient.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, invalid, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { loadSegment } from '#packages/features/segments/index.ts';
import { audienceItem, loadCampaign, toView, type CampaignItem, type CampaignStatus } from './campaign-store.ts';
import { unknownPlaceholders, type TemplateParts } from './template.ts';
import type { AbTestInput } from './ab/contract.ts';

const EDITABLE: readonly CampaignStatus[] = ['draft', 'scheduled'];

/** A condition: the stored status is one of `statuses` (ElectroDB's where callback). */
export function statusIn(statuses: readonly CampaignStatus[]) {
  return (attr: { status: unknown }, op: { eq: (a: never, v: never) => string }) =>
    `(${statuses.map((s) => op.eq(attr.status as never, s as never)).join(' OR ')})`;
}

function checkPlaceholders(parts: TemplateParts, eventId: string | undefined): void {
  const unknown = unknownPlaceholders(parts, eventId !== undefined);
  if (!unknown.length) return;
  const errors = (['subject', 'html', 'text'] as const).flatMap((field) =>
    unknownPlaceholders({ [field]: parts[field] }, eventId !== undefined).map((name) => ({
      path: field,
      message: `unknown placeholder {{${name}}}${name.startsWith('event.') && eventId === undefined ? ' (event fields need an eventId)' : ''}`,
    })),
  );
  throw invalid('validation_failed', `Unknown placeholders: ${unknown.map((n) => `{{${n}}}`).join(', ')}`, {
    errors,
    unknownPlaceholders: unknown,
  });
}

/** Each variant's own subject and bodies follow the campaign's placeholder rules; errors name the variant's field. */
function checkVariantPlaceholders(test: AbTestInput | null | undefined, eventId: string | undefined): void {
  const errors = (test?.variants ?? []).flatMap((v, i) =>
    (['subject', 'html', 'text'] as const).flatMap((field) =>
      v[field] === undefined
        ? []
        : unknownPlaceholders({ [field]: v[field] }, eventId !== undefined).map((name) => ({ path: `abTest.variants.${i}.${field}`, message: `unknown placeholder {{${name}}}`, name })),
    ),
  );
  if (!errors.length) return;
  const names = [...new Set(errors.map((e) => e.name))];
  throw invalid('validation_failed', `Unknown placeholders: ${names.map((n) => `{{${n}}}`).join(', ')}`, {
    errors: errors.map(({ path, message }) => ({ path, message })),
    unknownPlaceholders: names,
  });
}

async function checkSubscriptionType(id: string | undefined): Promise<void> {
  if (id === undefined) return;
  const known = await getPurpose(id).catch(() => null);
  if (known?.channel !== 'email') {
    throw unprocessable('unknown_subscription_type', `${id} is not a subscription type (a consent purpose on the email channel)`, { subscriptionType: id });
  }
}

async function checkReferences(audience: CampaignAudienceInput | undefined, eventId: string | undefined): Promise<void> {
  const eventIds = new Set([eventId, audience && 'eventId' in audience ? audience.eventId : undefined].filter((id): id is string => !!id));
  for (const id of eventIds) {
    const { data } = await db().entities.event.get({ eventId: id }).go({ attributes: ['eventId'] });
    if (!data) throw unprocessable('unknown_event', `Event ${id} does not exist`, { eventId: id });
  }
  if (audience && 'segmentId' in audience && !(await loadSegment(audience.segmentId))) {
    throw unprocessable('unknown_segment', `Segment ${audience.segmentId} does not exist`, { segmentId: audience.segmentId });
  }
}

export async function createCampaign(input: CreateCampaignInput, ctx: RequestContext): Promise<CampaignView> {
  const eventId = input.eventId ?? ('eventId' in input.audience ? input.audience.eventId : undefined);
  checkPlaceholders(input, eventId);
  checkVariantPlaceholders(input.abTest, eventId);
  await checkReferences(input.audience, eventId);
  await checkSubscriptionType(input.subscriptionType);
  const at = nowIso();
  const item: CampaignItem = {
    campaignId: newId(),
    name: input.name,
    type: input.type,
    subject: input.subject,
    html: input.html,
    text: input.text,
    audience: audienceItem(input.audience),
    ...(eventId ? { eventId } : {}),
    ...(input.budget ? { budget: input.budget } : {}),
    ...(input.subscriptionType ? { subscriptionType: input.subscriptionType } : {}),
    ...(input.abTest ? { abTest: input.abTest } : {}),
    status: 'draft',
    // Every write of status carries dueAt (the `due` index needs both); a draft is not in that index.
    dueAt: at,
    createdBy: ctx.actorId,
    createdAt: at,
    updatedAt: at,
  };
  await db().entities.campaign.create(item).go();
  return toView(item);
}

export async function getCampaign(id: string): Promise<CampaignView> {
  return toView(await loadCampaign(id));
}

export async function listCampaigns(page: PageRequest): Promise<Page<CampaignView>> {
  const { data, cursor } = await db().entities.campaign.query.all({}).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toView), nextCursor: cursor };
}

function notEditable(current: CampaignItem): never {
  throw conflict('not_editable', `A ${current.status} campaign cannot change`, { campaignStatus: current.status });
}

/** Content, audience and budget change only while the campaign is a draft or scheduled (one conditional write). */
export async function updateCampaign(id: string, input: UpdateCampaignInput): Promise<CampaignView> {
  const current = await loadCampaign(id, true);
  if (!EDITABLE.includes(current.status)) notEditable(current);
  const eventId = input.eventId === null ? undefined : (input.eventId ?? current.eventId);
  const merged = {
    subject: input.subject ?? current.subject,
    html: input.html ?? current.html,
    text: input.text ?? current.text,
  };
  checkPlaceholders(merged, eventId);
  checkVariantPlaceholders(input.abTest === undefined ? (current.abTest as AbTestInput | undefined) : input.abTest, eventId);
  await checkReferences(input.audience, input.eventId ?? undefined);
  await checkSubscriptionType(input.subscriptionType);
  const set = {
    ...(input.subscriptionType !== undefined ? { subscriptionType: input.subscriptionType } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.type !== undefined ? { type: input.type } : {}),
    ...(input.subject !== undefined ? { subject: input.subject } : {}),
    ...(input.html !== undefined ? { html: input.html } : {}),
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(input.audience !== undefined ? { audience: audienceItem(input.audience) } : {}),
    ...(input.eventId ? { eventId: input.eventId } : {}),
    ...(input.budget ? { budget: input.budget } : {}),
    ...(input.abTest ? { abTest: input.abTest } : {}),
  };
  const remove = [
    ...(input.eventId === null ? (['eventId'] as const) : []),
    ...(input.budget === null ? (['budget'] as const) : []),
    ...(input.abTest === null ? (['abTest'] as const) : []),
  ];
  try {
    let update = db().entities.campaign.patch({ campaignId: id }).set({ ...set, updatedAt: nowIso() });
    if (remove.length) update = update.remove([...remove]);
    const { data } = await update.where(statusIn(EDITABLE)).go({ response: 'all_new' });
    return toView(data as CampaignItem);
  } catch (error) {
    if (isConditionFailure(error)) notEditable(await loadCampaign(id, true));
    throw error;
  }
}

/** draft|scheduled → scheduled at `at` (a reschedule moves it); the due job sends it once `at` has passed. */
export async function scheduleCampaign(id: string, atInput: string): Promise<CampaignView> {
  const at = toUtc(atInput);
  if (Date.parse(at) <= Date.now()) {
    throw unprocessable('schedule_in_past', 'The schedule time must be in the future; to send now use POST /v1/campaigns/{id}/send');
  }
  try {
    const { data } = await db()
      .entities.campaign.patch({ campaignId: id })
      .set({ status: 'scheduled', scheduledAt: at, dueAt: at, updatedAt: nowIso() })
      .where(statusIn(EDITABLE))
      .go({ response: 'all_new' });
    return toView(data as CampaignItem);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = await loadCampaign(id, true);
    throw conflict('invalid_transition', `A ${current.status} campaign cannot be scheduled`, { campaignStatus: current.status });
  }
}

/**
 * draft|scheduled|sending → canceled. A sending campaign stops at its next
 * chunk: messages already claimed finish, nobody else is mailed, and
 * `campaign.sent` is never emitted.
 */
export async function cancelCampaign(id: string): Promise<CampaignView> {
  const at = nowIso();
  try {
    const { data } = await db()
      .entities.campaign.patch({ campaignId: id })
      .set({ status: 'canceled', canceledAt: at, dueAt: at, updatedAt: at })
      .where(statusIn(['draft', 'scheduled', 'sending']))
      .go({ response: 'all_new' });
    return toView(data as CampaignItem);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = await loadCampaign(id, true);
    throw conflict('invalid_transition', `A ${current.status} campaign cannot be canceled`, { campaignStatus: current.status });
  }
}

type RecipientItem = EntityItem<typeof campaignRecipientEntity>;

const recipientView = (r: RecipientItem): CampaignRecipientView => ({
  contactId: r.contactId,
  ...(r.email ? { email: r.email } : {}),
  status: r.status,
  ...(r.skipReason ? { skipReason: r.skipReason } : {}),
  ...(r.messageId ? { messageId: r.messageId } : {}),
  ...(r.sentAt ? { sentAt: r.sentAt } : {}),
  ...(r.failure ? { failure: r.failure } : {}),
  ...(r.variant ? { variant: r.variant } : {}),
  ...(r.abGroup ? { abGroup: r.abGroup } : {}),
  updatedAt: r.updatedAt,
});

/** The campaign's recipients in contact-id order, optionally of one status (a filtered Query of its partition). */
export async function listRecipients(id: string, page: PageRequest & { status?: RecipientStatus | undefined }): Promise<Page<CampaignRecipientView>> {
  await loadCampaign(id);
  const query = db().entities.campaignRecipient.query.byCampaign({ campaignId: id });
  const cursor = checkedCursor(page.cursor);
  const { data, cursor: next } = page.status
    ? await query.where((a, op) => op.eq(a.status, page.status!)).go({ count: page.limit, cursor })
    : await query.go({ limit: page.limit, cursor });
  return { items: data.map(recipientView), nextCursor: next };
}
