import { afterAll, beforeAll, inject } from 'vitest';
import { startLocalStack, type LocalStack } from '#packages/local/local-stack.ts';

/**
 * The local stack (HTTP server, bus, scheduler) on ephemeral ports over the
 * shared DynamoDB Local and SES emulator, using this file's table.
 */
export async function startTestApi(): Promise<LocalStack & { call: ApiCaller }> {
  const stack = await startLocalStack({
    apiPort: 0,
    busPort: 0,
    sesPort: 0,
    dynamoEndpoint: inject('dynamoEndpoint'),
    sesEndpoint: inject('sesEndpoint'),
    tableName: process.env.TABLE_NAME!,
  });
  return { ...stack, call: apiCaller(stack) };
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export type ApiCaller = <T = any>(
  method: string,
  path: string,
  options?: { body?: unknown; role?: string | null; userId?: string; headers?: Record<string, string>; rawBody?: string },
) => Promise<ApiResponse<T>>;

/** fetch with a token for `role` (admin by default; null for none) and JSON both ways. */
export function apiCaller(stack: LocalStack): ApiCaller {
  return async (method, path, options = {}) => {
    const role = options.role === undefined ? 'admin' : options.role;
    const headers: Record<string, string> = { ...options.headers };
    if (role) headers.authorization = `Bearer ${await stack.token(role, options.userId)}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await fetch(`${stack.apiUrl}${path}`, { method, headers, body });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, headers: res.headers, body: /application\/(?:[\w.-]+\+)?json\b/.test(type) && text ? JSON.parse(text) : text };
  };
}

/**
 * The local stack for one test file: started before its tests, stopped after.
 * Returns a stand-in that forwards to the running stack, so tests write
 * `api.call(...)` without a mutable module variable.
 */
export function useTestApi(): Awaited<ReturnType<typeof startTestApi>> {
  let stack: Awaited<ReturnType<typeof startTestApi>> | undefined;
  beforeAll(async () => {
    stack = await startTestApi();
  });
  afterAll(() => stack?.stop());
  return new Proxy({} as Awaited<ReturnType<typeof startTestApi>>, {
    get(_target, key) {
      if (!stack) throw new Error('the test API is used before beforeAll started it');
      return stack[key as keyof typeof stack];
    },
  });
}
