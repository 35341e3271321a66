// Runs the apps as child processes, prefixes their output, restarts one that crashes (with backoff), stops all on demand.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { say } from './log.mjs';

export class Supervisor {
  #procs = new Map();
  #stopping = false;

  start(name, file, env) {
    const entry = { name, file, env, child: null, restarts: [] };
    this.#procs.set(name, entry);
    this.#spawn(entry);
  }

  #spawn(entry) {
    const child = spawn(process.execPath, ['--enable-source-maps', entry.file], {
      env: { ...process.env, ...entry.env, OTEL_SERVICE_NAME: entry.name },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    entry.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${entry.name.padEnd(24)} | ${line}\n`));
    }
    child.on('exit', (code, signal) => {
      if (this.#stopping) return;
      const now = Date.now();
      entry.restarts = entry.restarts.filter((t) => now - t < 60000);
      if (entry.restarts.length >= 5) {
        say(`${entry.name} exited (${signal ?? code}) 5 times within a minute; not restarting it`);
        return;
      }
      entry.restarts.push(now);
      const delay = 500 * 2 ** (entry.restarts.length - 1);
      say(`${entry.name} exited (${signal ?? code}); restarting in ${delay} ms`);
      setTimeout(() => this.#spawn(entry), delay);
    });
  }

  async stopAll() {
    this.#stopping = true;
    const exits = [];
    for (const { child } of this.#procs.values()) {
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      exits.push(new Promise((r) => child.once('exit', r)));
      child.kill('SIGTERM');
    }
    const timeout = new Promise((r) => setTimeout(r, 10000));
    await Promise.race([Promise.all(exits), timeout]);
    for (const { child } of this.#procs.values()) if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
