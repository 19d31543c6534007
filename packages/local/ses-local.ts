import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sesModule from 'aws-ses-v2-local';

// A CommonJS module with `exports.default`; Node's ESM interop wraps it once more.
const sesServer = ((sesModule as unknown as { default?: typeof sesModule }).default ?? sesModule) as typeof sesModule;

/** The SES v2 emulator, in-process; its root page is the mail viewer. */
export async function startSesLocal(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = await sesServer({ host: '127.0.0.1', port });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
