import { DescribeStacksCommand, UpdateTerminationProtectionCommand } from '@aws-sdk/client-cloudformation';
import { beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../../infra/cli/tenant-context.ts';
import { parseTenants } from '../../infra/tenants.ts';
import { cliHarness, mocks, resetMocks } from '../support/cli-harness.ts';

beforeEach(resetMocks);

describe('eventos tenant add | list', () => {
  it('appends a tenant that tenants.json then resolves as synth does', async () => {
    const h = cliHarness();
    await h.cli('tenant', 'add', 'globex', '--mail-from-domain', 'globex.example', '--alert-email', 'ops@globex.example', '--region', 'eu-central-1', '--cors-origin', 'https://shop.globex.example');
    const raw = h.tenantsJson();
    expect(raw.tenants.map((t) => t.name)).toEqual(['acme', 'globex']);
    expect(raw.tenants[1]).toEqual({ name: 'globex', region: 'eu-central-1', mailFromDomain: 'globex.example', alertEmail: 'ops@globex.example', corsOrigins: ['https://shop.globex.example'] });
    const [, globex] = parseTenants(raw);
    expect(globex).toMatchObject({ mailFrom: 'tickets@globex.example', alertEmail: 'ops@globex.example', logLevel: 'INFO' });
    expect(h.out.join('\n')).toContain('eventos tenant deploy globex');
  });

  it('refuses a duplicate or an entry synth would refuse, leaving the file as it was', async () => {
    const h = cliHarness();
    const before = JSON.stringify(h.tenantsJson());
    await expect(h.cli('tenant', 'add', 'acme', '--mail-from-domain', 'acme.example', '--alert-email', 'a@acme.example')).rejects.toThrow(/already in/);
    await expect(h.cli('tenant', 'add', 'initech', '--mail-from-domain', 'initech.example')).rejects.toThrow(/no alertEmail/);
    await expect(h.cli('tenant', 'add', 'initech', '--mail-from-domain', 'initech.example', '--alert-email', 'not-an-email')).rejects.toThrow(CliError);
    expect(JSON.stringify(h.tenantsJson())).toBe(before);
  });

  it('lists each tenant with its stack, region and addresses', async () => {
    const h = cliHarness();
    await h.cli('tenant', 'list');
    expect(h.out).toEqual(['acme\tEventOS-acme\teu-west-1\t123456789012\ttickets@acme.example\talerts → ops@acme.example']);
  });
});

describe('eventos tenant deploy | diff | destroy', () => {
  it.each(['deploy', 'diff'])('%s runs npx cdk on the tenant stack with -c tenant=, passing options after --', async (verb) => {
    const h = cliHarness();
    await h.cli('tenant', verb, 'acme', '--', '--profile', 'acme-prod');
    expect(h.runs).toEqual([['npx', 'cdk', verb, 'EventOS-acme', '-c', 'tenant=acme', '--profile', 'acme-prod']]);
  });

  it('fails when cdk fails, and runs nothing for a tenant tenants.json does not list', async () => {
    const failing = cliHarness({ exitCode: 3 });
    await expect(failing.cli('tenant', 'deploy', 'acme')).rejects.toThrow('cdk deploy exited with code 3');
    const h = cliHarness();
    await expect(h.cli('tenant', 'deploy', 'umbrella')).rejects.toThrow('Unknown tenant "umbrella"');
    expect(h.runs).toEqual([]);
  });

  it('destroy turns off termination protection, then runs cdk destroy, and names what is retained', async () => {
    mocks.cloudFormation.on(UpdateTerminationProtectionCommand).resolves({ StackId: 'x' });
    const h = cliHarness({ answers: ['acme'] });
    await h.cli('tenant', 'destroy', 'acme');
    expect(h.asked[0]).toContain('Type "acme"');
    expect(mocks.cloudFormation.commandCalls(UpdateTerminationProtectionCommand).map((c) => c.args[0].input)).toEqual([
      { StackName: 'EventOS-acme', EnableTerminationProtection: false },
    ]);
    expect(h.runs).toEqual([['npx', 'cdk', 'destroy', 'EventOS-acme', '-c', 'tenant=acme', '--force']]);
    expect(h.out.join('\n')).toMatch(/DynamoDB table[\s\S]*user pool[\s\S]*eventos\/acme\//);
  });

  it('destroy does nothing unless the tenant name is typed back (or --yes)', async () => {
    const h = cliHarness({ answers: ['acme-typo'] });
    await expect(h.cli('tenant', 'destroy', 'acme')).rejects.toThrow('Not confirmed');
    expect(mocks.cloudFormation.commandCalls(UpdateTerminationProtectionCommand)).toHaveLength(0);
    expect(mocks.cloudFormation.commandCalls(DescribeStacksCommand)).toHaveLength(0);
    expect(h.runs).toEqual([]);
    mocks.cloudFormation.on(UpdateTerminationProtectionCommand).resolves({});
    const yes = cliHarness();
    await yes.cli('tenant', 'destroy', 'acme', '--yes');
    expect(yes.asked).toEqual([]);
    expect(yes.runs).toHaveLength(1);
  });
});
