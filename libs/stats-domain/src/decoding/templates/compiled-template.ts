import { Slot, slotFor } from './field-slot.js';

/** RFC 7011 §7: this field length means "length is carried in the record". */
export const VARIABLE_LENGTH = 65535;

/** A template field as the exporter described it. */
export interface TemplateField {
  readonly enterprise: number;
  readonly element: number;
  readonly length: number;
  /** NetFlow v9 scope fields use their own numbering (1 = system, 2 = interface…), not field types. */
  readonly scopeOnly?: boolean;
}

/**
 * A template turned into flat arrays once, when it arrives, so that every data record it describes is
 * decoded by one pass over `slots`/`lengths` with no per-field objects.
 */
export interface CompiledTemplate {
  readonly id: number;
  /** Options templates describe metadata records (sampling, system init time), not flows. */
  readonly isOptions: boolean;
  readonly slots: Uint8Array;
  readonly lengths: Uint16Array;
  /** Smallest number of bytes a record can take: fixed lengths plus one length byte per variable field. */
  readonly minRecordLength: number;
  readonly fields: readonly TemplateField[];
}

export function compileTemplate(id: number, fields: readonly TemplateField[], isOptions: boolean): CompiledTemplate {
  const slots = new Uint8Array(fields.length);
  const lengths = new Uint16Array(fields.length);
  let minRecordLength = 0;
  fields.forEach((f, i) => {
    lengths[i] = f.length;
    minRecordLength += f.length === VARIABLE_LENGTH ? 1 : f.length;
    slots[i] = f.scopeOnly ? Slot.Skip : fitsSlot(slotFor(f.enterprise, f.element), f.length);
  });
  return { id, isOptions, slots, lengths, minRecordLength, fields };
}

/** A field whose length cannot hold the value its slot expects is skipped rather than misread. */
function fitsSlot(slot: Slot, length: number): Slot {
  switch (slot) {
    case Slot.SrcIpv4:
    case Slot.DstIpv4:
    case Slot.NextHopIpv4:
    case Slot.BgpNextHopIpv4:
      return length === 4 ? slot : Slot.Skip;
    case Slot.SrcIpv6:
    case Slot.DstIpv6:
    case Slot.NextHopIpv6:
    case Slot.BgpNextHopIpv6:
      return length === 16 ? slot : Slot.Skip;
    case Slot.SrcMac:
    case Slot.DstMac:
    case Slot.PostSrcMac:
    case Slot.PostDstMac:
      return length === 6 ? slot : Slot.Skip;
    case Slot.MplsLabel:
      return length === 3 || length === 4 ? slot : Slot.Skip;
    case Slot.VrfName:
    case Slot.DataLinkFrame:
      return slot;
    default:
      // Integers: RFC 7011 reduced-size encoding allows 1..8 bytes.
      return length >= 1 && length <= 8 ? slot : Slot.Skip;
  }
}
