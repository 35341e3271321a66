import { readFile } from 'node:fs/promises';

/**
 * Datagrams the kernel dropped for our UDP socket (receive buffer full) — the one loss Node cannot see. Linux
 * keeps a per-socket `drops` column in /proc/net/udp{,6}; elsewhere this reports 0.
 */
export async function kernelSocketDrops(port: number): Promise<number> {
  const portHex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let drops = 0;
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 12 && cols[1]?.endsWith(portHex)) drops += Number(cols.at(-1)) || 0;
    }
  }
  return drops;
}
