import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { generateTopology, loadTopologyFile, SimulatedSwitchFabric, startInfraSim, type InfraSim, type TopologySpec } from '#vorch/infra-sim';
import { connectNats } from '#vorch/messaging';
import { createLogger } from '#vorch/telemetry';

const log = createLogger('infra-sim');

/** Loads the topology named on the command line (a file, or generator sizes), else the demo estate. */
function topologyFrom(values: { topology?: string; sites?: string; 'hosts-per-site'?: string; 'vms-per-host'?: string }): TopologySpec {
  if (values.sites !== undefined || values['hosts-per-site'] !== undefined || values['vms-per-host'] !== undefined) {
    const sites = Number(values.sites ?? 3);
    const hostsPerSite = Number(values['hosts-per-site'] ?? 100);
    const vmsPerHost = Number(values['vms-per-host'] ?? 0);
    if (!Number.isInteger(sites) || sites < 1 || !Number.isInteger(hostsPerSite) || hostsPerSite < 1) {
      throw new Error('--sites and --hosts-per-site must be positive integers');
    }
    if (!Number.isInteger(vmsPerHost) || vmsPerHost < 0) throw new Error('--vms-per-host must be a whole number');
    return generateTopology({ sites, hostsPerSite, vmsPerHost });
  }
  // Relative to the working directory: npm scripts run from the repository root, where the demo estate lives.
  return loadTopologyFile(resolve(values.topology ?? process.env.VORCH_INFRA_SIM_TOPOLOGY ?? 'deploy/local/sites.yaml'));
}

/**
 * With a bus to talk to, the simulated switches report their VMs and traffic to the stats-collector, so a local
 * estate shows live statistics. Without NATS_URL the simulator stays HTTP-only.
 */
async function startSwitchFabric(sim: InfraSim): Promise<(() => Promise<void>) | undefined> {
  if (!process.env.NATS_URL || process.env.VORCH_SIM_TRAFFIC === 'false') return undefined;
  const framesPerSecond = Number(process.env.VORCH_SIM_TRAFFIC_RATE ?? 10);
  if (!Number.isFinite(framesPerSecond) || framesPerSecond <= 0) throw new Error('VORCH_SIM_TRAFFIC_RATE must be a positive number');
  const ipfixCollector = collectorAddress(process.env.VORCH_SIM_IPFIX_COLLECTOR);
  const nc = await connectNats('infra-sim');
  const fabric = await SimulatedSwitchFabric.start({ nc, sites: sim.sites, framesPerSecond, ipfixCollector });
  log.info({ switches: fabric.switches.length, framesPerSecond, ipfixCollector }, 'simulated switches reporting traffic');
  return async () => {
    await fabric.stop();
    await nc.close();
  };
}

/** `host:port` of a flow collector: one switch per site then exports IPFIX to it (collector mode). */
function collectorAddress(value: string | undefined): { host: string; port: number } | undefined {
  if (!value) return undefined;
  const at = value.lastIndexOf(':');
  const port = Number(value.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) throw new Error('VORCH_SIM_IPFIX_COLLECTOR must be host:port');
  return { host: value.slice(0, at), port };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      topology: { type: 'string' },
      sites: { type: 'string' },
      'hosts-per-site': { type: 'string' },
      'vms-per-host': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
    },
  });
  const topology = topologyFrom(values);
  const port = Number(values.port ?? process.env.VORCH_INFRA_SIM_PORT ?? 8090);
  const host = values.host ?? process.env.VORCH_INFRA_SIM_HOST ?? '127.0.0.1';
  const sim = await startInfraSim({ topology, port, host });
  for (const s of sim.admin.listSites()) log.info({ site: s.name, dialect: s.dialect, endpoint: s.endpoint, hosts: s.hosts }, 'site served');
  const stopFabric = await startSwitchFabric(sim).catch((err: unknown) => {
    log.error({ err }, 'simulated switches not started; serving HTTP only');
    return undefined;
  });
  log.info({ url: sim.url, admin: `${sim.url}/admin/sites` }, 'infra-sim ready');
  const shutdown = () => {
    (stopFabric ?? (async () => undefined))().then(() => sim.stop()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'infra-sim failed to start');
  process.exit(1);
});
