import { faultKindOfStatus, type DialectFault, type FaultKind } from '../http/fault-kind.js';

// Neutron names its faults; these are the ones whose meaning differs from their HTTP status.
const neutronKinds: Record<string, FaultKind> = {
  IpAddressAlreadyAllocated: 'conflict',
  IpAddressInUse: 'conflict',
  MacAddressInUse: 'conflict',
  NetworkInUse: 'conflict',
  PortInUse: 'conflict',
  SubnetInUse: 'conflict',
  IpAddressGenerationFailure: 'conflict',
  OverQuota: 'rejected',
};

/**
 * Reads the three error bodies an OpenStack cloud answers with: Keystone `{"error": {code, title, message}}`,
 * Nova `{"itemNotFound": {code, message}}` (the key names the fault), Neutron `{"NeutronError": {type, message, detail}}`.
 */
export function readOpenStackError(status: number, body: unknown): DialectFault {
  if (body && typeof body === 'object') {
    const neutron = (body as { NeutronError?: { type?: string; message?: string } }).NeutronError;
    if (neutron) return { kind: (neutron.type ? neutronKinds[neutron.type] : undefined) ?? faultKindOfStatus(status), vimCode: neutron.type, vimMessage: neutron.message };
    const keystone = (body as { error?: { title?: string; message?: string } }).error;
    if (keystone && typeof keystone === 'object') return { kind: faultKindOfStatus(status), vimCode: keystone.title, vimMessage: keystone.message };
    const [faultName, fault] = Object.entries(body as Record<string, { message?: string }>)[0] ?? [];
    if (faultName && fault && typeof fault === 'object') {
      // Nova answers quota exhaustion as 403/413 "overLimit"; it is a refusal, not a reason to retry.
      const kind = faultName === 'overLimit' ? 'rejected' : faultKindOfStatus(status);
      return { kind, vimCode: faultName, vimMessage: fault.message };
    }
  }
  return { kind: faultKindOfStatus(status), vimMessage: typeof body === 'string' ? body.slice(0, 200) : undefined };
}
