import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SSMClient } from '@aws-sdk/client-ssm';
import Stripe from 'stripe';
import { STRIPE_API_VERSION } from '#packages/payments/stripe-client.ts';
import { repoRoot, tenantsFile } from '../paths.ts';

/** Runs a command in the repository with the terminal attached; resolves to its exit code. */
export type Runner = (command: string, args: string[]) => Promise<number>;

/** The AWS clients of one region (a tenant's). */
export interface AwsClients {
  cloudFormation: CloudFormationClient;
  cognito: CognitoIdentityProviderClient;
  secrets: SecretsManagerClient;
  ses: SESv2Client;
  /** The signing keys' SecureString parameters (signing-key-parameters.ts). */
  ssm: SSMClient;
}

/** The part of Stripe's SDK `stripe connect` uses: its webhook endpoints. */
export interface StripeClient {
  webhookEndpoints: StripeWebhookEndpoints;
}

export interface StripeWebhookEndpoints {
  create(params: { url: string; enabled_events: string[]; api_version: string; description: string }): Promise<{ id: string; url: string; secret?: string }>;
  list(params: { limit: number }): Promise<{ data: { id: string; url: string }[] }>;
  del(id: string): Promise<unknown>;
}

/** Asks the operator; `secret` hides what they type. Throws when there is no terminal to ask on. */
export type Prompt = (question: string, options?: { secret?: boolean }) => Promise<string>;

/**
 * Everything the CLI touches outside itself. main.ts passes the real ones;
 * tests pass fakes (a recording runner, aws-sdk-client-mock'ed clients, a
 * stub Stripe), so every command runs without AWS, Stripe or a terminal.
 */
export interface CliDeps {
  tenantsFile: string;
  run: Runner;
  aws: (region: string) => AwsClients;
  stripe: (secretKey: string) => StripeClient;
  prompt: Prompt;
  env: NodeJS.ProcessEnv;
  /** Results, on stdout (`TOKEN=$(… token …)` captures only the token). */
  out: (line: string) => void;
  /** Guidance and prompts, on stderr. */
  info: (line: string) => void;
  /** listr2's renderer: `simple` lines in a terminal (cdk's own output interleaves), `silent` in tests. */
  renderer: 'simple' | 'silent';
}

const spawnRunner: Runner = (command, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const terminalPrompt: Prompt = async (question, options = {}) => {
  if (!process.stdin.isTTY) throw new Error(`${question.trim()}: no terminal to ask on (pass it as an option or variable)`);
  // On stderr, so that a command's stdout stays its result.
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Hides a secret's characters as they are typed; readline echoes through this method.
  if (options.secret) (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => process.stderr.write(s.includes(question) ? s : '');
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
    if (options.secret) process.stderr.write('\n');
  }
};

export function realDeps(): CliDeps {
  return {
    tenantsFile,
    run: spawnRunner,
    aws: (region) => ({
      cloudFormation: new CloudFormationClient({ region }),
      cognito: new CognitoIdentityProviderClient({ region }),
      secrets: new SecretsManagerClient({ region }),
      ses: new SESv2Client({ region }),
      ssm: new SSMClient({ region }),
    }),
    // Stripe's types take its own event-type union; StripeClient takes the strings of stripe-events.ts.
    stripe: (secretKey) => new Stripe(secretKey, { apiVersion: STRIPE_API_VERSION }) as unknown as StripeClient,
    prompt: terminalPrompt,
    env: process.env,
    out: (line) => console.log(line),
    info: (line) => console.error(line),
    renderer: 'simple',
  };
}
