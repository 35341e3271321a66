import { ConflictError, ValidationError } from '#vorch/contracts';
import type { Decider } from '#vorch/contracts';
import { parseVersion } from '../version.js';
import type { ResourceAttributes, ResourceEvent, ResourceSource } from './resource.events.js';

export interface RegisterResource {
  type: 'RegisterResource';
  resourceId: string;
  attributes: ResourceAttributes;
  source: ResourceSource;
}

export type ResourceCommand = RegisterResource;

export type ResourceState = { status: 'unknown' } | { status: 'registered'; resourceId: string; attributes: ResourceAttributes };

const initialState: ResourceState = { status: 'unknown' };

function sameAttributes(a: ResourceAttributes, b: ResourceAttributes): boolean {
  return (
    a.kind === b.kind && a.vendor === b.vendor && a.product === b.product && a.version === b.version &&
    a.siteId === b.siteId && a.externalId === b.externalId
  );
}

function register(command: RegisterResource, state: ResourceState): ResourceEvent[] {
  const { resourceId, attributes, source } = command;
  if (!parseVersion(attributes.version)) throw new ValidationError([{ field: 'version', message: 'is not a version' }]);
  if (state.status === 'unknown') return [{ type: 'InteropResourceRegistered', data: { resourceId, ...attributes, source } }];
  // The id is derived from the tenant, so another tenant reaching it means a clash of ids, never a shared resource.
  if (state.attributes.tenantId !== attributes.tenantId) {
    throw new ConflictError('INTEROP.RESOURCE_ID_TAKEN', `resource ${resourceId} belongs to another tenant`);
  }
  // Discovery repeats itself; the same facts again change nothing.
  if (sameAttributes(state.attributes, attributes)) return [];
  return [{ type: 'InteropResourceChanged', data: { resourceId, ...attributes, source, previousVersion: state.attributes.version } }];
}

function evolve(state: ResourceState, event: ResourceEvent): ResourceState {
  switch (event.type) {
    case 'InteropResourceRegistered':
    case 'InteropResourceChanged': {
      const { resourceId, source: _source, ...rest } = event.data;
      const { previousVersion: _previous, ...attributes } = rest as ResourceAttributes & { previousVersion?: string };
      return { status: 'registered', resourceId, attributes };
    }
    default: {
      const never: never = event;
      return never;
    }
  }
}

function decide(command: ResourceCommand, state: ResourceState): ResourceEvent[] {
  switch (command.type) {
    case 'RegisterResource':
      return register(command, state);
    default: {
      const never: never = command.type;
      throw new Error(`unknown command ${String(never)}`);
    }
  }
}

export const resourceDecider: Decider<ResourceCommand, ResourceEvent, ResourceState> = { initialState: () => initialState, decide, evolve };
