import { MalformedFlowDataError } from '../malformed-flow-data.error.js';
import { compileTemplate, type TemplateField } from './compiled-template.js';
import { ExporterTemplates, TEMPLATE_LIMIT, type ExportHeader } from './exporter-templates.js';
import { FIRST_DATA_SET_ID, type TemplateDialect } from './template-dialect.js';

/** What a template set did to the exporter's cache. */
export interface TemplateSetOutcome {
  learned: number[];
  withdrawn: number;
  problem: MalformedFlowDataError | undefined;
}

/**
 * Reads the template records of one (options) template set in b[at..end) into the cache. Templates read
 * before a bad record are kept; the bad record and the rest of the set are not trusted.
 */
export function readTemplateSet(
  b: Uint8Array, at: number, end: number, dialect: TemplateDialect, header: ExportHeader, options: boolean, cache: ExporterTemplates,
): TemplateSetOutcome {
  const outcome: TemplateSetOutcome = { learned: [], withdrawn: 0, problem: undefined };
  const fail = (offset: number, message: string) => {
    outcome.problem = new MalformedFlowDataError('FLOW.TEMPLATE_INVALID', message, offset);
    return outcome;
  };
  // Trailing bytes too short for a template record header are padding.
  while (end - at >= 4) {
    const id = (b[at] << 8) | b[at + 1];
    const count = (b[at + 2] << 8) | b[at + 3];
    if (id === 0 && count === 0) break; // zero padding
    if (dialect.version === 10 && count === 0) {
      // RFC 7011 §8.1: a withdrawal; the set id means "every template of this kind".
      if (id === dialect.templateSetId || id === dialect.optionsTemplateSetId) outcome.withdrawn += cache.withdrawAll(10, header.domain, options);
      else if (cache.withdraw(ExporterTemplates.key(10, header.domain, id))) outcome.withdrawn++;
      at += 4;
      continue;
    }
    if (id < FIRST_DATA_SET_ID) return fail(at, `template id ${id} is reserved`);
    const read = options
      ? dialect.version === 10 ? readIpfixOptionsFields(b, at + 4, end, count) : readV9OptionsFields(b, at + 2, end)
      : readFields(b, at + 4, end, count, dialect.version === 10, false);
    if (typeof read === 'string') return fail(at, `template ${id}: ${read}`);
    if (read.fields.length === 0) return fail(at, `template ${id} has no fields`);
    const template = compileTemplate(id, read.fields, options);
    if (template.minRecordLength === 0) return fail(at, `template ${id} describes empty records`);
    const key = ExporterTemplates.key(dialect.version, header.domain, id);
    if (cache.templateCount >= TEMPLATE_LIMIT && !cache.template(key)) return fail(at, `exporter already has ${TEMPLATE_LIMIT} templates`);
    cache.learn(key, template);
    outcome.learned.push(key);
    at = read.next;
  }
  return outcome;
}

interface FieldsRead {
  fields: TemplateField[];
  next: number;
}

/** `enterpriseBit`: IPFIX marks enterprise elements with the top bit; NetFlow v9 just has types above 32767. */
function readFields(
  b: Uint8Array, at: number, end: number, count: number, enterpriseBit: boolean, scopeOnly: boolean, into: TemplateField[] = [],
): FieldsRead | string {
  for (let i = 0; i < count; i++) {
    if (end - at < 4) return 'field specifiers run past the set';
    const raw = (b[at] << 8) | b[at + 1];
    const length = (b[at + 2] << 8) | b[at + 3];
    at += 4;
    let enterprise = 0;
    if (enterpriseBit && raw & 0x8000) {
      if (end - at < 4) return 'enterprise number runs past the set';
      enterprise = ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
      at += 4;
    }
    into.push({ enterprise, element: enterpriseBit ? raw & 0x7fff : raw, length, scopeOnly });
  }
  return { fields: into, next: at };
}

/** IPFIX: id, field count, scope field count, then every field; scope fields are ordinary elements. */
function readIpfixOptionsFields(b: Uint8Array, at: number, end: number, count: number): FieldsRead | string {
  if (end - at < 2) return 'options template header runs past the set';
  const scopeCount = (b[at] << 8) | b[at + 1];
  if (scopeCount === 0 || scopeCount > count) return `scope field count ${scopeCount} is outside 1..${count}`;
  return readFields(b, at + 2, end, count, true, false);
}

/** NetFlow v9: id, scope length and option length in bytes, then scope fields with their own numbering. */
function readV9OptionsFields(b: Uint8Array, at: number, end: number): FieldsRead | string {
  if (end - at < 4) return 'options template header runs past the set';
  const scopeLength = (b[at] << 8) | b[at + 1];
  const optionLength = (b[at + 2] << 8) | b[at + 3];
  if (scopeLength % 4 !== 0 || optionLength % 4 !== 0) return 'scope or option length is not a multiple of 4';
  const scope = readFields(b, at + 4, end, scopeLength / 4, false, true);
  if (typeof scope === 'string') return scope;
  return readFields(b, scope.next, end, optionLength / 4, false, false, scope.fields);
}
