import { beforeAll, describe, expect, it } from 'vitest';
import { parseTenants } from '#infra/tenants.ts';
import type { TenantStack } from '#infra/tenant-stack.ts';
import type { Template } from 'aws-cdk-lib/assertions';
import { functionsIn, resourcesOf, synthTenants, templatesOf, violationsOf, type Synthesized, SYNTH_TIMEOUT_MS } from './support/synth.ts';

/**
 * Issue 18, item 4: a tenant's own domain (tenants.json `domain`). With a
 * hosted zone: a DNS-validated certificate, the API custom domain mapped to the
 * stage, an alias record, SES's DKIM records in the zone, and every function's
 * PUBLIC_BASE_URL (the base of emailed links) on the domain. cdk-nag clean.
 */
const [tenant] = parseTenants({
  tenants: [
    {
      name: 'initech',
      region: 'eu-west-1',
      account: '123456789012',
      mailFromDomain: 'initech.example',
      alertEmail: 'ops@initech.example',
      createEmailIdentity: true,
      domain: { name: 'api.initech.example', hostedZoneId: 'Z0123456789ABCDEFGHIJ', hostedZoneName: 'initech.example' },
    },
  ],
});

let synth: Synthesized;
let stack: TenantStack;
let parent: Template;
let all: Template[];

beforeAll(() => {
  synth = synthTenants({ tenants: [tenant!] });
  stack = synth.stacks[0]!;
  ({ parent, all } = templatesOf(stack));
}, SYNTH_TIMEOUT_MS);

describe('a tenant with its own domain and hosted zone', () => {
  it('gets a DNS-validated certificate in the zone, the API custom domain mapped to the stage, and an alias record', () => {
    const [certificate] = Object.values(resourcesOf(parent, 'AWS::CertificateManager::Certificate'));
    expect(certificate?.Properties).toMatchObject({
      DomainName: 'api.initech.example',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'api.initech.example', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }],
    });
    const [domain] = Object.values(resourcesOf(parent, 'AWS::ApiGatewayV2::DomainName'));
    expect(domain?.Properties).toMatchObject({ DomainName: 'api.initech.example' });
    expect(Object.values(resourcesOf(parent, 'AWS::ApiGatewayV2::ApiMapping'))).toHaveLength(1);
    const records = Object.values(resourcesOf(parent, 'AWS::Route53::RecordSet')).map((r) => r.Properties as { Type: string; Name: string; HostedZoneId: string });
    expect(records).toContainEqual(expect.objectContaining({ Type: 'A', Name: 'api.initech.example.', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }));
  });

  it("puts SES's three DKIM records in the zone", () => {
    const records = Object.values(resourcesOf(parent, 'AWS::Route53::RecordSet')).map((r) => r.Properties as { Type: string; HostedZoneId: string });
    expect(records.filter((r) => r.Type === 'CNAME' && r.HostedZoneId === 'Z0123456789ABCDEFGHIJ')).toHaveLength(3);
  });

  it('builds every emailed link on the domain: PUBLIC_BASE_URL of every function', () => {
    const functions = functionsIn(all);
    expect(functions.length).toBeGreaterThan(10);
    for (const { fn } of functions) {
      const variables = (fn.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
      expect(variables.PUBLIC_BASE_URL).toBe('https://api.initech.example');
    }
  });

  it('passes cdk-nag', () => {
    expect(violationsOf(synth.report)).toEqual([]);
  });
});

describe('the domain setting', () => {
  const minimal = (domain: unknown) => ({ tenants: [{ name: 'acme', mailFromDomain: 'acme.example', alertEmail: 'ops@acme.example', domain }] });
  it('is optional, never inherited from "defaults", and checks the zone', () => {
    expect(parseTenants(minimal(undefined))[0]).not.toHaveProperty('domain');
    expect(parseTenants(minimal({ name: 'api.acme.example' }))[0]!.domain).toEqual({ name: 'api.acme.example' });
    expect(() => parseTenants(minimal({ name: 'api.acme.example', hostedZoneId: 'Z123' }))).toThrow(/together/);
    expect(() => parseTenants(minimal({ name: 'api.other.example', hostedZoneId: 'Z123', hostedZoneName: 'acme.example' }))).toThrow(/in the hosted zone/);
    expect(() => parseTenants({ defaults: { domain: { name: 'api.acme.example' } }, tenants: [{ name: 'acme', mailFromDomain: 'acme.example', alertEmail: 'ops@acme.example' }] })).toThrow(/domain/);
  });
});
