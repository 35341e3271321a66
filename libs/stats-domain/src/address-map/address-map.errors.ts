import { ConflictError, ValidationError } from '#vorch/contracts';

/** A report older than what the map already holds for that domain: applying it would undo newer facts. */
export class StaleAddressReportError extends ConflictError {
  constructor(domainId: string, reported: number, current: number) {
    super('STATS.ADDRESS_REPORT_STALE', `domain ${domainId} is at version ${current}; report ${reported} is older`, { domainId, reported, current });
  }
}

/** A report whose entries are not addresses, or that gives one address to two VMs. */
export class InvalidAddressReportError extends ValidationError {
  constructor(problems: { field: string; message: string }[]) {
    super(problems, 'The address report is invalid');
  }
}
