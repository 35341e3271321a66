import { ConflictError, NotFoundError, ValidationError } from '#vorch/contracts';

export class SiteAlreadyRegisteredError extends ConflictError {
  constructor(siteId: string) {
    super('SITE.ALREADY_REGISTERED', `site ${siteId} is already registered`, { siteId });
  }
}

export class SiteNotFoundError extends NotFoundError {
  constructor(siteId: string) {
    super('site', siteId);
  }
}

export class StaleDiscoveryRunError extends ConflictError {
  constructor(runId: string, current: string | null) {
    super('SITE.STALE_DISCOVERY_RUN', `discovery run ${runId} is not the current run`, { runId, current });
  }
}

export class InvalidSiteError extends ValidationError {}
