import type { CreatePromoterInput, PromoterView, UpdatePromoterInput } from './contract.ts';
import type { Principal } from '#packages/auth/principal.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, DomainError, notFound, unprocessable } from '#packages/core/errors.ts';
import { toE164 } from '#packages/core/phone.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { createContact } from '#packages/features/contacts/index.ts';
import { promoterOfUser, scopeOf, teamOf } from './access.ts';
import { loadPromoter, toView, type PromoterItem } from './promoter-item.ts';

async function assertLeaderAndPlan(leaderId: string | null | undefined, planId: string | null | undefined, self?: string): Promise<void> {
  if (leaderId) {
    if (leaderId === self) throw unprocessable('leader_invalid', 'A promoter cannot lead itself');
    const { data } = await db().entities.promoter.get({ promoterId: leaderId }).go();
    if (!data) throw unprocessable('leader_invalid', `Promoter ${leaderId} does not exist`, { leaderId });
  }
  if (planId) {
    const { data } = await db().entities.commissionPlan.get({ planId }).go();
    if (!data) throw unprocessable('plan_unknown', `Commission plan ${planId} does not exist`, { planId });
  }
}

/** The promoter's CRM contact: the existing one for the email, else a new one. */
async function contactFor(input: CreatePromoterInput, ctx: RequestContext): Promise<string | undefined> {
  const { data } = await db().entities.contactEmail.get({ email: input.email }).go();
  if (data) return data.contactId;
  const [firstName, ...rest] = input.name.split(/\s+/);
  const phone = input.phone ? toE164(input.phone) : undefined;
  try {
    const contact = await createContact({ email: input.email, ...(firstName ? { firstName } : {}), ...(rest.length ? { lastName: rest.join(' ') } : {}), ...(phone ? { phone } : {}) }, ctx);
    return contact.id;
  } catch (error) {
    // Created meanwhile under the same email: that contact is the promoter's.
    if (!(error instanceof DomainError && error.code === 'duplicate')) throw error;
    const { data: again } = await db().entities.contactEmail.get({ email: input.email }).go({ consistent: true });
    return again?.contactId;
  }
}

export async function createPromoter(input: CreatePromoterInput, ctx: RequestContext): Promise<PromoterView> {
  await assertLeaderAndPlan(input.leaderId, input.planId);
  const { data: user } = await db().entities.user.get({ userId: input.userId }).go();
  if (!user) throw unprocessable('user_unknown', `User ${input.userId} does not exist`, { userId: input.userId });
  if (user.roleId !== 'promoter') throw unprocessable('user_not_promoter', 'The user must have the promoter role', { userId: input.userId, roleId: user.roleId });
  if (await promoterOfUser(input.userId)) throw conflict('user_is_promoter', 'That user is already a promoter', { userId: input.userId });
  const contactId = await contactFor(input, ctx);
  const now = nowIso();
  const item: PromoterItem = {
    promoterId: newId(),
    ...input,
    ...(contactId ? { contactId } : {}),
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  const tx = namedTransaction<'code' | 'promoter'>();
  tx.add('code', tx.entities.promoterCode.create({ code: item.code, promoterId: item.promoterId }).commit());
  tx.add('promoter', tx.entities.promoter.create(item).commit());
  const result = await tx.go();
  if (tx.rejected(result, 'code')) throw conflict('code_taken', `The promoter code ${item.code} is taken`, { promoterCode: item.code });
  if (result.canceled) throw conflict('concurrent_update', 'The promoter could not be created; try again');
  return toView(item);
}

export async function getPromoter(id: string, principal: Principal): Promise<PromoterView> {
  const scope = await scopeOf(principal);
  if (!scope.all && !scope.promoterIds.has(id)) throw notFound('Promoter', id);
  return toView(await loadPromoter(id));
}

export async function listPromoters(page: PageRequest): Promise<Page<PromoterView>> {
  const { data, cursor } = await db().entities.promoter.query.all({}).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toView), nextCursor: cursor };
}

export async function updatePromoter(id: string, input: UpdatePromoterInput): Promise<PromoterView> {
  await assertLeaderAndPlan(input.leaderId, input.planId, id);
  const { leaderId, planId, ...rest } = input;
  const removals = [...(leaderId === null ? ['leaderId' as const] : []), ...(planId === null ? ['planId' as const] : [])];
  const sets = { ...rest, ...(leaderId ? { leaderId } : {}), ...(planId ? { planId } : {}) };
  try {
    let op = db().entities.promoter.patch({ promoterId: id }).set(sets);
    if (removals.length) op = op.remove(removals);
    const { data } = await op.go({ response: 'all_new' });
    return toView(data as PromoterItem);
  } catch (error) {
    if (isConditionFailure(error)) throw notFound('Promoter', id);
    throw error;
  }
}

/** The caller's own promoter record and, as a leader, its team. */
export async function myPromoter(principal: Principal): Promise<{ promoter: PromoterView; team: PromoterView[] }> {
  const self = await promoterOfUser(principal.userId);
  if (!self) throw notFound('Promoter', `of user ${principal.userId}`);
  return { promoter: toView(self), team: (await teamOf(self.promoterId)).map(toView) };
}
