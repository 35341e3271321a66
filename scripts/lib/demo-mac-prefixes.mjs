// Registers the MAC prefix of each demo site (deploy/local/sites.yaml `macPrefix`, the prefix infra-sim's VIM hands
// out MACs from) with the address manager, so a MAC a VIM hands out outside its prefix is refused. Runs after the
// sites are registered; a prefix already registered for the site is left as it is.
import { readFileSync } from 'node:fs';
import { say } from './log.mjs';

export async function registerDemoMacPrefixes(root, { gateway, apiKey }) {
  const { parse } = await import('yaml');
  const { sites } = parse(readFileSync(`${root}/deploy/local/sites.yaml`, 'utf8'));
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  // The site list is a read model: a site registered a moment ago may take a moment to be listed.
  let idOf = new Map();
  for (let attempt = 0; attempt < 50 && !sites.every((s) => idOf.has(s.name)); attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 200));
    const listed = await fetch(`${gateway}/v1/sites?limit=100`, { headers });
    if (listed.ok) idOf = new Map((await listed.json()).items.map((s) => [s.name, s.id]));
  }
  for (const site of sites) {
    const id = idOf.get(site.name);
    if (!id || !site.macPrefix) continue;
    // "fa:16:3e:10" is a /32 and "02:30:00" a /24: the prefix is as many bits as the octets written.
    const res = await fetch(`${gateway}/v1/sites/${id}/mac-prefix`, { method: 'PUT', headers, body: JSON.stringify({ prefix: site.macPrefix }) });
    if (res.ok) say(`MAC prefix of ${site.name}: ${(await res.json()).prefix}`);
    else say(`could not register the MAC prefix of ${site.name}: ${res.status} ${await res.text()}`);
  }
}
