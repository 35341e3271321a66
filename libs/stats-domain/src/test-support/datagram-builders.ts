/** Small builders for hand-made export datagrams in unit tests, big-endian like the wire. */

export function u16(v: number): number[] {
  return [(v >> 8) & 255, v & 255];
}

export function u32(v: number): number[] {
  return [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
}

export function ipv4(text: string): number[] {
  return text.split('.').map(Number);
}

export function concat(...parts: (number[] | Uint8Array)[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** [element, length] or [element, length, enterprise]. */
export type FieldSpec = [number, number] | [number, number, number];

export function templateSet(setId: number, templateId: number, fields: FieldSpec[]): Uint8Array {
  const body = fields.flatMap(([element, length, pen]) => (pen ? [...u16(element | 0x8000), ...u16(length), ...u32(pen)] : [...u16(element), ...u16(length)]));
  return concat(u16(setId), u16(8 + body.length), u16(templateId), u16(fields.length), body);
}

export function dataSet(templateId: number, ...records: (number[] | Uint8Array)[]): Uint8Array {
  const body = concat(...records);
  return concat(u16(templateId), u16(4 + body.length), body);
}

export function ipfixMessage(domain: number, ...sets: Uint8Array[]): Uint8Array {
  const body = concat(...sets);
  return concat(u16(10), u16(16 + body.length), u32(1_700_000_000), u32(1), u32(domain), body);
}

export function netflowV9Packet(sourceId: number, ...sets: Uint8Array[]): Uint8Array {
  return concat(u16(9), u16(sets.length), u32(60_000), u32(1_700_000_000), u32(1), u32(sourceId), ...sets);
}

/** The template most unit tests use: src/dst IPv4, ports, protocol, bytes, packets (4+4+2+2+1+4+4 = 21 bytes). */
export const BASIC_FIELDS: FieldSpec[] = [[8, 4], [12, 4], [7, 2], [11, 2], [4, 1], [1, 4], [2, 4]];

export function basicRecord(src: string, dst: string, bytes: number, packets = 1): number[] {
  return [...ipv4(src), ...ipv4(dst), ...u16(1234), ...u16(80), 6, ...u32(bytes), ...u32(packets)];
}
