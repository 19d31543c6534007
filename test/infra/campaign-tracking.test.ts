import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routing } from '#events/routing.ts';
import { routes } from '#packages/api/routes/index.ts';
import type { TenantStack } from '#infra/tenant-stack.ts';
import { parseTenants } from '#infra/tenants.ts';
import { reconcileAcknowledgements, resourcesOf, synthTenants, templatesOf, violationsOf, type Synthesized } from './support/synth.ts';

// The unsubscribe and stats routes and the two tracking consumers: a small, quick stack.
const definitions = {
  routes: routes.filter((r) => r.tag === 'Unsubscribe' || r.operationId === 'getCampaignStats'),
  routing: routing.filter((c) => c.consumer === 'campaign-track' || c.consumer === 'campaign-attribution'),
  schedules: [],
};
const [tenant] = parseTenants({ tenants: [{ name: 'acme', region: 'eu-west-1', account: '123456789012', mailFromDomain: 'acme.example', alertEmail: 'ops@acme.example' }] });

let synth: Synthesized;
let stack: TenantStack;

beforeAll(() => {
  synth = synthTenants({ tenants: [tenant!], definitions, cloudFormationValidation: false });
  stack = synth.stacks[0]!;
}, 180_000);

/** Every Lambda of the stack and its nested route groups: environment variables by description. */
function environments(): Array<{ description: string; env: Record<string, unknown> }> {
  return templatesOf(stack).all.flatMap((t) =>
    Object.values(resourcesOf(t, 'AWS::Lambda::Function')).map((fn) => ({
      description: String(fn.Properties!.Description ?? ''),
      env: (fn.Properties!.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {},
    })),
  );
}

describe('campaign tracking infrastructure', () => {
  it('the configuration set publishes delivery, open, click, bounce and complaint events', () => {
    const { parent } = templatesOf(stack);
    const [destination] = Object.values(resourcesOf(parent, 'AWS::SES::ConfigurationSetEventDestination'));
    const types = (destination!.Properties!.EventDestination as { MatchingEventTypes: string[] }).MatchingEventTypes.map((t) => t.toUpperCase());
    expect(types).toEqual(expect.arrayContaining(['DELIVERY', 'OPEN', 'CLICK', 'BOUNCE', 'COMPLAINT']));
  });

  it('routes SES events (source aws.ses) from the tenant bus to campaign-track, in the campaigns consumer group', () => {
    const { parent } = templatesOf(stack);
    parent.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(),
      Description: Match.stringLikeRegexp('→ campaign-track, campaign-attribution$'),
      EventPattern: {
        source: Match.arrayWith(['aws.ses']),
        'detail-type': Match.arrayWith(['Email Delivered', 'Email Opened', 'Email Clicked', 'Email Bounced', 'Email Complaint Received']),
      },
    });
  });

  it('reads the marketing-token key from its SecureString parameter, given only to the unsubscribe routes and the attribution consumer', () => {
    const all = environments();
    expect([...new Set(all.flatMap((f) => ('MARKETING_TOKEN_PARAMETER' in f.env ? [f.env.MARKETING_TOKEN_PARAMETER] : [])))]).toEqual(['/eventos/acme/marketing-token-key']);
    const readers = all.filter((f) => 'MARKETING_TOKEN_PARAMETER' in f.env).map((f) => f.description);
    // The function serving the unsubscribe routes (the CRM's, with the consent pages) and the attribution consumer's; not the campaigns feature's.
    expect(readers).toHaveLength(2);
    const unsubscribe = readers.filter((d) => d.startsWith('Feature crm:'));
    expect(unsubscribe).toHaveLength(1);
    expect(unsubscribe[0]).toContain('GET /v1/unsubscribe/{token}');
    expect(unsubscribe[0]).toContain('POST /v1/unsubscribe/{token}');
    expect(readers.filter((d) => d.includes('campaign-attribution'))).toHaveLength(1);
    expect(readers.filter((d) => d.includes('/v1/campaigns'))).toEqual([]);
    // Every function knows the public base URL the links in mail point at.
    for (const f of all) expect(f.env.PUBLIC_BASE_URL, f.description).toBeDefined();
  });

  it('adds no cdk-nag finding', () => {
    expect(violationsOf(synth.report)).toEqual([]);
    expect(reconcileAcknowledgements(stack).unacknowledged).toEqual([]);
  });
});
