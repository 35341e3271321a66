// Installs node_modules when missing or older than the lockfile, so a fresh clone needs no manual step.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
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

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Serialises builds of one work tree: two tsc runs writing dist/ at once could hand a test a half-written file. */
function withBuildLock(root, fn) {
  const lock = `${root}/.data/build.lock`;
  mkdirSync(`${root}/.data`, { recursive: true });
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 180000) rmSync(lock, { recursive: true, force: true });
      else sleep(250);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Compiles everything to dist/. Returns false on type errors: tsc still emits, so the tests run and the
 * caller reports the type errors as a failure of their own instead of hiding every test behind them.
 */
export function build(root) {
  say('building (tsc)…');
  const r = withBuildLock(root, () =>
    spawnSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, '-p', `${root}/tsconfig.build.json`], {
      cwd: root,
      stdio: 'inherit',
    }),
  );
  if (r.status !== 0) say('the TypeScript build reported errors (above)');
  return r.status === 0;
}
