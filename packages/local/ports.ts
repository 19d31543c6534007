import { createServer } from 'node:net';
import { LocalStartError } from './local-start-error.ts';

/** Fails fast, naming the variable to change, when a port is already taken. */
export async function assertPortFree(port: number, variable: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalStartError(`Port ${port} is already in use. Stop what uses it or set ${variable} to another port.`)
          : error,
      );
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

export function portFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new LocalStartError(`${variable}=${raw} is not a port number`);
  }
  return port;
}
