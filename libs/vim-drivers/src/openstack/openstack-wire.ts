/** The parts of Nova, Neutron, Placement and Cinder answers the driver reads (see docs/dialects.md). */
export interface Link {
  rel: string;
  href: string;
}

export interface NovaHypervisor {
  id: string;
  hypervisor_hostname: string;
  hypervisor_type: string;
  hypervisor_version: number;
  state: 'up' | 'down';
  status: 'enabled' | 'disabled';
  vcpus: number;
  memory_mb: number;
  cpu_info?: { model?: string; vendor?: string; features?: string[] } | string;
}

export interface NovaAvailabilityZone {
  zoneName: string;
  hosts: Record<string, Record<string, unknown>> | null;
}

export interface NovaFlavor {
  id: string;
  name: string;
  vcpus: number;
  ram: number;
}

export interface NovaServer {
  id: string;
  name: string;
  status: string;
  'OS-EXT-SRV-ATTR:hypervisor_hostname'?: string | null;
  'OS-EXT-SRV-ATTR:host'?: string | null;
  'OS-EXT-STS:task_state'?: string | null;
  flavor: { vcpus: number; ram: number };
}

export interface NeutronNetwork {
  id: string;
  name: string;
  subnets: string[];
  mtu?: number;
  'provider:network_type'?: string;
  'provider:segmentation_id'?: number | null;
}

export interface NeutronSubnet {
  id: string;
  network_id: string;
  cidr: string;
  ip_version?: 4 | 6;
  gateway_ip: string | null;
  allocation_pools?: { start: string; end: string }[];
}

export interface NeutronPort {
  id: string;
  name: string;
  network_id: string;
  mac_address: string;
  fixed_ips: Array<{ subnet_id: string; ip_address: string }>;
  device_id: string;
}

export interface PlacementInventory {
  total: number;
}

export interface CinderPool {
  name: string;
  capabilities: {
    pool_name?: string;
    total_capacity_gb: number;
    free_capacity_gb: number;
    storage_protocol?: string;
    replication_enabled?: boolean;
    replication_type?: string | null;
    replication_targets?: string[];
    'vorch:kind'?: string;
    'vorch:reachable_availability_zones'?: string[];
  };
}
