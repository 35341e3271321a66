import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The gateway's project folder (holding `proto/` and `console/`), found by walking up from this module, which
 * runs from `apps/gateway/src` in the editor and from `dist/apps/gateway/src` once built.
 */
export function gatewayDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'apps', 'gateway');
    if (existsSync(join(candidate, 'proto'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find apps/gateway/proto above the gateway code');
    dir = up;
  }
}
