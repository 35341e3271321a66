// npm run bench -- <name>: prepares the stack, builds, and runs test/bench/<name>.bench.ts, which prints JSON lines.
import { existsSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureStack } from './lib/stack.mjs';
import { build } from './lib/deps.mjs';
import { fail, say, StackError } from './lib/log.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  const names = process.argv.slice(2);
  const available = readdirSync(join(root, 'test/bench'))
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace('.bench.ts', ''));
  if (names.length === 0) throw new StackError(`name a benchmark: ${available.join(', ')}`);
  for (const n of names) if (!available.includes(n)) throw new StackError(`no benchmark "${n}"; known: ${available.join(', ')}`);
  const stack = await ensureStack(root, { dbName: 'vorch_bench' });
  if (!build(root)) throw new StackError('fix the type errors before benchmarking');
  for (const n of names) {
    const file = join(root, 'dist/test/bench', `${n}.bench.js`);
    if (!existsSync(file)) throw new StackError(`${file} was not built`);
    say(`bench ${n}`);
    const child = spawn(process.execPath, ['--enable-source-maps', file], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NATS_URL: stack.natsUrl, DATABASE_URL: stack.databaseUrl, VORCH_LOG_LEVEL: 'silent' },
    });
    const code = await new Promise((r) => child.on('exit', (c) => r(c ?? 1)));
    if (code !== 0) {
      await stack.stop();
      process.exit(code);
    }
  }
  await stack.stop();
}

main().catch(fail);
