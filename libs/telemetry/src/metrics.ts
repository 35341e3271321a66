import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** One registry per process; every library registers its metrics here so /metrics shows them all. */
export const metricsRegistry = new Registry();
let defaultsCollected = false;

export function collectProcessMetrics(service: string): void {
  if (defaultsCollected) return;
  metricsRegistry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metricsRegistry });
  defaultsCollected = true;
}

/** A bare /metrics endpoint for apps that serve no HTTP of their own (VORCH_METRICS_PORT; 0 picks a free port). */
export async function startMetricsServer(port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metricsRegistry
      .metrics()
      .then((body) => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body))
      .catch((err: Error) => res.writeHead(500).end(err.message));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
