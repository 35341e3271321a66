import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as contracts from './index.js';

/**
 * docs/asyncapi.yaml is generated (npm run asyncapi) from a hand-kept channel table; these tests keep it true to the
 * subject constants of the contracts, so a subject added here and forgotten there fails the build.
 */

type Doc = { channels: Record<string, unknown>; components?: { schemas?: Record<string, unknown> } };

// 1. every string a subject constant holds; subject functions are called with `{param}` (AsyncAPI's channel syntax)
function constantStrings(exports: Record<string, unknown>): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (v: unknown, where: string): void => {
    if (typeof v === 'string') found.set(v, where);
    else if (typeof v === 'function') {
      const param = /^\(?\s*(\w+)/.exec(v.toString())?.[1] ?? 'id';
      walk((v as (p: string) => unknown)(`{${param}}`), where);
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
  };
  for (const [name, value] of Object.entries(exports)) {
    if (/_(SUBJECTS|EVENTS)$/.test(name)) walk(value, name);
    // subject factories take an optional test prefix; production calls them without one
    else if (typeof value === 'function' && /(Subjects|Streams)$/.test(name)) walk((value as () => unknown)(), `${name}()`);
  }
  return found;
}

// 2. a concrete request or input subject must be a channel; stream names, prefixes and filters must appear somewhere
function missingFromDocument(constants: Map<string, string>, doc: Doc): string[] {
  const channels = Object.keys(doc.channels ?? {});
  const mentioned = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') mentioned.add(v);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        mentioned.add(k);
        collect(x);
      }
  };
  collect(doc);
  const missing: string[] = [];
  for (const [value, where] of constants) {
    const concrete = /^(cmd|qry|in)\./.test(value) && !/[*>]/.test(value);
    const ok = concrete
      ? channels.includes(value)
      : channels.includes(value) || channels.some((ch) => ch.startsWith(`${value}.`)) || mentioned.has(value);
    if (!ok) missing.push(`${where} = ${value}`);
  }
  return missing;
}

function refs(v: unknown, acc: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => refs(x, acc));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') acc.push(x);
      else refs(x, acc);
    }
  return acc;
}

function repositoryRoot(): string {
  // the spec runs from dist/, the document sits in the repository's docs/: walk up to the root (it has tsconfig.base.json)
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'tsconfig.base.json'))) {
    const up = dirname(dir);
    assert.notEqual(up, dir, 'repository root not found above the spec');
    dir = up;
  }
  return dir;
}

function loadDocument(): Doc {
  return parse(readFileSync(join(repositoryRoot(), 'docs', 'asyncapi.yaml'), 'utf8')) as Doc;
}

describe('docs/asyncapi.yaml', () => {
  const doc = loadDocument();
  const constants = constantStrings(contracts as Record<string, unknown>);

  it('finds the subject constants of every service (the walk itself works)', () => {
    for (const s of ['cmd.inventory.register-site', 'cmd.networks.create', 'cmd.ipam.allocate', 'qry.interop.check', 'qry.stats.top-talkers']) {
      assert.ok(constants.has(s), s);
    }
    assert.ok(constants.has('in.vswitch.{switchId}.addresses'), 'subject functions are called with their parameter name');
    assert.ok(constants.has('EVT_STITCHING'));
  });

  it('names every subject constant of the contracts', () => {
    assert.deepEqual(missingFromDocument(constants, doc), []);
  });

  it('reports a subject the document lacks', () => {
    const withNew = new Map(constants).set('cmd.networks.rename', 'NETWORK_SUBJECTS.rename').set('EVT_NEW', 'NEW_EVENTS.stream');
    assert.deepEqual(missingFromDocument(withNew, doc), ['NETWORK_SUBJECTS.rename = cmd.networks.rename', 'NEW_EVENTS.stream = EVT_NEW']);
    // a concrete subject merely mentioned in a description does not count: it must be a channel
    const mentionedOnly: Doc = { channels: { 'cmd.other': { description: 'cmd.networks.rename' } } };
    assert.deepEqual(missingFromDocument(new Map([['cmd.networks.rename', 'x']]), mentionedOnly), ['x = cmd.networks.rename']);
  });

  it('describes every request with its payload DTO and every reply with the typed error', () => {
    const schemas = doc.components?.schemas ?? {};
    for (const ref of refs(doc)) assert.ok(ref.replace('#/components/schemas/', '') in schemas, `dangling ${ref}`);
    for (const [name, channel] of Object.entries(doc.channels)) {
      if (!/^(cmd|qry)\./.test(name)) continue;
      const op = (channel as { publish?: { 'x-reply'?: unknown } }).publish;
      assert.ok(op, `${name} has a publish operation`);
      assert.ok(refs(op['x-reply']).includes('#/components/schemas/ErrorReply'), `${name} replies with ErrorReply`);
    }
    const register = schemas.RegisterSiteInput as { required: string[]; properties: Record<string, { type?: string }> };
    assert.ok(register.required.includes('endpoint'));
    assert.equal(register.properties.name?.type, 'string');
  });

  it('is what the generator makes of the contracts now (an input class changed without `npm run asyncapi` fails here)', () => {
    const check = spawnSync(process.execPath, [join(repositoryRoot(), 'scripts', 'asyncapi.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
  });
});
