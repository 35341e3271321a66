export { INTEROP_RESOURCE_KINDS as RESOURCE_KINDS, type InteropResourceKind as ResourceKind } from '#vorch/contracts';
