/** Big-endian integer reads shared by every decoder. Callers check bounds first; these never do. */

export function u16(b: Uint8Array, at: number): number {
  return (b[at] << 8) | b[at + 1];
}

export function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** Unsigned big-endian integer of 1..8 bytes (above 2^53 it loses precision, which counters never reach). */
export function readUnsigned(b: Uint8Array, at: number, length: number): number {
  switch (length) {
    case 1:
      return b[at];
    case 2:
      return (b[at] << 8) | b[at + 1];
    case 4:
      return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
    case 8: // the usual width of IPFIX counters
      return (((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0) * 4294967296 +
        (((b[at + 4] << 24) | (b[at + 5] << 16) | (b[at + 6] << 8) | b[at + 7]) >>> 0);
    default: {
      let v = 0;
      for (let i = 0; i < length; i++) v = v * 256 + b[at + i];
      return v;
    }
  }
}

/** NTP-format timestamp (seconds since 1900 + 2^-32 fractions) to Unix milliseconds. */
export function ntpMillis(b: Uint8Array, at: number): number {
  const secs = readUnsigned(b, at, 4) - 2208988800;
  return secs * 1000 + Math.floor((readUnsigned(b, at + 4, 4) / 2 ** 32) * 1000);
}
