/** `npm run seed`: loads the demo into a running `npm start` (API_URL, default http://127.0.0.1:$PORT). */
import { seedDemo } from '../seed.ts';

const apiUrl = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

try {
  const tokenRes = await fetch(`${apiUrl}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'admin', userId: 'seed' }) });
  if (!tokenRes.ok) throw new Error(`POST /dev/token → ${tokenRes.status}`);
  const { token } = (await tokenRes.json()) as { token: string };
  const summary = await seedDemo(apiUrl, token, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`Seeded: ${summary}\n`);
} catch (error) {
  process.stderr.write(`Seeding ${apiUrl} failed: ${(error as Error).message}\nIs \`npm start\` running?\n`);
  process.exit(1);
}
