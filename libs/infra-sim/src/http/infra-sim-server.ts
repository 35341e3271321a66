import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Histogram } from 'prom-client';
import { VorchError } from '#vorch/contracts';
import { createLogger, metricsRegistry } from '#vorch/telemetry';
import { adminErrorReply, adminRoutes } from '../admin/admin-routes.js';
import { SimAdmin } from '../admin/sim-admin.js';
import { createDialectAdapter } from '../dialects/create-dialect-adapter.js';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';
import { buildSite, type SimSite } from '../model/build-site.js';
import { InjectedFailureError, UnknownRouteError } from '../model/sim-errors.js';
import type { SiteTiming } from '../model/site-model.js';
import type { TopologySpec } from '../topology/topology.js';
import { Exchange, send } from './exchange.js';

export interface InfraSimOptions {
  topology: TopologySpec;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Overrides every site's build/migrate durations (tests want them short). */
  timing?: Partial<SiteTiming>;
  /** How many changes each site's feed keeps (default 100,000); tests make it small to reach expiry. */
  changeRetention?: number;
}

export interface InfraSim {
  url: string;
  siteUrl(name: string): string;
  admin: SimAdmin;
  sites: ReadonlyMap<string, SimSite>;
  stop(): Promise<void>;
}

const log = createLogger('infra-sim');

const requestSeconds = new Histogram({
  name: 'vorch_infra_sim_request_seconds',
  help: 'Time infra-sim took to answer a dialect request, injected latency included',
  labelNames: ['dialect', 'method', 'status'],
  buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  registers: [metricsRegistry],
});

interface ServedSite {
  site: SimSite;
  adapter: DialectAdapter;
}

/** Starts one HTTP server that serves every site of the topology, each under /sites/<name>, plus /admin and /metrics. */
export async function startInfraSim(options: InfraSimOptions): Promise<InfraSim> {
  const served = new Map<string, ServedSite>();
  const sites = new Map<string, SimSite>();
  for (const spec of options.topology.sites) {
    const site = buildSite(spec, { timing: options.timing, changeRetention: options.changeRetention });
    sites.set(spec.name, site);
    served.set(spec.name, { site, adapter: createDialectAdapter(site) });
  }
  let url = '';
  const siteUrl = (name: string) => `${url}/sites/${name}`;
  const admin = new SimAdmin(sites, siteUrl);
  const admins = adminRoutes(admin);

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'unexpected failure while answering');
      send(res, { status: 500, body: { error: 'internal error' } });
    });
  });
  server.keepAliveTimeout = 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://infra-sim');
    const m = /^\/sites\/([^/]+)(\/.*)?$/.exec(parsed.pathname);
    if (m) return serveSite(req, res, m[1], m[2] ?? '/', parsed.searchParams);
    if (parsed.pathname === '/metrics') {
      res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(await metricsRegistry.metrics());
      return;
    }
    const ex = new Exchange(req, res, parsed.pathname, parsed.searchParams, url);
    try {
      const route = admins.match(ex.method, ex.path);
      if (!route) throw new UnknownRouteError(ex.method, ex.path);
      ex.params = route.params;
      const reply = await route.handler(ex);
      if (reply) send(res, reply);
    } catch (err) {
      if (!(err instanceof VorchError)) log.error({ err }, 'admin request failed');
      send(res, adminErrorReply(err));
    }
  }

  async function serveSite(req: IncomingMessage, res: ServerResponse, name: string, path: string, query: URLSearchParams): Promise<void> {
    const entry = served.get(name);
    if (!entry) {
      send(res, { status: 404, body: { error: `no site ${name}` } });
      return;
    }
    const started = performance.now();
    const { site, adapter } = entry;
    const faults = site.faults.current;
    // An unreachable site answers nothing: the client sees the connection drop, as with a dead endpoint.
    if (faults.unreachable) {
      req.socket.destroy();
      return;
    }
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const ex = new Exchange(req, res, path, query, siteUrl(name));
    try {
      if (site.faults.shouldFail()) throw new InjectedFailureError();
      const route = adapter.routes.match(ex.method, path);
      if (!route) throw new UnknownRouteError(ex.method, path);
      ex.params = route.params;
      if (!route.public) adapter.authenticate(ex);
      const reply = await route.handler(ex);
      if (reply) send(res, reply);
    } catch (err) {
      // A client that hung up (its own timeout, often while injected latency ran) is not the simulator's failure.
      if (req.socket.destroyed) {
        log.debug({ site: name, path }, 'client went away before the answer');
        return;
      }
      if (!(err instanceof VorchError)) log.error({ err, site: name, path }, 'dialect request failed');
      send(res, adapter.errorReply(err, ex));
    }
    requestSeconds.observe({ dialect: site.model.dialect, method: ex.method, status: String(res.statusCode) }, (performance.now() - started) / 1000);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${hostForUrl === '0.0.0.0' ? '127.0.0.1' : hostForUrl}:${address.port}`;
  log.info({ url, sites: sites.size }, 'infra-sim listening');

  return {
    url,
    siteUrl,
    admin,
    sites,
    async stop() {
      for (const s of sites.values()) s.model.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
