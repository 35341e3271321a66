import type { NicInput, VmInput } from '../../model/site-compute.js';
import { InvalidRequestError } from '../../model/sim-errors.js';
import { KubeInvalidError } from './kubevirt-errors.js';
import type { KubeVirtIds } from './kubevirt-ids.js';

type Json = Record<string, unknown>;

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function obj(v: unknown, at: string): Json {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new InvalidRequestError(`${at} must be an object`);
  return v as Json;
}

function arr(v: unknown, at: string): Json[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new InvalidRequestError(`${at} must be an array`);
  return v.map((x, i) => obj(x, `${at}[${i}]`));
}

function stringMap(v: unknown, at: string): Record<string, string> {
  const o = obj(v, at);
  for (const [k, val] of Object.entries(o)) if (typeof val !== 'string') throw new InvalidRequestError(`${at}.${k} must be a string`);
  return o as Record<string, string>;
}

/** "4Gi" → 4096, "512Mi" → 512, "2G" → 1907 (MiB). */
export function memoryMiB(quantity: unknown): number {
  const m = /^(\d+)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(String(quantity ?? ''));
  if (!m) throw new InvalidRequestError(`memory ${String(quantity)} is not a quantity`);
  const factor: Record<string, number> = { '': 1 / 2 ** 20, Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 ** 2, K: 1000 / 2 ** 20, M: 1e6 / 2 ** 20, G: 1e9 / 2 ** 20, T: 1e12 / 2 ** 20 };
  return Math.max(1, Math.floor(Number(m[1]) * factor[m[2] ?? '']));
}

export function objectName(metadata: Json): string {
  const name = typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? `${metadata.generateName}${Math.random().toString(36).slice(2, 7)}` : undefined;
  if (!name || !NAME.test(name) || name.length > 253) throw new InvalidRequestError('metadata.name must be a DNS-1123 name');
  return name;
}

/**
 * Reads the parts of a KubeVirt VirtualMachine the simulator acts on: size, node selector, interfaces and their
 * Multus networks, and the `vorch.io/ports` annotation binding an interface to a pre-allocated port.
 */
export function vmInputFromKube(body: unknown, namespace: string, ids: KubeVirtIds): VmInput {
  const doc = obj(body, '(body)');
  const metadata = obj(doc.metadata, 'metadata');
  if (metadata.namespace !== undefined && metadata.namespace !== namespace) throw new InvalidRequestError('metadata.namespace does not match the URL');
  const name = objectName(metadata);
  const spec = obj(doc.spec, 'spec');
  const template = obj(obj(spec.template, 'spec.template').spec, 'spec.template.spec');
  const domain = obj(template.domain, 'spec.template.spec.domain');
  const cpu = obj(domain.cpu, 'domain.cpu');
  const vcpus = Number(cpu.cores ?? 1) * Number(cpu.sockets ?? 1) * Number(cpu.threads ?? 1);
  if (!Number.isInteger(vcpus) || vcpus < 1) throw new InvalidRequestError('domain.cpu must give a positive number of cores');
  const requests = obj(obj(domain.resources, 'domain.resources').requests, 'domain.resources.requests');
  const memoryMb = memoryMiB(obj(domain.memory, 'domain.memory').guest ?? requests.memory ?? '1Gi');
  const devices = obj(domain.devices, 'domain.devices');
  const gpus = arr(devices.gpus, 'domain.devices.gpus').length;
  const nodeSelector = stringMap(template.nodeSelector, 'spec.template.spec.nodeSelector');
  const annotations = stringMap(metadata.annotations, 'metadata.annotations');
  const portsByInterface = annotations['vorch.io/ports'] ? parsePortsAnnotation(annotations['vorch.io/ports']) : {};
  const networks = new Map(arr(template.networks, 'spec.template.spec.networks').map((n) => [String(n.name), n]));
  const nics: NicInput[] = [];
  for (const iface of arr(devices.interfaces, 'domain.devices.interfaces')) {
    const ifName = String(iface.name ?? '');
    const network = networks.get(ifName);
    if (!network) throw new InvalidRequestError(`interface ${ifName} has no network of the same name`);
    const multus = obj(network.multus, `networks.${ifName}.multus`);
    if (multus.networkName === undefined) continue; // the pod network: no address from the site's IPAM
    if (portsByInterface[ifName]) {
      nics.push({ name: ifName, portId: portsByInterface[ifName] });
      continue;
    }
    const mac = typeof iface.macAddress === 'string' ? iface.macAddress : undefined;
    nics.push({ name: ifName, networkId: ids.findNetwork(String(multus.networkName), namespace).id, mac });
  }
  const running = spec.runStrategy !== undefined ? spec.runStrategy !== 'Halted' : spec.running === true;
  return {
    name,
    namespace,
    vcpus,
    memoryMb,
    gpus,
    hostId: nodeSelector['kubernetes.io/hostname'] ? nodeId(ids, nodeSelector['kubernetes.io/hostname']) : undefined,
    failureDomain: nodeSelector['topology.kubernetes.io/zone'],
    nics,
    start: running ? 'async' : 'off',
    labels: stringMap(metadata.labels, 'metadata.labels'),
    annotations,
    uniqueName: true,
    document: { metadata: { name, namespace }, spec },
  };
}

function parsePortsAnnotation(text: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(text);
    return stringMap(parsed, 'vorch.io/ports');
  } catch (err) {
    if (err instanceof InvalidRequestError) throw err;
    throw new InvalidRequestError('the vorch.io/ports annotation must be a JSON object of interface name → port id');
  }
}

/** A node selector naming no node is a request Kubernetes could never schedule: Invalid, not NotFound. */
export function nodeId(ids: KubeVirtIds, name: string): string {
  try {
    return ids.findHost(name).id;
  } catch {
    throw new KubeInvalidError(`no node ${name} matches the node selector`);
  }
}
