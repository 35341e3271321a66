import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '#vorch/testing';

/** Starts the built app as a process and resolves with the URL it logs once ready. */
function startApp(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./main.js', import.meta.url)), '--port', '0', ...args], {
    cwd: repoRoot(),
    env: { ...process.env, VORCH_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      for (const line of buffer.split('\n')) {
        if (!line.includes('infra-sim ready')) continue;
        resolve({ child, url: JSON.parse(line).url });
      }
    });
    child.once('exit', (code) => reject(new Error(`infra-sim exited with ${code}`)));
  });
}

describe('infra-sim app', () => {
  const children: ChildProcess[] = [];
  after(() => children.forEach((c) => c.kill('SIGTERM')));

  describe('with the demo estate', () => {
    let url: string;
    before(async () => {
      const app = await startApp([]);
      children.push(app.child);
      url = app.url;
    });

    it('serves the three demo sites, one per dialect', async () => {
      const sites = (await (await fetch(`${url}/admin/sites`)).json()) as { name: string; dialect: string }[];
      assert.deepEqual(sites.map((s) => s.dialect).sort(), ['kubevirt', 'openstack', 'vsphere']);
      const kv = sites.find((s) => s.dialect === 'kubevirt');
      const nodes = await fetch(`${url}/sites/${kv?.name}/api/v1/nodes?limit=1`, { headers: { authorization: 'Bearer oslo-token' } });
      assert.equal(nodes.status, 200);
    });
  });

  it('generates an estate from --sites and --hosts-per-site', async () => {
    const app = await startApp(['--sites', '2', '--hosts-per-site', '250']);
    children.push(app.child);
    const sites = (await (await fetch(`${app.url}/admin/sites`)).json()) as { hosts: number }[];
    assert.deepEqual(sites.map((s) => s.hosts), [250, 250]);
  });

  it('runs VMs on every generated host with --vms-per-host', async () => {
    const app = await startApp(['--sites', '2', '--hosts-per-site', '5', '--vms-per-host', '3']);
    children.push(app.child);
    const sites = (await (await fetch(`${app.url}/admin/sites`)).json()) as { vms: number; ports: number }[];
    assert.deepEqual(sites.map((s) => [s.vms, s.ports]), [[15, 15], [15, 15]]);
  });
});
