// npm test: prepares the stack (deps, NATS, PostgreSQL), builds, and runs every *.spec.ts (unit, int, e2e) with node:test.
// Usage: npm test [-- <path prefix>...] [--kind unit|int|e2e]
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureStack } from './lib/stack.mjs';
import { build } from './lib/deps.mjs';
import { fail, say } from './lib/log.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function specFiles(dir, acc = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) specFiles(p, acc);
    else if (name.endsWith('.spec.js')) acc.push(p);
  }
  return acc;
}

function parseArgs(argv) {
  const prefixes = [];
  let kind = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--kind') kind = argv[++i];
    // A source path (`foo.spec.ts`) names the same test as its compiled file (`foo.spec.js`).
    else prefixes.push(argv[i].replace(/\/$/, '').replace(/\.ts$/, '.js'));
  }
  return { prefixes, kind };
}

async function main() {
  const { prefixes, kind } = parseArgs(process.argv.slice(2));
  const stack = await ensureStack(root, { dbName: 'vorch_test' });
  process.on('SIGINT', () => stack.stop().then(() => process.exit(130)));
  const typesOk = build(root);
  const files = ['apps', 'libs', 'test']
    .flatMap((d) => {
      try {
        return specFiles(join(root, 'dist', d));
      } catch {
        return [];
      }
    })
    .filter((f) => {
      const src = relative(join(root, 'dist'), f);
      // dist/ can hold the output of a spec whose source was moved or deleted: run only specs that still exist.
      if (!existsSync(join(root, src.replace(/\.js$/, '.ts')))) return false;
      return prefixes.length === 0 || prefixes.some((p) => src.startsWith(p));
    })
    .filter((f) => !kind || f.endsWith(`.${kind}.spec.js`))
    .sort();
  say(`running ${files.length} test files`);
  if (files.length === 0) {
    // Given no files, node --test would discover every *.js under the working directory, benchmarks included.
    await stack.stop();
    console.error(`no test file matches ${prefixes.join(' ')}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const args = [
    '--enable-source-maps',
    '--test',
    '--test-concurrency=2',
    '--test-timeout=180000',
    `--test-reporter=${join(root, 'scripts/lib/summary-reporter.mjs')}`,
    '--test-reporter-destination=stdout',
    ...files,
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, VORCH_BUILD_FAILED: typesOk ? '' : '1', NATS_URL: stack.natsUrl, DATABASE_URL: stack.databaseUrl, VORCH_LOG_LEVEL: process.env.VORCH_LOG_LEVEL ?? 'silent' },
  });
  const code = await new Promise((r) => child.on('exit', (c) => r(c ?? 1)));
  await stack.stop();
  process.exit(typesOk ? code : 1);
}

main().catch(fail);
