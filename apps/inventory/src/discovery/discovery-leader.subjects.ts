/**
 * Subjects only the inventory replica holding the discovery lease serves (payload `SiteIdInput`). They are internal
 * to the inventory service: another replica that took a registration or a discover request hands it on here, so
 * every run of every site happens in the one process that walks and watches sites.
 */
export const DISCOVERY_LEADER_SUBJECTS = {
  /** Runs (or joins) a discovery of the site now; answers the DiscoveryOutcome when the run ends. */
  discover: 'cmd.inventory.discovery-leader.discover',
  /** Stops watching and retrying a site that is being deregistered. */
  forget: 'cmd.inventory.discovery-leader.forget',
} as const;

export const DISCOVERY_LEADER_QUEUE = 'inventory.discovery-leader';

/** The one lease key of the deployment for the discovery supervisor. */
export const DISCOVERY_LEASE_KEY = 'inventory.discovery-supervisor';
