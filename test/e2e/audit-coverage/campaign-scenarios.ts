import type { LocalStack } from '#packages/local/local-stack.ts';
import { campaignBody, givenCampaign, givenContacts, givenReadySegment } from '../../support/campaign-fixtures.ts';
import { givenSentCampaign } from '../../support/campaign-tracking-fixtures.ts';
import { hours } from '../../support/fixtures.ts';
import type { ApiCaller } from '../../support/local-api.ts';
import { uniqueTag } from '../../support/segment-fixtures.ts';
import { ok, type Scenario } from './kit.ts';

/** A built segment of one consenting contact, as test/e2e/campaigns.test.ts makes its audience. */
async function readySegment(call: ApiCaller, stack: LocalStack): Promise<string> {
  const tag = uniqueTag('aud');
  await givenContacts(call, 1, () => ({ tags: [tag] }));
  await stack.bus.drain();
  return givenReadySegment(call, () => stack.bus.drain(), tag);
}

const draft = async (call: ApiCaller, stack: LocalStack) => (await givenCampaign(call, { audience: { segmentId: await readySegment(call, stack) } })).id;

export const campaignScenarios: Record<string, Scenario> = {
  'POST /v1/campaigns': async (call, _user, stack) => ({ path: '/v1/campaigns', body: campaignBody({ audience: { segmentId: await readySegment(call, stack) } }) }),
  'PATCH /v1/campaigns/{id}': async (call, _user, stack) => ({ path: `/v1/campaigns/${await draft(call, stack)}`, body: { name: 'Renamed' } }),
  'POST /v1/campaigns/{id}/schedule': async (call, _user, stack) => ({ path: `/v1/campaigns/${await draft(call, stack)}/schedule`, body: { at: hours(24) } }),
  'POST /v1/campaigns/{id}/cancel': async (call, _user, stack) => {
    const id = await draft(call, stack);
    await ok(call, 'POST', `/v1/campaigns/${id}/schedule`, { at: hours(24) });
    return { path: `/v1/campaigns/${id}/cancel` };
  },
  'POST /v1/campaigns/{id}/send': async (call, _user, stack) => ({ path: `/v1/campaigns/${await draft(call, stack)}/send` }),
  // A sent campaign's recipient, as test/e2e/campaign-unsubscribe.test.ts has it; the one-click form body of RFC 8058.
  'POST /v1/unsubscribe/{token}': async (call) => {
    const { recipients } = await givenSentCampaign(call, 1);
    return { path: `/v1/unsubscribe/${recipients[0]!.unsubscribeToken}`, rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  },
};
