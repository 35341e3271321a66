/** The kinds of infrastructure the matrix knows about. */
export const INTEROP_RESOURCE_KINDS = ['hypervisor', 'guest-os', 'nic', 'storage-array', 'vim', 'switch', 'firmware', 'driver', 'other'] as const;
export type InteropResourceKind = (typeof INTEROP_RESOURCE_KINDS)[number];

/** What a matrix entry says about two products: they work together, they do not, or only under a stated condition. */
export const SUPPORT_LEVELS = ['supported', 'unsupported', 'conditional'] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];

export const MATRIX_FILE_FORMATS = ['json', 'yaml', 'csv'] as const;
export type MatrixFileFormat = (typeof MATRIX_FILE_FORMATS)[number];

/** Global entries are published by a platform admin for every tenant; a tenant's own entries are seen by it alone. */
export const MATRIX_SCOPES = ['global', 'tenant'] as const;
export type MatrixScopeName = (typeof MATRIX_SCOPES)[number];

/** `product@version`, split at the last `@`: both sides non-empty. */
export const PRODUCT_REF_PATTERN = /^[^@]*[^@\s][^@]*@.*\S.*$/;
