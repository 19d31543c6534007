import type { DemoData } from './seed.ts';

/** Ready tokens for the roles the README's walkthroughs use, by the shell variable they go in. */
export const DEMO_TOKEN_ROLES = { TOKEN: 'admin', SCANNER: 'scanner', MARKETING: 'marketing' } as const;
export type DemoTokens = Record<keyof typeof DEMO_TOKEN_ROLES, string>;

/** One token per role of DEMO_TOKEN_ROLES, from `issue` (the runner's signer, or POST /dev/token). */
export async function demoTokens(issue: (role: string, userId: string) => Promise<string>): Promise<DemoTokens> {
  const entries = await Promise.all(Object.entries(DEMO_TOKEN_ROLES).map(async ([variable, role]) => [variable, await issue(role, `demo-${role}`)]));
  return Object.fromEntries(entries) as DemoTokens;
}

/** The shell variable each demo ticket type goes in. */
const TICKET_TYPE_VARIABLES: Record<string, string> = { 'General admission': 'GA', VIP: 'VIP' };

function money({ amount, currency }: { amount: number; currency: string }): string {
  return `${(amount / 100).toFixed(2)} ${currency}`;
}

/** The demo event, its ticket types and ready tokens, for a person reading the terminal. */
export function demoBanner(demo: DemoData, tokens: DemoTokens): string[] {
  return [
    `Demo ${demo.created ? 'loaded' : 'already loaded, nothing changed'}: ${demo.contacts} contacts (demo.contact.01…20@eventos.local)`,
    `  EVENT=${demo.event.id}   ${demo.event.name} (published)`,
    ...demo.ticketTypes.map((t) => `  ${TICKET_TYPE_VARIABLES[t.name] ?? 'TICKET_TYPE'}=${t.id}   ${t.name}, ${money(t.price)}`),
    ...Object.entries(DEMO_TOKEN_ROLES).map(([variable, role]) => `  ${variable}=${tokens[variable as keyof DemoTokens]}   (${role}, 12 h)`),
    'In a shell: eval "$(npm run -s seed -- --env)" sets these variables.',
  ];
}

/** The same as shell assignments, for `eval "$(npm run -s seed -- --env)"`. Ids and JWTs need no quoting. */
export function demoEnv(demo: DemoData, tokens: DemoTokens): string[] {
  return [
    `EVENT=${demo.event.id}`,
    ...demo.ticketTypes.filter((t) => TICKET_TYPE_VARIABLES[t.name]).map((t) => `${TICKET_TYPE_VARIABLES[t.name]}=${t.id}`),
    ...Object.keys(DEMO_TOKEN_ROLES).map((variable) => `${variable}=${tokens[variable as keyof DemoTokens]}`),
  ];
}
