import { ready as route } from '#packages/features/system/routes.ts';
import { probeDependencies } from '#packages/core/dependencies/probes.ts';
import { dependencyTimeouts } from '#packages/core/dependencies/timeouts.ts';
import { dependencyUnavailable } from '#packages/http/dependency-unavailable.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

/** Readiness, unlike `/health` (liveness): 200 when every dependency answers, else the 503 a request would get, listing each one. */
export const handler = httpHandler(route, async () => {
  const { ready, dependencies } = await probeDependencies();
  if (ready) return ok({ status: 'ready', dependencies });
  const down = dependencies.filter((d) => d.status === 'down').map((d) => `${d.name} (${d.reason})`);
  const answer = dependencyUnavailable(`Not ready: ${down.join(', ')}. Retry in ${dependencyTimeouts.retryAfterSeconds} seconds.`, { dependencies });
  return { status: 503, headers: answer.headers as Record<string, string>, rawBody: answer.body as string };
});
