/** Wire shapes of the Vorch extension every simulated site serves under `/vorch/v1` (see docs/dialects.md). */
export interface ExtVswitch {
  id: string;
  name: string;
  host: string;
  host_name: string;
  kind: string;
  uplinks: number;
}

export interface ExtSecurityModule {
  id: string;
  host: string;
  host_name: string;
  kind: string;
  firmware_version?: string;
  status: string;
}

export interface ExtPort {
  id: string;
  name: string;
  network: string;
  mac_address: string;
  /** The first fixed IP (sites without dual-stack show only this). */
  ip_address: string | null;
  subnet_cidr?: string;
  /** Every fixed IP, first one first. */
  ip_addresses?: string[];
  vm: string | null;
}

export interface ExtChange {
  seq: number;
  kind: 'host' | 'vm' | 'network' | 'subnet' | 'port' | 'migration';
  op: 'created' | 'updated' | 'deleted';
  id: string;
  name: string;
  at: string;
}

export interface ExtChangePage {
  items: ExtChange[];
  latest: number;
  next_since: number;
}
