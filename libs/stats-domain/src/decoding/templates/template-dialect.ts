/** What differs between IPFIX (RFC 7011) and NetFlow v9 (RFC 3954) once past their headers. */
export interface TemplateDialect {
  readonly version: 9 | 10;
  readonly format: 'ipfix' | 'netflow-v9';
  readonly templateSetId: number;
  readonly optionsTemplateSetId: number;
}

export const IPFIX_DIALECT: TemplateDialect = { version: 10, format: 'ipfix', templateSetId: 2, optionsTemplateSetId: 3 };
export const NETFLOW_V9_DIALECT: TemplateDialect = { version: 9, format: 'netflow-v9', templateSetId: 0, optionsTemplateSetId: 1 };

/** Set ids from here on are data sets, each naming its template. */
export const FIRST_DATA_SET_ID = 256;
