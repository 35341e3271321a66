// npm start: prepares the stack, builds, starts every app, and prints the gateway's address and a development API key.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureStack } from './lib/stack.mjs';
import { build } from './lib/deps.mjs';
import { apiKeys, credentialsKey } from './lib/dev-secrets.mjs';
import { registerDemoSites } from './lib/demo-sites.mjs';
import { registerDemoMacPrefixes } from './lib/demo-mac-prefixes.mjs';
import { importDemoMatrix } from './lib/demo-matrix.mjs';
import { Supervisor } from './lib/supervisor.mjs';
import { waitFor } from './lib/ports.mjs';
import { fail, say, StackError } from './lib/log.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// infra-sim first (the drivers need it), the gateway last (it fronts the rest).
const order = (name) => (name === 'infra-sim' ? 0 : name === 'gateway' ? 2 : 1);

async function main() {
  const stack = await ensureStack(root, { dbName: 'vorch' });
  if (!build(root)) throw new StackError('the build has type errors; fix them first');
  const keys = apiKeys(root);
  const httpPort = process.env.VORCH_HTTP_PORT ?? '8080';
  const env = {
    NATS_URL: stack.natsUrl,
    DATABASE_URL: stack.databaseUrl,
    VORCH_API_KEYS: keys.env,
    VORCH_HTTP_PORT: httpPort,
    VORCH_INFRA_SIM_PORT: process.env.VORCH_INFRA_SIM_PORT ?? '8090',
    VORCH_CREDENTIALS_KEY: credentialsKey(root),
    // infra-sim's switches: one per site exports IPFIX to the stats-collector's flow port (collector mode), the rest count.
    VORCH_SIM_IPFIX_COLLECTOR: process.env.VORCH_SIM_IPFIX_COLLECTOR ?? `127.0.0.1:${process.env.VORCH_IPFIX_PORT ?? '4739'}`,
  };
  const apps = readdirSync(join(root, 'apps'))
    .filter((a) => existsSync(join(root, 'dist/apps', a, 'src/main.js')))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const supervisor = new Supervisor();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await supervisor.stopAll();
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const app of apps) supervisor.start(app, join(root, 'dist/apps', app, 'src/main.js'), env);
  const base = `http://127.0.0.1:${httpPort}`;
  await waitFor(async () => (await fetch(`${base}/readyz`).catch(() => null))?.ok === true, {
    what: 'the gateway',
    timeoutMs: 90000,
  });
  if (process.env.VORCH_DEMO !== 'false') {
    // The matrix first: hosts discovered afterwards get their interoperability records straight away.
    if (apps.includes('interoperability-matrix')) await importDemoMatrix(root, { gateway: base, apiKey: keys.devKey });
    if (apps.includes('infra-sim') && apps.includes('inventory')) {
      await registerDemoSites(root, { gateway: base, apiKey: keys.devKey, infraSimPort: env.VORCH_INFRA_SIM_PORT });
      if (apps.includes('network-stitching')) await registerDemoMacPrefixes(root, { gateway: base, apiKey: keys.devKey });
    }
  }
  say('');
  say(`Vorch is up: ${apps.join(', ')}`);
  say(`  gateway   ${base}`);
  say(`  console   ${base}/`);
  say(`  OpenAPI   ${base}/docs`);
  say(`  API key   ${keys.devKey}   (tenant default, role admin)`);
  say(`  try       curl -H 'Authorization: Bearer ${keys.devKey}' ${base}/v1/sites`);
  say(`            curl -H 'Authorization: Bearer ${keys.devKey}' '${base}/v1/interop/check?a=esxi@8.0.2&b=rhel@9.4'`);
  say('Ctrl-C stops everything this command started.');
}

main().catch(fail);
