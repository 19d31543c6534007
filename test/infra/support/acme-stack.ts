import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { TenantStack } from '#infra/tenant-stack.ts';
import { parseTenants } from '#infra/tenants.ts';
import { synthTenants, templatesOf, type Synthesized } from './synth.ts';

// A tenant defined here, not read from infra/tenants.json (operators edit that file);
// the stack is built from the product's real route table, routing and schedules.
export const [acmeTenant] = parseTenants({
  tenants: [
    {
      name: 'acme',
      region: 'eu-west-1',
      account: '123456789012',
      corsOrigins: ['https://tickets.acme.example'],
      mailFromDomain: 'acme.example',
      alertEmail: 'ops@acme.example',
      throttle: { rateLimit: 50, burstLimit: 80 },
    },
  ],
});

export interface AcmeStack {
  synth: Synthesized;
  stack: TenantStack;
  parent: Template;
  features: Template[];
  all: Template[];
}

/** The acme tenant's stack, synthesized (without bundling) once per test file that asks for it. */
export function synthAcme(): AcmeStack {
  const synth = synthTenants({ tenants: [acmeTenant!] });
  const stack = synth.stacks[0]!;
  return { synth, stack, ...templatesOf(stack) };
}

/** Logical id of an L2's CloudFormation resource, in the (nested) stack that holds it. */
export const idOf = (construct: IConstruct) => {
  const element = construct.node.defaultChild as CfnElement;
  return element.stack.getLogicalId(element);
};

export const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
