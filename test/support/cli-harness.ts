import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import type { CliDeps, StripeClient } from '../../infra/cli/deps.ts';
import { buildProgram } from '../../infra/cli/program.ts';

/** One tenant, as an operator's infra/tenants.json would list it. */
export const tenantsFixture = {
  defaults: { logLevel: 'INFO' },
  tenants: [{ name: 'acme', region: 'eu-west-1', account: '123456789012', mailFromDomain: 'acme.example', alertEmail: 'ops@acme.example' }],
};

export const acmeOutputs = {
  ApiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/',
  UserPoolId: 'eu-west-1_Pool',
  UserPoolClientId: 'client-1',
  StripeSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:eventos/acme/stripe-AbCdEf',
};

/** The SDK clients the CLI builds, mocked at their prototypes (every instance answers from here). */
export const mocks = {
  cloudFormation: mockClient(CloudFormationClient),
  cognito: mockClient(CognitoIdentityProviderClient),
  secrets: mockClient(SecretsManagerClient),
  ses: mockClient(SESv2Client),
  ssm: mockClient(SSMClient),
};

export function resetMocks(): void {
  for (const mock of Object.values(mocks)) mock.reset();
}

/** EventOS-acme deployed, with the outputs the CLI reads. */
export function stackDeployed(outputs: Record<string, string> = acmeOutputs): void {
  mocks.cloudFormation.on(DescribeStacksCommand, { StackName: 'EventOS-acme' }).resolves({
    Stacks: [
      {
        StackName: 'EventOS-acme',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
}

export interface Harness {
  deps: CliDeps;
  tenantsFile: string;
  /** Each `npx cdk …` the CLI ran, as [command, ...args]. */
  runs: string[][];
  out: string[];
  info: string[];
  /** Questions the CLI asked, in order. */
  asked: string[];
  /** Runs `eventos <args>` on a fresh program, as main.ts does. */
  cli: (...args: string[]) => Promise<void>;
  tenantsJson: () => { tenants: Record<string, unknown>[] };
}

export function cliHarness(options: { answers?: string[]; exitCode?: number; env?: NodeJS.ProcessEnv; stripe?: StripeClient } = {}): Harness {
  const dir = mkdtempSync(path.join(tmpdir(), 'eventos-cli-'));
  const tenantsFile = path.join(dir, 'tenants.json');
  writeFileSync(tenantsFile, JSON.stringify(tenantsFixture, null, 2));
  const answers = [...(options.answers ?? [])];
  const h: Omit<Harness, 'deps' | 'cli'> = {
    tenantsFile,
    runs: [],
    out: [],
    info: [],
    asked: [],
    tenantsJson: () => JSON.parse(readFileSync(tenantsFile, 'utf8')),
  };
  const deps: CliDeps = {
    tenantsFile,
    run: async (command, args) => {
      h.runs.push([command, ...args]);
      return options.exitCode ?? 0;
    },
    aws: (region) => ({
      cloudFormation: new CloudFormationClient({ region }),
      cognito: new CognitoIdentityProviderClient({ region }),
      secrets: new SecretsManagerClient({ region }),
      ses: new SESv2Client({ region }),
      ssm: new SSMClient({ region }),
    }),
    stripe: () => {
      if (!options.stripe) throw new Error('this test gave no Stripe stub');
      return options.stripe;
    },
    prompt: async (question) => {
      h.asked.push(question);
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected question: ${question}`);
      return answer;
    },
    env: options.env ?? {},
    out: (line) => h.out.push(line),
    info: (line) => h.info.push(line),
    renderer: 'silent',
  };
  return { ...h, deps, cli: async (...args) => void (await buildProgram(deps).parseAsync(['node', 'eventos', ...args])) };
}
