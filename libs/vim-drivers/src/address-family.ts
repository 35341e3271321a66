import type { CreateNetworkRequest, CreatePortRequest } from './vim-driver.js';

export type IpFamily = 4 | 6;

/** The IP version of an address or CIDR as text (only IPv6 has colons); the VIM validates the rest. */
export function ipFamilyOf(text: string): IpFamily {
  return text.includes(':') ? 6 : 4;
}

/** The gateway asked for the subnet of `req.cidrs[index]`: the one of its IP family, given to that family's first subnet. */
export function gatewayFor(req: CreateNetworkRequest, index: number): string | undefined {
  const family = ipFamilyOf(req.cidrs[index]);
  if (req.cidrs.findIndex((c) => ipFamilyOf(c) === family) !== index) return undefined;
  return [...(req.gateways ?? []), ...(req.gateway ? [req.gateway] : [])].find((g) => ipFamilyOf(g) === family);
}

/** Every fixed IP a port request names (`ips`, or `ip` as its one-address form); undefined for the VIM's choice. */
export function requestedIps(req: CreatePortRequest): string[] | undefined {
  if (req.ips && req.ips.length > 0) return req.ips;
  return req.ip ? [req.ip] : undefined;
}
