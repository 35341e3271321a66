// Registers the demo estate's sites (deploy/local/sites.yaml, served by infra-sim) through the gateway, so a
// newcomer sees a populated estate. A site that is already registered is left as it is.
import { readFileSync } from 'node:fs';
import { say } from './log.mjs';

export async function registerDemoSites(root, { gateway, apiKey, infraSimPort }) {
  const { parse } = await import('yaml');
  const { sites } = parse(readFileSync(`${root}/deploy/local/sites.yaml`, 'utf8'));
  for (const site of sites) {
    const res = await fetch(`${gateway}/v1/sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': `demo-site-${site.name}` },
      body: JSON.stringify({
        name: site.name,
        dialect: site.dialect,
        endpoint: `http://127.0.0.1:${infraSimPort}/sites/${site.name}`,
        credentials: site.credentials,
        domain: site.name,
      }),
    });
    if (res.status === 201) say(`registered demo site ${site.name} (${site.dialect}); discovery runs in the background`);
    else if (res.status === 409) say(`demo site ${site.name} is already registered`);
    else say(`could not register demo site ${site.name}: ${res.status} ${await res.text()}`);
  }
}
