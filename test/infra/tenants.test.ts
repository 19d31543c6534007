import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '#infra/paths.ts';
import { loadTenants, parseTenants, selectTenants, stackNameOf, TenantConfigError, builtInDefaults } from '#infra/tenants.ts';

const minimal = (extra: Record<string, unknown> = {}) => ({
  tenants: [{ name: 'acme', mailFromDomain: 'acme.example', alertEmail: 'ops@acme.example', ...extra }],
});

describe('infra/tenants.json', () => {
  it('is valid and names each tenant once', () => {
    const tenants = loadTenants();
    expect(tenants.length).toBeGreaterThan(0);
    expect(new Set(tenants.map((t) => t.name)).size).toBe(tenants.length);
  });
});

describe('parseTenants', () => {
  it('fills settings from the tenant, then "defaults", then the built-in defaults', () => {
    const [tenant] = parseTenants({
      defaults: { logLevel: 'WARN', throttle: { rateLimit: 300 } },
      tenants: [{ name: 'acme', mailFromDomain: 'acme.example', alertEmail: 'ops@acme.example', throttle: { burstLimit: 900 } }],
    });
    expect(tenant).toMatchObject({
      name: 'acme',
      account: undefined,
      region: undefined,
      logLevel: 'WARN',
      throttle: { rateLimit: 300, burstLimit: 900 },
      mailFrom: 'tickets@acme.example',
      alertEmail: 'ops@acme.example',
      corsOrigins: [],
      mfa: builtInDefaults.mfa,
      cognitoFeaturePlan: builtInDefaults.cognitoFeaturePlan,
    });
  });

  it('keeps every row forever unless a retention is set; tracing off unless turned on', () => {
    const [plain, kept] = parseTenants({
      defaults: { mailFromDomain: 'acme.example', alertEmail: 'ops@acme.example', retention: { campaignDays: 365 } },
      tenants: [{ name: 'plain', retention: { campaignDays: 0 } }, { name: 'kept', tracing: true, retention: { timelineDays: 730 } }],
    });
    expect(plain).toMatchObject({ tracing: false, retention: { timelineDays: 0, campaignDays: 0 } });
    expect(kept).toMatchObject({ tracing: true, retention: { timelineDays: 730, campaignDays: 365 } });
  });

  it.each([
    [{ tenants: [] }, /tenants/],
    [minimal({ retention: { timelineDays: -1 } }), /timelineDays/],
    [minimal({ retention: { forever: true } }), /forever/],
    [minimal({ name: 'Acme' }), /name/],
    [minimal({ name: 'a'.repeat(21) }), /name/],
    [minimal({ region: 'mars-1' }), /region/],
    [minimal({ account: '123' }), /account/],
    [minimal({ corsOrigins: ['https://acme.example/'] }), /corsOrigins\.0/],
    [minimal({ corsOrigins: ['*'] }), /corsOrigins\.0/],
    [minimal({ logRetentionDays: 10 }), /logRetentionDays/],
    [minimal({ throttle: { rateLimit: 100, burstLimit: 10 } }), /burstLimit \(10\) is below rateLimit/],
    [minimal({ unknownSetting: true }), /unknownSetting/],
    [{ tenants: [{ name: 'acme', alertEmail: 'ops@acme.example' }] }, /no mailFromDomain/],
    [{ tenants: [{ name: 'acme', mailFromDomain: 'acme.example' }] }, /no alertEmail/],
    [minimal({ alertEmail: 'ops at acme' }), /alertEmail/],
    [{ tenants: [...minimal().tenants, ...minimal().tenants] }, /listed twice/],
  ])('rejects %j', (raw, message) => {
    expect(() => parseTenants(raw)).toThrow(TenantConfigError);
    expect(() => parseTenants(raw)).toThrow(message);
  });
});

describe('selectTenants', () => {
  const tenants = parseTenants({
    defaults: { mailFromDomain: 'eventos.example', alertEmail: 'ops@eventos.example' },
    tenants: [{ name: 'acme' }, { name: 'globex' }, { name: 'initech' }],
  });

  it('takes all tenants for "all" or no context, one or a list by name', () => {
    expect(selectTenants(tenants, undefined)).toHaveLength(3);
    expect(selectTenants(tenants, 'all')).toHaveLength(3);
    expect(selectTenants(tenants, 'globex').map((t) => t.name)).toEqual(['globex']);
    expect(selectTenants(tenants, 'initech,acme').map((t) => t.name)).toEqual(['initech', 'acme']);
    expect(stackNameOf(tenants[1]!)).toBe('EventOS-globex');
  });

  it('fails on an unknown tenant with the known names', () => {
    expect(() => selectTenants(tenants, 'umbrella')).toThrow(
      'Unknown tenant "umbrella". Add it to infra/tenants.json or pick one of: acme, globex, initech (or "all").',
    );
  });
});

describe('infra/app.ts', () => {
  it('exits 1 with a clear message for -c tenant=<unknown>', () => {
    // What `npx cdk synth -c tenant=nope` runs: the CLI hands context over in CDK_CONTEXT_JSON.
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
      cwd: repoRoot,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ tenant: 'nope' }), CDK_OUTDIR: '/tmp/eventos-cdk-never' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Unknown tenant "nope"');
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
