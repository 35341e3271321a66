import { ValidationError, VorchError, type FieldError } from '#vorch/contracts';
import { AddressPool } from '#vorch/ipam-domain';

/**
 * Each CIDR's own faults as bad fields (`cidr.<i>`), so one answer names every bad field of the request, the CIDRs'
 * among them; the address manager's parser says what is wrong ("host bits are set; did you mean 10.0.0.0/24?").
 */
export function cidrFieldErrors(cidrs: readonly string[]): FieldError[] {
  return cidrs.flatMap((cidr, i) => {
    try {
      AddressPool.define({ cidr });
      return [];
    } catch (err) {
      if (err instanceof VorchError && err.status === 400) return [{ field: `cidr.${i}`, message: err.message }];
      throw err;
    }
  });
}

/** The domain calls a network's subnets `subnets`; callers send them as `cidr`, so its refusals are renamed. */
export function inRequestFields(err: unknown): unknown {
  if (!(err instanceof ValidationError)) return err;
  return new ValidationError((err.errors ?? []).map((e) => ({ ...e, field: e.field.replace(/^subnets\b/, 'cidr') })), err.message);
}
