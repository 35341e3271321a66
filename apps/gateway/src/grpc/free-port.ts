import { createServer } from 'node:net';

/**
 * Nest's gRPC server does not report the port it bound, so "port 0" is resolved here by asking the OS for a
 * free one first. Another process could take it in between; only tests use port 0.
 */
export async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
