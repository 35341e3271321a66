// The view interfaces of libs/contracts as JSON Schema for docs/asyncapi.yaml: they are types only (gone at run time),
// so their fields are read from the TypeScript source; simple types become JSON Schema, the rest keep their TypeScript.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

function tsFiles(dir, acc = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) tsFiles(p, acc);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) acc.push(p);
  }
  return acc;
}

const simple = { string: { type: 'string' }, number: { type: 'number' }, boolean: { type: 'boolean' }, 'string[]': { type: 'array', items: { type: 'string' } } };

/** Every exported interface named *View, *Result or *Totals under `dir`, by name. */
export function viewSchemas(dir) {
  const views = {};
  for (const file of tsFiles(dir)) {
    const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    src.forEachChild((node) => {
      if (!ts.isInterfaceDeclaration(node) || !/(View|Result|Totals)$/.test(node.name.text)) return;
      const properties = {};
      const required = [];
      for (const m of node.members) {
        if (!ts.isPropertySignature(m) || !m.type) continue;
        const name = m.name.getText(src);
        const typeText = m.type.getText(src).replace(/\s+/g, ' ');
        const doc = ts.getJSDocCommentsAndTags(m).map((d) => (typeof d.comment === 'string' ? d.comment : '')).join(' ').trim();
        properties[name] = { ...(simple[typeText] ?? { 'x-typescript': typeText }), ...(doc ? { description: doc } : {}) };
        if (!m.questionToken) required.push(name);
      }
      views[node.name.text] = { type: 'object', 'x-typescript-interface': node.name.text, required, properties };
    });
  }
  return views;
}
