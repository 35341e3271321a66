import { ValidationError, VorchError, type CreateNetworkInput, type FieldError } from '#vorch/contracts';
import { AddressPool, formatCidr, parseCidr } from '#vorch/ipam-domain';
import type { SubnetRequest } from '#vorch/stitching-domain';

/**
 * The subnets a create-network request asks for: each CIDR of `cidr` with the options `subnets` gives it. Faults are
 * named as fields of the request (`cidr.<i>`, `subnets.<i>…`), every one at once, with the address manager's reason
 * ("host bits are set; did you mean 10.0.0.0/24?", "allocation ranges overlap").
 */
export function subnetsOf(input: Pick<CreateNetworkInput, 'cidr' | 'subnets'>): { subnets: SubnetRequest[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const byCidr = new Map<string, number>();
  input.cidr.forEach((cidr, i) => {
    const canonical = canonicalCidr(cidr);
    if (canonical instanceof VorchError) errors.push({ field: `cidr.${i}`, message: canonical.message });
    else byCidr.set(canonical, i);
  });
  const options = new Map<number, SubnetRequest>();
  (input.subnets ?? []).forEach((o, i) => {
    const canonical = canonicalCidr(o.cidr);
    const target = canonical instanceof VorchError ? undefined : byCidr.get(canonical);
    if (target === undefined) {
      errors.push({ field: `subnets.${i}.cidr`, message: `must be one of the network's cidr (${input.cidr.join(', ')})` });
      return;
    }
    if (options.has(target)) {
      errors.push({ field: `subnets.${i}.cidr`, message: `${o.cidr} is given options twice` });
      return;
    }
    const request: SubnetRequest = { cidr: input.cidr[target], gateway: o.gateway, allocationRanges: o.allocationRanges, reserved: o.reserved };
    const fault = faultOf(() => AddressPool.define(request));
    if (fault) errors.push({ field: `subnets.${i}`, message: fault.message });
    options.set(target, request);
  });
  return { subnets: input.cidr.map((cidr, i) => options.get(i) ?? { cidr }), errors };
}

/** The domain calls a network's list of subnets `subnets`; callers send it as `cidr`, so its refusals are renamed. */
export function inRequestFields(err: unknown): unknown {
  if (!(err instanceof ValidationError)) return err;
  return new ValidationError((err.errors ?? []).map((e) => ({ ...e, field: e.field.replace(/^subnets\b/, 'cidr') })), err.message);
}

function canonicalCidr(text: string): string | VorchError {
  let canonical = '';
  return faultOf(() => (canonical = formatCidr(parseCidr(text)))) ?? canonical;
}

/** The address manager's 400 for bad text, or nothing; anything else is not the request's fault and propagates. */
function faultOf(check: () => unknown): VorchError | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    if (err instanceof VorchError && err.status === 400) return err;
    throw err;
  }
}
