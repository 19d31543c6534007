import type { LocalStack } from '#packages/local/local-stack.ts';
import { preferencesLink } from '#packages/features/consents/index.ts';
import { mailFor } from '../../support/campaign-fixtures.ts';
import type { ApiCaller } from '../../support/local-api.ts';
import { givenLead } from '../../support/pipeline-fixtures.ts';
import { contact, created, endpoint, eur, ok, uniq, type Scenario } from './kit.ts';


/** The double opt-in link the confirmation mail carries, as test/e2e/consents.test.ts reads it. */
async function optInToken(call: ApiCaller, stack: LocalStack): Promise<string> {
  const email = `optin.${uniq()}@consents.test`;
  const id = await created(call, '/v1/contacts', { email, firstName: 'Ana' });
  const req = await call('POST', `/v1/contacts/${id}/consents/marketing_email/opt-in`, { body: {} });
  if (req.status !== 202) throw new Error(`opt-in: ${req.status} ${JSON.stringify(req.body)}`);
  for (let i = 0; i < 200; i++) {
    await stack.bus.drain();
    const text = (await mailFor(stack.mailUrl, [email])).get(email)?.[0]?.body.text;
    const token = text?.match(/\/v1\/consents\/confirm\/(\S+)/)?.[1];
    if (token) return token;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no confirmation mail for ${email}`);
}

export const crmScenarios: Record<string, Scenario> = {
  'POST /v1/leads/{id}/convert': async (call) => {
    const lead = await givenLead(call, { person: { email: `conv.${uniq()}@example.com`, firstName: 'Wile' }, company: { name: `Acme ${uniq()}` }, estimatedValue: eur(120_000) });
    return { path: `/v1/leads/${lead.id}/convert` };
  },
  'POST /v1/webhook-endpoints/{id}/test': async (call, _user, stack) => ({ path: `/v1/webhook-endpoints/${await endpoint(call, stack)}/test` }),
  // A delivered message to replay: the endpoint hears of a new contact.
  'POST /v1/webhook-endpoints/{id}/replay': async (call, _user, stack) => {
    const id = await endpoint(call, stack);
    await contact(call);
    await stack.bus.drain();
    for (let i = 0; i < 200 && (await ok(call, 'GET', `/v1/webhook-endpoints/${id}/messages`)).items.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const [message] = (await ok(call, 'GET', `/v1/webhook-endpoints/${id}/messages`)).items;
    if (!message) throw new Error('no webhook message to replay');
    return { path: `/v1/webhook-endpoints/${id}/replay`, body: { messageId: message.messageId } };
  },
  'POST /v1/consents/confirm/{token}': async (call, _user, stack) => ({ path: `/v1/consents/confirm/${await optInToken(call, stack)}` }),
  // The preference centre's form as the browser posts it.
  'POST /v1/preferences/{token}': async (call) => {
    const id = await contact(call);
    const token = new URL(preferencesLink(id)).pathname.split('/').pop()!;
    return { path: `/v1/preferences/${token}`, rawBody: 'purpose=event_announcements', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  },
};
