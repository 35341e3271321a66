// Imports the demo interoperability matrix (deploy/local/interop-matrix.csv) as global entries, once: the import id
// is fixed, so a second `npm start` confirms the same import instead of adding another.
import { readFileSync } from 'node:fs';
import { say } from './log.mjs';

export async function importDemoMatrix(root, { gateway, apiKey }) {
  const content = readFileSync(`${root}/deploy/local/interop-matrix.csv`, 'utf8');
  const res = await fetch(`${gateway}/v1/interop/matrix`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ importId: 'demo-matrix-v1', scope: 'global', format: 'csv', content }),
  });
  if (res.ok) say(`demo interoperability matrix imported (${(await res.json()).totalEntries} entries)`);
  else say(`could not import the demo matrix: ${res.status} ${await res.text()}`);
}
