/**
 * `npm run seed`: loads the demo into a running `npm start` (once; again changes nothing) and prints the demo
 * event, its ticket types and ready tokens.
 *   --api URL   the API (default: API_URL, else http://127.0.0.1:$PORT, PORT 3000)
 *   --env       print shell assignments only (EVENT=…, GA=…, VIP=…, TOKEN=…, SCANNER=…, MARKETING=…), for eval
 */
import { parseArgs } from 'node:util';
import { demoBanner, demoEnv, demoTokens } from '../demo-banner.ts';
import { seedDemo } from '../seed.ts';

const { values: flags } = parseArgs({ options: { api: { type: 'string' }, env: { type: 'boolean', default: false } } });
const apiUrl = (flags.api ?? process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');

async function devToken(role: string, userId: string): Promise<string> {
  const res = await fetch(`${apiUrl}/dev/token`, { method: 'POST', body: JSON.stringify({ role, userId }) });
  if (!res.ok) throw new Error(`POST /dev/token → ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

try {
  const demo = await seedDemo(apiUrl, await devToken('admin', 'seed'), (line) => process.stderr.write(`${line}\n`));
  const tokens = await demoTokens(devToken);
  process.stdout.write(`${(flags.env ? demoEnv(demo, tokens) : demoBanner(demo, tokens)).join('\n')}\n`);
} catch (error) {
  process.stderr.write(`Seeding ${apiUrl} failed: ${(error as Error).message}\nIs \`npm start\` running?\n`);
  process.exit(1);
}
