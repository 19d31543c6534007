/**
 * Run as a child process by test/unit/local-log-lines.test.ts: the local runner's log format decision (as
 * start.ts makes it, from --pretty-logs and LOG_PRETTY), then one request through a real handler (GET /health).
 * Its standard output is that request's log.
 */
import '#packages/local/cli/log-format-flag.ts';

const { health } = await import('#packages/features/system/routes.ts');
const { handler } = await import('#packages/features/system/http/health.ts');
const { invoke } = await import('./http-events.ts');
const { status } = await invoke(handler as Parameters<typeof invoke>[0], health);
if (status !== 200) throw new Error(`GET /health → ${status}`);
