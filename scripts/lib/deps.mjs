// Installs node_modules when missing or older than the lockfile, so a fresh clone needs no manual step.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { say, StackError } from './log.mjs';

export function ensureDependencies(root) {
  const marker = `${root}/node_modules/.package-lock.json`;
  const lock = `${root}/package-lock.json`;
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  say('installing dependencies (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new StackError('npm ci failed; see the output above');
}

export function build(root) {
  say('building (tsc)…');
  const r = spawnSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, '-p', `${root}/tsconfig.build.json`], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new StackError('the TypeScript build failed; see the errors above');
}
