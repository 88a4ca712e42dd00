// Open the graph exports with graphology's GEXF and GraphML parsers (the ones Gephi Lite
// and sigma.js use) and check them.
//
//   cd scripts/crosscheck && npm ci && node graphology_check.mjs OUT/exports
//
// Checks network.gexf, network.graphml and two_mode.gexf: the parsers accept them
// (strict: undeclared attributes and edges to unknown nodes are errors), node and edge
// counts agree with each other and with vosviewer.json (read with JSON.parse), labels are
// the same text everywhere, every declared integer/double attribute is a JS number
// (integers whole), booleans are booleans, text is text, viz position/size/colour are
// there, weights positive numbers, and the two-mode file has a kind on every node.
// Prints each failure and a last line 'N passed, M failed'; exit 1 on any failure.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Graph from 'graphology';
import gexf from 'graphology-gexf';
import graphml from 'graphology-graphml';
import xmldom from '@xmldom/xmldom';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node graphology_check.mjs EXPORTS_DIR');
  process.exit(2);
}
const read = (name) => readFileSync(join(dir, name), 'utf8');

// Types of the contract's org_centrality and org_structure columns.
const CONTRACT = {
  org_id: 'string', name: 'string', type: 'string', province: 'string', city: 'string',
  collaborations: 'integer', degree: 'integer', weighted_degree: 'integer',
  betweenness: 'double', closeness: 'double', harmonic: 'double', eigenvector: 'double',
  pagerank: 'double', community: 'integer', constraint: 'double', effective_size: 'double',
  broker_coordinator: 'integer', broker_itinerant: 'integer',
  broker_gatekeeper_representative: 'integer', broker_liaison: 'integer',
  broker_total: 'integer', articulation: 'boolean',
};
const GRAPHML_TYPE = { int: 'integer', long: 'integer', double: 'double', float: 'double', boolean: 'boolean', string: 'string' };

let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    fn();
    passed += 1;
    console.log(`ok    ${name}`);
  } catch (e) {
    failed += 1;
    console.log(`FAIL  ${name}: ${e && e.message ? e.message : e}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg || 'assertion failed');
}

// Declared node attribute types, read from the XML itself (the parsers do not expose them).
function declared(xml, tag, idAttr, typeAttr, forNode) {
  const doc = new xmldom.DOMParser().parseFromString(xml, 'application/xml');
  const out = {};
  const els = doc.getElementsByTagName(tag);
  for (let i = 0; i < els.length; i++) {
    const el = els[i];
    if (!forNode(el)) continue;
    out[el.getAttribute(idAttr)] = el.getAttribute(typeAttr);
  }
  return out;
}
function gexfTypes(xml) {
  const t = declared(xml, 'attribute', 'title', 'type', (el) => el.parentNode.getAttribute('class') === 'node');
  // long (declared when a value needs 64 bits) is an integer too
  for (const k of Object.keys(t)) if (t[k] === 'long') t[k] = 'integer';
  return t;
}

function checkTyped(g, types, what) {
  g.forEachNode((n, a) => {
    for (const [k, t] of Object.entries(types)) {
      if (!(k in a)) continue;
      const v = a[k];
      if (t === 'integer') assert(typeof v === 'number' && Number.isInteger(v), `${what} ${n}.${k} = ${v} is not an integer number`);
      else if (t === 'double') assert(typeof v === 'number' && Number.isFinite(v), `${what} ${n}.${k} = ${v} is not a number`);
      else if (t === 'boolean') assert(typeof v === 'boolean', `${what} ${n}.${k} = ${v} is not a boolean`);
      else assert(typeof v === 'string', `${what} ${n}.${k} = ${v} is not a string`);
    }
  });
}

const ctx = {};

check('network.gexf: graphology-gexf parses an undirected simple graph', () => {
  const g = gexf.parse(Graph, read('network.gexf'));
  assert(g.type === 'undirected' && !g.multi, `type ${g.type}, multi ${g.multi}`);
  assert(g.order > 0 && g.size > 0, `order ${g.order}, size ${g.size}`);
  ctx.g = g;
  ctx.types = gexfTypes(read('network.gexf'));
});

if (ctx.g) {
  const g = ctx.g;
  const types = ctx.types;

  check('network.gexf: counts and labels agree with vosviewer.json', () => {
    const js = JSON.parse(read('vosviewer.json')).network;
    assert(js.items.length === g.order, `${js.items.length} items, ${g.order} nodes`);
    assert(js.links.length === g.size, `${js.links.length} links, ${g.size} edges`);
    const labels = g.mapNodes((n, a) => a.label);
    js.items.forEach((it, i) => assert(it.label === labels[i], `node ${i + 1}: ${JSON.stringify(labels[i])} vs ${JSON.stringify(it.label)}`));
  });

  check('network.gexf: declared types match the contract; numbers are numbers, booleans booleans', () => {
    assert(Object.keys(types).length > 0, 'no node attributes declared');
    for (const [k, t] of Object.entries(types)) {
      if (k in CONTRACT) assert(CONTRACT[k] === t, `${k} declared ${t}, contract ${CONTRACT[k]}`);
    }
    checkTyped(g, types, 'gexf');
  });

  check('network.gexf: viz position, size and colour on every node; positive weights', () => {
    g.forEachNode((n, a) => {
      assert(typeof a.x === 'number' && typeof a.y === 'number', `${n}: position ${a.x},${a.y}`);
      assert(typeof a.size === 'number' && a.size > 0, `${n}: size ${a.size}`);
      assert(/^rgb\(\d+,\d+,\d+\)$/.test(a.color), `${n}: color ${a.color}`);
    });
    g.forEachEdge((e, a) => assert(typeof a.weight === 'number' && a.weight > 0, `edge ${e}: weight ${a.weight}`));
  });

  check('network.graphml: graphology-graphml gets the same nodes, labels, typed values, colours and weights', () => {
    const xml = read('network.graphml');
    const h = graphml.parse(Graph, xml);
    assert(h.type === 'undirected' && !h.multi, `type ${h.type}`);
    assert(h.order === g.order && h.size === g.size, `order ${h.order}/${g.order}, size ${h.size}/${g.size}`);
    const keyTypes = {};
    for (const [k, t] of Object.entries(declared(xml, 'key', 'attr.name', 'attr.type', (el) => el.getAttribute('for') === 'node'))) {
      keyTypes[k] = GRAPHML_TYPE[t];
    }
    for (const [k, t] of Object.entries(types)) assert(keyTypes[k] === t, `${k}: graphml ${keyTypes[k]}, gexf ${t}`);
    checkTyped(h, keyTypes, 'graphml');
    assert(JSON.stringify(h.nodes()) === JSON.stringify(g.nodes()), 'node ids or order differ');
    g.forEachNode((n, a) => {
      const b = h.getNodeAttributes(n);
      const m = /^rgb\((\d+),(\d+),(\d+)\)$/.exec(a.color);
      const hex = '#' + m.slice(1).map((x) => (+x).toString(16).padStart(2, '0')).join('');
      assert(b.color === hex, `${n}: colour ${b.color} vs ${a.color}`);
      // z: the GEXF writes z="0" (Gephi does too); GraphML has no z key
      assert(a.z === 0 || a.z === undefined, `${n}: z ${a.z}`);
      for (const k of Object.keys(a)) {
        if (k === 'color' || k === 'z') continue;
        assert(Object.is(a[k], b[k]), `${n}.${k}: gexf ${JSON.stringify(a[k])}, graphml ${JSON.stringify(b[k])}`);
      }
      for (const k of Object.keys(b)) assert(k === 'color' || k in a, `${n}.${k} only in graphml`);
    });
    const ends = (x) => x.mapEdges((e, a, s, t) => [s, t].sort().join('\u0000') + '\u0000' + a.weight).sort();
    assert(JSON.stringify(ends(h)) === JSON.stringify(ends(g)), 'edges or weights differ');
  });

  check('two_mode.gexf: kinds, bipartite unit ties, organisations and labels as in network.gexf', () => {
    const xml = read('two_mode.gexf');
    const t = gexf.parse(Graph, xml);
    assert(t.type === 'undirected' && !t.multi, `type ${t.type}`);
    checkTyped(t, gexfTypes(xml), 'two-mode');
    const kinds = new Set(t.mapNodes((n, a) => a.kind));
    assert([...kinds].every((k) => ['organization', 'consortium', 'project'].includes(k)), [...kinds].join());
    const orgs = t.filterNodes((n, a) => a.kind === 'organization');
    assert(JSON.stringify(orgs) === JSON.stringify(g.mapNodes((n) => `organization:${n}`)), 'organisations differ from network.gexf');
    g.forEachNode((n, a) => assert(t.getNodeAttribute(`organization:${n}`, 'label') === a.label, `${n}: label`));
    t.forEachNode((n, a) => assert(n === `${a.kind}:${a.node_id}`, `${n}: kind/node_id`));
    assert(t.size > 0, 'no ties');
    t.forEachEdge((e, a, s, u) => {
      assert((t.getNodeAttribute(s, 'kind') === 'organization') !== (t.getNodeAttribute(u, 'kind') === 'organization'), `${s}-${u}`);
      assert(a.weight === 1, `${s}-${u}: weight ${a.weight}`);
    });
  });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
