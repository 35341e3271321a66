import type { Dialect } from './site.events.js';

export type SiteStatus = 'absent' | 'registered' | 'discovering' | 'ready' | 'unreachable' | 'deregistered';

export interface DiscoveryRun {
  runId: string;
  cursor: string | null;
  resourcesSeen: number;
  discovered: number;
  changed: number;
  gone: number;
  unchanged: number;
}

export interface SiteState {
  status: SiteStatus;
  siteId: string;
  tenantId: string;
  name: string;
  dialect: Dialect | null;
  endpoint: string;
  domain: string;
  sealedCredentials: string;
  run: DiscoveryRun | null;
  /** Where an interrupted walk resumes: the cursor of the last page recorded before the site became unreachable. */
  resumeFrom: string | null;
  lastError: string | null;
  resourceCount: number;
  /** True once a discovery run completed: from then on, every difference the site shows is drift. */
  baselined: boolean;
}

export const initialSiteState: SiteState = {
  status: 'absent',
  siteId: '',
  tenantId: '',
  name: '',
  dialect: null,
  endpoint: '',
  domain: '',
  sealedCredentials: '',
  run: null,
  resumeFrom: null,
  lastError: null,
  resourceCount: 0,
  baselined: false,
};
