import type { Decider, FieldError } from '#vorch/contracts';
import type { SiteCommand } from './site.commands.js';
import type { InventoryDiff } from './inventory-diff.js';
import { interopFactsOf } from './interop-facts.js';
import { DIALECTS, type SiteEvent } from './site.events.js';
import { initialSiteState, type SiteState } from './site.state.js';
import { InvalidSiteError, SiteAlreadyRegisteredError, SiteNotFoundError, StaleDiscoveryRunError } from './site.errors.js';

type Register = Extract<SiteCommand, { type: 'RegisterSite' }>;

function validateRegistration(c: Register): void {
  const errors: FieldError[] = [];
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(c.name)) errors.push({ field: 'name', message: 'must be 1-63 lowercase letters, digits or dashes' });
  if (!DIALECTS.includes(c.dialect)) errors.push({ field: 'dialect', message: `must be one of ${DIALECTS.join(', ')}` });
  let url: URL | null = null;
  try {
    url = new URL(c.endpoint);
  } catch {
    /* reported below */
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) errors.push({ field: 'endpoint', message: 'must be an http(s) URL' });
  if (!c.domain) errors.push({ field: 'domain', message: 'is required' });
  if (errors.length) throw new InvalidSiteError(errors);
}

function requireSite(s: SiteState): void {
  if (s.status === 'absent' || s.status === 'deregistered') throw new SiteNotFoundError(s.siteId || '(unknown)');
}

function resourceEvents(s: SiteState, diff: InventoryDiff, drift: boolean): SiteEvent[] {
  const { siteId, tenantId } = s;
  // After the first complete walk, every difference is drift: the site changed without Vorch asking it to.
  const driftEvents: SiteEvent[] = drift
    ? [
        ...diff.discovered.map((r) => ({ type: 'DriftDetected' as const, data: { siteId, kind: r.kind, externalId: r.externalId, change: 'added' as const, changes: [] } })),
        ...diff.changed.map(({ resource: r, changes }) => ({ type: 'DriftDetected' as const, data: { siteId, kind: r.kind, externalId: r.externalId, change: 'modified' as const, changes } })),
        ...diff.gone.map((r) => ({ type: 'DriftDetected' as const, data: { siteId, kind: r.kind, externalId: r.externalId, change: 'deleted' as const, changes: [] } })),
      ]
    : [];
  return [
    ...driftEvents,
    ...diff.discovered.map((resource) => ({ type: 'ResourceDiscovered' as const, data: { siteId, resource } })),
    ...diff.discovered.flatMap((r) => {
      const facts = interopFactsOf(r);
      return facts ? [{ type: 'InventoryResourceDiscovered' as const, data: { tenantId, siteId, externalId: r.externalId, ...facts } }] : [];
    }),
    ...diff.changed.map(({ resource, changes }) => ({ type: 'ResourceChanged' as const, data: { siteId, resource, changes } })),
    ...diff.gone.map((r) => ({ type: 'ResourceGone' as const, data: { siteId, ...r } })),
  ];
}

function recordInventory(c: Extract<SiteCommand, { type: 'RecordInventory' }>, s: SiteState): SiteEvent[] {
  requireSite(s);
  const { diff } = c;
  if (c.runId === null) return resourceEvents(s, diff, s.baselined);
  if (s.status !== 'discovering' || s.run?.runId !== c.runId) throw new StaleDiscoveryRunError(c.runId, s.run?.runId ?? null);
  const seen = diff.discovered.length + diff.changed.length + diff.unchanged;
  return [
    ...resourceEvents(s, diff, s.baselined),
    {
      type: 'DiscoveryProgressed',
      data: { siteId: s.siteId, runId: c.runId, cursor: c.cursor, resourcesSeen: (s.run?.resourcesSeen ?? 0) + seen, unchangedInPage: diff.unchanged },
    },
  ];
}

export function decideSite(c: SiteCommand, s: SiteState): SiteEvent[] {
  switch (c.type) {
    case 'RegisterSite': {
      if (s.status !== 'absent') throw new SiteAlreadyRegisteredError(c.siteId);
      validateRegistration(c);
      const { siteId, tenantId, name, dialect, endpoint, domain, sealedCredentials } = c;
      return [{ type: 'SiteRegistered', data: { siteId, tenantId, name, dialect, endpoint, domain, sealedCredentials } }];
    }
    case 'RotateCredentials':
      requireSite(s);
      return [{ type: 'SiteCredentialsRotated', data: { siteId: s.siteId, sealedCredentials: c.sealedCredentials } }];
    case 'StartDiscovery':
      requireSite(s);
      // Starting the run that is already going is a retry of the same intent, not a new run.
      if (s.status === 'discovering' && s.run?.runId === c.runId) return [];
      return [{ type: 'DiscoveryStarted', data: { siteId: s.siteId, runId: c.runId, resumeFrom: s.status === 'unreachable' ? s.resumeFrom : null } }];
    case 'RecordInventory':
      return recordInventory(c, s);
    case 'CompleteDiscovery': {
      requireSite(s);
      if (s.status !== 'discovering' || s.run?.runId !== c.runId) throw new StaleDiscoveryRunError(c.runId, s.run?.runId ?? null);
      const { discovered, changed, gone, unchanged } = s.run;
      return [{ type: 'DiscoveryCompleted', data: { siteId: s.siteId, runId: c.runId, discovered, changed, gone, unchanged } }];
    }
    case 'MarkUnreachable':
      requireSite(s);
      if (s.run?.runId !== c.runId) throw new StaleDiscoveryRunError(c.runId, s.run?.runId ?? null);
      return [{ type: 'SiteUnreachable', data: { siteId: s.siteId, runId: c.runId, reason: c.reason, resumeFrom: s.run.cursor } }];
    case 'DeregisterSite':
      requireSite(s);
      return [{ type: 'SiteDeregistered', data: { siteId: s.siteId } }];
    default: {
      const never: never = c;
      throw new Error(`unknown command ${(never as { type: string }).type}`);
    }
  }
}

export function evolveSite(s: SiteState, e: SiteEvent): SiteState {
  switch (e.type) {
    case 'SiteRegistered':
      return { ...initialSiteState, ...e.data, status: 'registered' };
    case 'SiteCredentialsRotated':
      return { ...s, sealedCredentials: e.data.sealedCredentials };
    case 'DiscoveryStarted':
      return {
        ...s,
        status: 'discovering',
        run: { runId: e.data.runId, cursor: e.data.resumeFrom, resourcesSeen: 0, discovered: 0, changed: 0, gone: 0, unchanged: 0 },
        lastError: null,
      };
    case 'DiscoveryProgressed':
      return s.run
        ? { ...s, run: { ...s.run, cursor: e.data.cursor, resourcesSeen: e.data.resourcesSeen, unchanged: s.run.unchanged + e.data.unchangedInPage } }
        : s;
    case 'ResourceDiscovered':
      return { ...s, resourceCount: s.resourceCount + 1, run: s.run && { ...s.run, discovered: s.run.discovered + 1 } };
    case 'ResourceChanged':
      return { ...s, run: s.run && { ...s.run, changed: s.run.changed + 1 } };
    case 'ResourceGone':
      return { ...s, resourceCount: s.resourceCount - 1, run: s.run && { ...s.run, gone: s.run.gone + 1 } };
    case 'DriftDetected':
    case 'InventoryResourceDiscovered':
      return s;
    case 'DiscoveryCompleted':
      return { ...s, status: 'ready', run: null, resumeFrom: null, baselined: true };
    case 'SiteUnreachable':
      return { ...s, status: 'unreachable', run: null, resumeFrom: e.data.resumeFrom, lastError: e.data.reason };
    case 'SiteDeregistered':
      return { ...s, status: 'deregistered', run: null };
    default: {
      const never: never = e;
      throw new Error(`unknown event ${(never as { type: string }).type}`);
    }
  }
}

export const siteDecider: Decider<SiteCommand, SiteEvent, SiteState> = {
  initialState: () => initialSiteState,
  decide: decideSite,
  evolve: evolveSite,
};
