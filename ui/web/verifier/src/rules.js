// The display rules of "what is shown is what was signed" (mirrors wallet/verify/jsonld.py check_document
// and rdf_dataset, and wallet/verify/signed_view.py): a compacted JSON-LD document must meet them before
// it is expanded, and what the page shows is rebuilt from the RDF statements the proof covers.
import jsonld from 'jsonld';
import contextApi from 'jsonld/lib/context.js';
import ContextResolver from 'jsonld/lib/ContextResolver.js';
import { CONTEXTS } from './generated/contexts.js';

export class JsonLdProblem extends Error {}
export class UnknownContext extends JsonLdProblem {}
export class UncoveredValue extends JsonLdProblem {}
export class TooComplex extends JsonLdProblem {}

export const VC_BASE_CONTEXTS = ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/ns/credentials/v2',
  'https://w3id.org/openbadges/v2', 'https://openbadgespec.org/v2/context.json'];
const ALLOWED_KEYWORDS = new Set(['@context', '@id', '@type', '@value', '@language', '@direction']);
const VALUE_KEYS = new Set(['@value', '@language', '@direction']);
const LANG_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;
export const MAX_VALUES = 50000, MAX_ARRAY = 2000, MAX_DEPTH = 48, MAX_STATEMENTS = 50000;
export const SENTINEL_BASE = 'https://relative.invalid/';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDF_TYPE = RDF + 'type';

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
export const normalizeContextUrl = (u) => (u.endsWith('#') ? u.replace(/#+$/, '') : u);
export const knownContext = (u) => Object.prototype.hasOwnProperty.call(CONTEXTS, normalizeContextUrl(u));
const pyRepr = (s) => (s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);

/** Bundled contexts only: never the network, for any URL (a fetched context could rename any field). */
export function contextLoader(url) {
  const key = normalizeContextUrl(url);
  if (Object.prototype.hasOwnProperty.call(CONTEXTS, key)) {
    return { contextUrl: null, documentUrl: url, document: structuredClone(CONTEXTS[key]), tag: 'static' };
  }
  throw new UnknownContext(`uses a context credwallet does not recognise (${url.slice(0, 100)})`);
}

function where(node) {
  const keys = Object.keys(node).filter((k) => !k.startsWith('@')).slice(0, 3);
  return keys.length ? 'an object with ' + keys.map(pyRepr).join(', ') : 'an object';
}

function checkValueObject(node) {
  const extra = Object.keys(node).filter((k) => !VALUE_KEYS.has(k));
  const v = node['@value'];
  if (extra.length || !['string', 'number'].includes(typeof v)) {
    const what = extra.length ? extra.sort().join(', ') : `@value ${JSON.stringify(v).slice(0, 30)}`;
    throw new UncoveredValue(`contains a value its signature does not cover (${what})`);
  }
  const lang = node['@language'];
  if (lang !== undefined && lang !== null && (typeof lang !== 'string' || !LANG_TAG.test(lang))) {
    throw new UncoveredValue(`contains a value its signature does not cover (@language ${pyRepr(String(lang).slice(0, 20))})`);
  }
  if ('@direction' in node && !['ltr', 'rtl'].includes(node['@direction'])) {
    throw new UncoveredValue('contains a value its signature does not cover (@direction)');
  }
}

export function checkDocument(doc) {
  if (!isObj(doc) || !('@context' in doc)) return;
  const top = doc['@context'];
  const urls = Array.isArray(top) ? top : [top];
  if (!urls.length || !urls.every((u) => typeof u === 'string') || !VC_BASE_CONTEXTS.includes(normalizeContextUrl(urls[0]))) {
    if (urls.some((u) => typeof u !== 'string')) {
      throw new UnknownContext('uses a context credwallet does not recognise (an inline context definition)');
    }
    throw new UnknownContext('uses a context credwallet does not recognise (the W3C credentials context must come first)');
  }
  for (const u of urls) if (!knownContext(u)) throw new UnknownContext(`uses a context credwallet does not recognise (${u.slice(0, 100)})`);
  let count = 0;
  const stack = [[doc, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop();
    if (++count > MAX_VALUES) throw new TooComplex(`too large to check (more than ${MAX_VALUES.toLocaleString('en')} values)`);
    if (depth > MAX_DEPTH) throw new TooComplex(`nested more than ${MAX_DEPTH} levels deep`);
    if (Array.isArray(node)) {
      if (node.length > MAX_ARRAY) throw new TooComplex(`a list of ${node.length.toLocaleString('en')} items (at most ${MAX_ARRAY.toLocaleString('en')} are checked)`);
      for (const v of node) stack.push([v, depth + 1]);
      continue;
    }
    if (!isObj(node)) continue;
    if ('@context' in node) {
      const c = node['@context'];
      for (const u of Array.isArray(c) ? c : [c]) {
        if (typeof u !== 'string') throw new UnknownContext('uses a context credwallet does not recognise (an inline context definition)');
        if (!knownContext(u)) throw new UnknownContext(`uses a context credwallet does not recognise (${u.slice(0, 100)})`);
      }
    }
    if ('@value' in node) { checkValueObject(node); continue; }
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('@')) {
        if (!ALLOWED_KEYWORDS.has(key)) throw new UncoveredValue(`contains a value its signature does not cover (${key} in ${where(node)})`);
        if (key === '@language' || key === '@direction') throw new UncoveredValue(`contains a value its signature does not cover (${key} outside a value)`);
      } else if (key.startsWith('_:')) {
        throw new UncoveredValue(`contains a value its signature does not cover (property ${pyRepr(key.slice(0, 40))})`);
      }
      if (key !== '@context' && value !== null && typeof value === 'object') stack.push([value, depth + 1]);
      else if (value === null && key !== '@context') throw new UncoveredValue(`contains a value its signature does not cover (${pyRepr(key)} is null)`);
    }
  }
}

function unwrap(e) {
  while (e && e.details && e.details.cause) e = e.details.cause;
  return e;
}

/** The document as RDF quads (jsonld safe mode: a dropped term or a relative IRI is an error). */
export async function rdfDataset(doc) {
  checkDocument(doc);
  let quads;
  try {
    quads = await jsonld.toRDF(doc, { documentLoader: contextLoader, base: SENTINEL_BASE, safe: true });
  } catch (e) {
    const inner = unwrap(e);
    if (inner instanceof JsonLdProblem) throw inner;
    if (e instanceof JsonLdProblem) throw e;
    const ev = e && e.details && e.details.event;
    if (ev && ev.details && ev.details.property) throw new JsonLdProblem(`term ${pyRepr(String(ev.details.property))} is not defined by the document's @context`);
    throw new JsonLdProblem(`JSON-LD error: ${e.message}`);
  }
  if (quads.length > MAX_STATEMENTS) throw new TooComplex(`too large to check (more than ${MAX_STATEMENTS.toLocaleString('en')} statements)`);
  for (const q of quads) {
    if (q.predicate.value.startsWith(SENTINEL_BASE)) throw new JsonLdProblem(`relative property ${pyRepr(q.predicate.value.slice(SENTINEL_BASE.length))}`);
    if (q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode' && q.object.value.startsWith(SENTINEL_BASE)) {
      throw new JsonLdProblem(`relative @type reference ${pyRepr(q.object.value.slice(SENTINEL_BASE.length))} (a type the contexts do not define)`);
    }
  }
  return quads;
}

// --- the signed view -----------------------------------------------------------------------------

const termsCache = new Map();

async function termsFor(contexts) {
  const key = JSON.stringify(contexts);
  if (termsCache.has(key)) return termsCache.get(key);
  const out = { term: new Map(), cls: new Map(), vocabIri: new Set(), vocabs: [] };
  const options = { documentLoader: contextLoader, base: SENTINEL_BASE, processingMode: 'json-ld-1.1' };
  const initial = await jsonld.processContext(null, null, options);
  const active = await jsonld.processContext(initial, contexts, options);
  const seen = new Set();
  const collect = async (act, depth) => {
    const vocab = act['@vocab'];
    if (typeof vocab === 'string' && !out.vocabs.includes(vocab)) out.vocabs.push(vocab);
    const scoped = [];
    for (const [term, d] of act.mappings) {
      if (!isObj(d)) continue;
      const iri = d['@id'];
      if (typeof iri === 'string' && !iri.startsWith('@') && !term.includes(':')) {
        const upper = term[0] >= 'A' && term[0] <= 'Z';
        if (upper && !out.cls.has(iri)) out.cls.set(iri, term);
        if (!upper || !out.term.has(iri)) {
          if (!out.term.has(iri) || /^[A-Z]/.test(out.term.get(iri))) out.term.set(iri, term);
        }
        if (d['@type'] === '@vocab') out.vocabIri.add(iri);
      }
      if ('@context' in d && depth < 6) {
        const k = JSON.stringify(d['@context']);
        if (!seen.has(k)) { seen.add(k); scoped.push(d['@context']); }
      }
    }
    for (const ctx of scoped) {
      let inner;
      try {
        inner = await contextApi.process({ activeCtx: act, localCtx: ctx, options: { ...options, contextResolver: new ContextResolver({ sharedCache: new Map() }) }, overrideProtected: true });
      } catch (e) { continue; } // a scoped context that does not apply here adds no terms
      await collect(inner, depth + 1);
    }
  };
  await collect(active, 0);
  const t = {
    name(iri) {
      if (out.term.has(iri)) return out.term.get(iri);
      for (const v of out.vocabs) if (iri.startsWith(v) && iri.length > v.length) return iri.slice(v.length);
      return iri;
    },
    typeName(iri) { return out.cls.get(iri) || t.name(iri); },
    vocabIri: out.vocabIri,
  };
  termsCache.set(key, t);
  return t;
}

const XSD_NS = ['http://www.w3.org/2001/XMLSchema#', 'https://www.w3.org/2001/XMLSchema#'];
const ofXsd = (names) => new Set(XSD_NS.flatMap((ns) => names.map((n) => ns + n)));
const INT_TYPES = ofXsd(['integer', 'int', 'long', 'short', 'nonNegativeInteger', 'positiveInteger', 'unsignedInt', 'unsignedLong']);
const FLOAT_TYPES = ofXsd(['double', 'float', 'decimal']);
const BOOL_TYPES = ofXsd(['boolean']);
const MAX_VIEW_NODES = 20000;

function literal(value, datatype, language) {
  if (language) return { '@value': value, '@language': language };
  if (INT_TYPES.has(datatype)) { return /^[+-]?\d+$/.test(value.trim()) ? Number(value) : value; }
  if (FLOAT_TYPES.has(datatype)) {
    const f = Number(value);
    if (value.trim() === '' || Number.isNaN(f)) return value;
    return f;
  }
  if (BOOL_TYPES.has(datatype)) return value === 'true';
  if (datatype === RDF + 'JSON') { try { return JSON.parse(value); } catch (e) { return value; } }
  return value;
}

// Python's sort order for the values of one property (see signed_view._order): compares code points
const cmpStr = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
function orderKey(o) {
  if (o.type === 'blank node') {
    const digits = o.value.replace(/\D/g, '');
    return [0, digits ? Number(digits) : 0, o.value];
  }
  return [o.type === 'IRI' ? 1 : 2, 0, o.value + '\x00' + String(o.language || o.datatype || 'None')];
}
const cmpKey = (a, b) => (a[0] - b[0]) || (a[1] - b[1]) || cmpStr(a[2], b[2]);

function toTriples(quads) {
  const graphs = new Map();
  for (const q of quads) {
    const g = q.graph.termType === 'DefaultGraph' ? '@default' : q.graph.value;
    const obj = q.object.termType === 'Literal'
      ? { type: 'literal', value: q.object.value, datatype: q.object.datatype && q.object.datatype.value, language: q.object.language || undefined }
      : { type: q.object.termType === 'BlankNode' ? 'blank node' : 'IRI', value: q.object.termType === 'BlankNode' ? '_:' + q.object.value.replace(/^_:/, '') : q.object.value };
    const s = q.subject.termType === 'BlankNode' ? '_:' + q.subject.value.replace(/^_:/, '') : q.subject.value;
    if (!graphs.has(g)) graphs.set(g, new Map());
    const bySubject = graphs.get(g);
    if (!bySubject.has(s)) bySubject.set(s, []);
    bySubject.get(s).push([q.predicate.value, obj]);
  }
  return graphs;
}

class Builder {
  constructor(graphs, terms) { this.graphs = graphs; this.terms = terms; this.budget = MAX_VIEW_NODES; }

  referenced(subjects) {
    const r = new Set();
    for (const triples of subjects.values()) for (const [, o] of triples) if (o.type !== 'literal') r.add(o.value);
    return r;
  }

  root(graph, rootTypes) {
    const subjects = this.graphs.get(graph) || new Map();
    const referenced = this.referenced(subjects);
    const wanted = new Set(rootTypes);
    const typed = [...subjects.keys()].filter((s) => wanted.size && subjects.get(s).some(([p, o]) => p === RDF_TYPE && wanted.has(this.terms.typeName(o.value))));
    const unreferenced = [...subjects.keys()].filter((s) => !referenced.has(s));
    const candidates = typed.length ? typed.filter((s) => !referenced.has(s)) : unreferenced;
    if (candidates.length !== 1) throw new JsonLdProblem(`the signed statements describe ${candidates.length} ${rootTypes.join('/') || 'root'} objects, not one`);
    return candidates[0];
  }

  node(graph, subject, path) {
    if (--this.budget < 0) throw new JsonLdProblem('too many objects to show');
    const out = {};
    if (!subject.startsWith('_:')) out.id = subject;
    const values = new Map();
    const types = [];
    const inner = new Set(path); inner.add(subject);
    for (const [pred, obj] of this.graphs.get(graph).get(subject) || []) {
      if (pred === RDF_TYPE) { types.push(this.terms.typeName(obj.value)); continue; }
      if (!values.has(pred)) values.set(pred, []);
      values.get(pred).push([orderKey(obj), this.value(graph, pred, obj, inner)]);
    }
    if (types.length) { types.sort(cmpStr); out.type = types.length === 1 ? types[0] : types; }
    for (const pred of [...values.keys()].sort((a, b) => cmpStr(this.terms.name(a), this.terms.name(b)))) {
      const vals = values.get(pred).sort((a, b) => cmpKey(a[0], b[0])).map((kv) => kv[1]);
      out[this.terms.name(pred)] = vals.length === 1 ? vals[0] : vals;
    }
    return out;
  }

  value(graph, pred, obj, path) {
    if (obj.type === 'literal') return literal(obj.value, obj.datatype, obj.language);
    const val = obj.value;
    if (path.has(val)) return val.startsWith('_:') ? {} : { id: val };
    const lst = this.listItems(graph, val, path);
    if (lst !== null) return lst;
    if (this.graphs.has(val) && val !== graph) {
      const roots = this.graphRoots(val);
      const p2 = new Set(path); p2.add(val);
      const items = roots.map((r) => this.node(val, r, p2));
      return items.length === 1 ? items[0] : items;
    }
    if (this.graphs.get(graph).has(val)) return this.node(graph, val, path);
    if (obj.type === 'blank node') return {};
    return this.terms.vocabIri.has(pred) ? this.terms.name(val) : val;
  }

  graphRoots(graph) {
    const subjects = this.graphs.get(graph);
    const referenced = this.referenced(subjects);
    const roots = [...subjects.keys()].filter((s) => !referenced.has(s)).sort(cmpStr);
    return roots.length ? roots : [...subjects.keys()].sort(cmpStr).slice(0, 1);
  }

  listItems(graph, head, path) {
    if (head === RDF + 'nil') return [];
    const subjects = this.graphs.get(graph);
    const triples = subjects.get(head);
    if (!triples || !triples.some(([p]) => p === RDF + 'first')) return null;
    const items = [];
    let node = head;
    const seen = new Set();
    while (node !== RDF + 'nil') {
      if (seen.has(node) || !subjects.has(node)) throw new JsonLdProblem('a list in the signed statements is malformed');
      seen.add(node);
      const firsts = subjects.get(node).filter(([p]) => p === RDF + 'first').map(([, o]) => o);
      const rests = subjects.get(node).filter(([p]) => p === RDF + 'rest').map(([, o]) => o);
      if (firsts.length !== 1 || rests.length !== 1) throw new JsonLdProblem('a list in the signed statements is malformed');
      items.push(this.value(graph, RDF + 'first', firsts[0], path));
      node = rests[0].value;
    }
    return items;
  }
}

export const contextsOf = (doc) => {
  const c = doc['@context'];
  return (Array.isArray(c) ? c : [c]).filter((x) => typeof x === 'string');
};

/** The document as its RDF statements say it (wallet/verify/signed_view.py signed_view). */
export async function signedView(doc, rootTypes = []) {
  const quads = await rdfDataset(doc);
  const terms = await termsFor(contextsOf(doc));
  const builder = new Builder(toTriples(quads), terms);
  const root = builder.root('@default', rootTypes);
  const view = builder.node('@default', root, new Set());
  return doc['@context'] !== undefined ? { '@context': doc['@context'], ...view } : view;
}
