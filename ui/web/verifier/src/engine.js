// The checks of `credwallet verify-presentation` (wallet/present/verifier.py and wallet/verify/engine.py),
// with the same check ids, statuses and messages, so window.credwalletResult equals its --json output.
import jsigs from 'jsonld-signatures';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createVerifyCryptosuite as eddsaJcs2022Verify } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { createVerifyCryptosuite as ecdsaJcs2019Verify } from '@digitalbazaar/ecdsa-jcs-2019-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { createVerifyCryptosuite as ecdsaSdVerify } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { createVerifyCryptosuite as bbsVerify } from '@digitalbazaar/bbs-2023-cryptosuite';
import { sha256 } from '@noble/hashes/sha2.js';
import { decodeSdJwt, getClaims } from '@sd-jwt/decode';
import * as rdfCanonize from 'rdf-canonize';
import { signedView, contextLoader, JsonLdProblem, contextsOf, rdfDataset } from './rules.js';
import { fromTexts, isQrText, BadInput, b64u } from './qr.js';
import { resolve, KeyUnresolved, parseCompact, verifyJws, toMultikey, didOf, fromJwk, b64uDecode, didWebUrl, findVm, fromVerificationMethod, listsKey } from './keys.js';
import { decode as cborDecode } from 'cborg';
import * as blockcerts from './blockcerts.js';
import { Gunzip, Unzlib } from 'fflate';

export const PASS = 'pass', FAIL = 'fail', SKIPPED = 'skipped';
export class FetchRefused extends Error {}
const FETCH_TIMEOUT_MS = 10000, MAX_FETCH_BYTES = 2 * 1024 * 1024, MAX_LIST_BYTES = 16 * 1024 * 1024;
const VC_V1 = 'https://www.w3.org/2018/credentials/v1', VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB2_CONTEXTS = ['https://w3id.org/openbadges/v2', 'https://openbadgespec.org/v2/context.json'];
const MAX_KB_AGE_MS = 31 * 86400e3;
const TECHNICAL_CLAIMS = new Set(['iss', 'iat', 'nbf', 'exp', 'cnf', 'vct', 'status', '_sd_alg', 'sub', 'jti', 'vct#integrity']);
const MAX_PROOFS = 8;

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const asList = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const ident = (v) => (typeof v === 'string' ? v : isObj(v) && typeof v.id === 'string' ? v.id : '');
const typesOf = (o) => new Set(asList(isObj(o) ? o.type : undefined).filter((t) => typeof t === 'string'));
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
export const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const day = (d) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
// Python's repr() of a string or value, for messages that quote one
export const pyRepr = (v) => {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return JSON.stringify(v).replace(/"/g, "'");
  return v.includes("'") && !v.includes('"') ? `"${v}"` : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
};
const text = (v) => {
  if (typeof v === 'string') return v.slice(0, 20000);
  if (isObj(v)) {
    if (typeof v['@value'] === 'string') return v['@value'];
    for (const l of ['en', 'en-US', 'en-GB']) if (typeof v[l] === 'string') return v[l];
    for (const x of Object.values(v)) if (typeof x === 'string') return x;
  }
  if (Array.isArray(v)) for (const x of v) { const t = text(x); if (t) return t; }
  return '';
};

const DATETIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
export function parseTime(s) {
  if (typeof s !== 'string') return null;
  s = s.trim();
  if (DATE_ONLY.test(s)) { const d = new Date(s + 'T00:00:00Z'); return Number.isNaN(+d) ? null : d; }
  if (!DATETIME.test(s)) return null;
  const d = new Date(/[Zz]|[+-]\d{2}:\d{2}$/.test(s) ? s : s + 'Z');
  return Number.isNaN(+d) ? null : d;
}

// wallet/verify/verdict.py: the signature check of a credential (or, in a presentation, of each one)
export const isSignature = (id) => id === 'signature' || id.endsWith('.signature');

/** verdict.rollup: invalid if an important check failed; unverified if a signature was not checked;
 * warning if something lesser is off; verified. */
export function rollup(checks, unverifiable = false) {
  if (checks.some((c) => c.status === FAIL && c.important)) return 'invalid';
  const sigs = checks.filter((c) => isSignature(c.id));
  if (unverifiable || !sigs.length || sigs.some((c) => c.status !== PASS)) return 'unverified';
  if (checks.some((c) => c.status === FAIL || (c.status === SKIPPED && c.important))) return 'warning';
  return 'verified';
}

// verdict.short_key
const shortKey = (ref, keep = 16) => (ref.length <= keep + 1 ? ref : ref.slice(0, keep) + '\u2026');

class Report {
  constructor(ctx) {
    this.ctx = ctx; this.at = iso(ctx.now()); this.checks = []; this.issuer = { confirmation: 'not_confirmed' };
    this.ofStatusList = false; // checking a fetched status list itself: its own status is not followed
  }
  add(id, status, message, important = true) { this.checks.push({ id, status, message, checked_at: this.at, important }); }
  status() { return rollup(this.checks); }
}

/** The employer's context: a clock, the trust list (the `issuers export` JSON), online checks off. */
export class VerifyContext {
  constructor({ trust = { issuers: [] }, now = () => new Date(), online = false } = {}) {
    this.now = now;
    this.online = online;
    this.entries = new Map();
    this.keyMap = new Map();
    this.holderDids = [];
    this.fetchLog = []; // every request "Check online" made: {url, at, outcome, bytes, ms}
    this.keyCache = new Map(); // did.KeyResolver's cache: a key resolved once is not fetched again
    const items = Array.isArray(trust) ? trust : isObj(trust) ? trust.issuers : null;
    if (!Array.isArray(items)) throw new BadInput('a trust list is a JSON list of issuers (or {"issuers": [...]})');
    items.forEach((item, i) => {
      if (!isObj(item) || typeof item.id !== 'string' || !item.id) throw new BadInput(`entry ${i} has no issuer id`);
      const e = { id: item.id, name: String(item.name || ''), jwk: item.jwk || null, did: item.did || null,
        x5cRoot: typeof item.x5c_root === 'string' ? item.x5c_root : null };
      if (e.jwk) { fromJwk(e.jwk); this.keyMap.set(e.id, e.jwk); if (e.did) this.keyMap.set(e.did, e.jwk); }
      this.entries.set(e.id, e);
    });
  }
  /** wallet/fetch.py for the page: https only, one deadline, a size cap; only after "Check online". */
  async fetchBytes(url, accept = 'application/json') {
    if (!this.online) throw new FetchRefused('online checks are off');
    if (typeof url !== 'string' || !/^https:\/\/[^/]/i.test(url)) throw new FetchRefused(`only https URLs are fetched, not ${pyRepr(String(url).slice(0, 200))}`);
    const entry = { url, at: iso(this.now()) };
    this.fetchLog.push(entry);
    const started = Date.now(), ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), FETCH_TIMEOUT_MS);
    try {
      const resp = await fetch(url, { signal: ctl.signal, credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', headers: { Accept: accept } });
      if (resp.status !== 200) throw new FetchRefused(`${url.slice(0, 200)} answered HTTP ${resp.status}`);
      const reader = resp.body.getReader(), chunks = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > MAX_FETCH_BYTES) { ctl.abort(); throw new FetchRefused(`${url.slice(0, 200)} is larger than ${MAX_FETCH_BYTES.toLocaleString('en')} bytes`); }
        chunks.push(value);
      }
      const out = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) { out.set(c, at); at += c.length; }
      entry.outcome = 'ok'; entry.bytes = size;
      return out;
    } catch (e) {
      const err = e instanceof FetchRefused ? e
        : new FetchRefused(e && e.name === 'AbortError' ? `${url.slice(0, 200)} took longer than ${FETCH_TIMEOUT_MS / 1000} s; not fetched` : `could not fetch ${url.slice(0, 200)}: ${e.message}`);
      entry.outcome = err.message;
      throw err;
    } finally {
      clearTimeout(timer);
      entry.ms = Date.now() - started;
    }
  }

  /** did.KeyResolver.resolve: the trust list's keys, did:key / did:jwk; after "Check online" also did:web
   * DID documents and https key documents (the same rules and messages as the CLI). */
  async resolveKey(vmId) {
    if (this.keyCache.has(vmId)) return this.keyCache.get(vmId);
    const did = typeof vmId === 'string' ? didOf(vmId) : '';
    const web = did.startsWith('did:web:') || did.startsWith('https://');
    const trusted = this.keyMap.has(vmId) || this.keyMap.has(did);
    let r;
    if (!web || trusted) r = resolve(vmId, this.keyMap); // offline, fetchBytes refuses: the CLI's words
    else if (did.startsWith('did:web:')) {
      const doc = await this.document(didWebUrl(did), `the issuer's DID document (${did})`);
      const vm = findVm(doc, vmId);
      if (!vm) throw new KeyUnresolved(`${did} does not list the key ${vmId}`);
      try { r = { key: fromVerificationMethod(vm), controller: did, how: 'did:web (online)' }; } catch (e) { throw new KeyUnresolved(`unusable key in ${did}: ${e.message}`); }
    } else {
      const doc = await this.document(vmId.split('#')[0], "the issuer's key document");
      const vm = findVm(doc, vmId) || (isObj(doc) && 'publicKeyMultibase' in doc ? doc : null);
      if (!vm) throw new KeyUnresolved(`${vmId} was not found in the fetched document`);
      // the key belongs to the URL it was fetched from, whatever controller the document claims
      try { r = { key: fromVerificationMethod(vm), controller: did, how: 'https key document (online)' }; } catch (e) { throw new KeyUnresolved(`unusable key at ${vmId}: ${e.message}`); }
    }
    this.keyCache.set(vmId, r);
    return r;
  }

  /** did.KeyResolver.document: an issuer profile or DID document; throws KeyUnresolved. */
  async document(url, what) {
    let bytes;
    try { bytes = await this.fetchBytes(url); } catch (e) {
      if (e instanceof FetchRefused) throw new KeyUnresolved(`${what} is online (${url}): ${e.message}`);
      throw e;
    }
    try { return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)); } catch (e) { throw new KeyUnresolved(`${what} at ${url} is not JSON`); }
  }

  /** The entry for the issuer a credential names, by that id only (TrustList.find): never by the signing key. */
  find(issuerId) {
    if (!issuerId) return null;
    if (this.entries.has(issuerId)) return this.entries.get(issuerId);
    for (const e of this.entries.values()) if (e.did && e.did === issuerId) return e;
    return null;
  }

  /** Does a key controlled by `controller` belong to this entry? (TrustList.owns) */
  owns(entry, controller) {
    if (!controller) return false;
    const ref = didOf(controller);
    if ([entry.id, entry.did].filter(Boolean).includes(ref)) return true;
    if (!entry.jwk) return false;
    const mine = normalJwk(entry.jwk);
    return [...this.entries.values()].some((e) => e.jwk && normalJwk(e.jwk) === mine && [didOf(e.id), e.did].includes(ref));
  }
}

function normalJwk(jwk) {
  try { const k = fromJwk(jwk); return k.kind + ':' + Array.from(k.raw, (b) => b.toString(16).padStart(2, '0')).join(''); } catch (e) { return null; }
}

// --- Data Integrity ------------------------------------------------------------------------------

const DID_CONTEXTS = ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'];

/** jsonld-signatures' loader: bundled contexts, and the keys this verification resolved (never the network). */
function diLoader(ctx, resolved) {
  return async (url) => {
    if (!resolved.has(didOf(url))) return contextLoader(url);
    const did = didOf(url);
    const r = resolved.get(did);
    if (!r) throw new KeyUnresolved(`no key was resolved for ${url.slice(0, 80)}`);
    const vmId = r.vmId;
    const vm = { '@context': 'https://w3id.org/security/multikey/v1', id: vmId, type: 'Multikey', controller: r.controller, publicKeyMultibase: toMultikey(r.key) };
    if (url === vmId) return { contextUrl: null, documentUrl: url, document: vm };
    const doc = { '@context': DID_CONTEXTS, id: did, verificationMethod: [vm], assertionMethod: [vmId], authentication: [vmId] };
    return { contextUrl: null, documentUrl: url, document: doc };
  };
}

function suiteFor(proof) {
  const name = proof.cryptosuite;
  if (proof.type === 'Ed25519Signature2020' && !('cryptosuite' in proof)) {
    return { name: proof.type, make: () => new Ed25519Signature2020() };
  }
  if (proof.type !== 'DataIntegrityProof') return null;
  if (name === 'eddsa-rdfc-2022') return { name, make: () => new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }) };
  if (name === 'eddsa-jcs-2022') return { name, make: () => new DataIntegrityProof({ cryptosuite: eddsaJcs2022Verify() }) };
  if (name === 'ecdsa-rdfc-2019') return { name, make: () => new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 }) };
  if (name === 'ecdsa-jcs-2019') return { name, make: () => new DataIntegrityProof({ cryptosuite: ecdsaJcs2019Verify() }) };
  if (name === 'ecdsa-sd-2023') return { name, make: () => new DataIntegrityProof({ cryptosuite: ecdsaSdVerify() }), selective: true };
  if (name === 'bbs-2023') return { name, make: () => new DataIntegrityProof({ cryptosuite: bbsVerify() }), selective: true };
  return null;
}

export const proofsOf = (doc) => asList(doc.proof).filter(isObj);

async function countStatements(doc, proof) {
  // the canonical statements of what was revealed, and how many of them the issuer made mandatory
  const unsecured = { ...doc }; delete unsecured.proof;
  const quads = await rdfDataset(unsecured);
  const nquads = await rdfCanonize.canonize(quads, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
  const total = nquads.split('\n').filter(Boolean).length;
  let mandatory = 0;
  try {
    // multibase 'u' (base64url), a 3-byte header, then a CBOR array; where the mandatory indexes sit:
    // ecdsa-sd-2023 [sig, key, sigs, labels, mandatory]; bbs-2023 [proof, labels, mandatory, selective, ph]
    const items = cborDecode(b64uDecode(proof.proofValue.slice(1)).slice(3), { useMaps: true });
    mandatory = (proof.cryptosuite === 'bbs-2023' ? items[2] : items[4]).length;
  } catch (e) { mandatory = 0; }
  return { disclosed: total - mandatory, mandatory };
}

/** One proof of a document: {status, message, resolved}. */
async function verifyProof(doc, proof, ctx, purpose = 'assertionMethod') {
  const suite = suiteFor(proof);
  const label = proof.cryptosuite || proof.type || '?';
  if (!suite) return { status: SKIPPED, message: `proof type ${pyRepr(label)} is not checked by this page` };
  let r;
  try {
    r = await ctx.resolveKey(proof.verificationMethod);
  } catch (e) {
    if (e instanceof KeyUnresolved) return { status: SKIPPED, message: e.message };
    throw e;
  }
  const resolved = new Map([[didOf(proof.verificationMethod), { ...r, vmId: proof.verificationMethod }]]);
  const one = { ...doc, proof };
  let result;
  try {
    const p = purpose === 'authentication'
      ? new jsigs.purposes.ControllerProofPurpose({ term: 'authentication' })
      : new jsigs.purposes.AssertionProofPurpose();
    result = await jsigs.verify(one, { suite: suite.make(), purpose: p, documentLoader: diLoader(ctx, resolved) });
  } catch (e) {
    return { status: FAIL, message: `${label}: ${e.message}` };
  }
  if (!result.verified) {
    const err = (result.error && (result.error.errors ? result.error.errors[0] : result.error)) || {};
    const msg = String(err.message || 'invalid');
    if (err instanceof JsonLdProblem) return { status: FAIL, message: `refused: ${msg}` };
    return { status: FAIL, message: /Invalid signature|verif/i.test(msg) ? `the ${label} signature does not match the content (altered or wrong key)` : `${label}: ${msg}` };
  }
  if (suite.selective) {
    const n = await countStatements(doc, proof);
    return { status: PASS, message: `valid ${label} derived proof (${n.disclosed} disclosed statements, ${n.mandatory} mandatory)`, resolved: r };
  }
  return { status: PASS, message: `valid ${label} signature by ${r.key.kind} key`, resolved: r };
}

// --- credential checks (wallet/verify/engine.py) ---------------------------------------------------

function family(obj) {
  const ctx = contextsOf(obj), types = typesOf(obj);
  if (types.has('ClrCredential') || ctx.some((c) => c.startsWith('https://purl.imsglobal.org/spec/clr/'))) return 'clr2';
  if (['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'].some((t) => types.has(t)) || ctx.some((c) => c.startsWith('https://purl.imsglobal.org/spec/ob/'))) return 'ob3';
  if (types.has('BlockcertsCredential') || ctx.some((c) => c.startsWith('https://w3id.org/blockcerts/'))) return 'blockcerts';
  if (types.has('EuropeanDigitalCredential') || ctx.some((c) => /europa|edc/i.test(c))) return 'edc';
  return 'vc';
}

function dataModelProblems(doc, fam) {
  const p = [];
  const ctx = contextsOf(doc);
  if (!ctx.length || ![VC_V1, VC_V2].includes(ctx[0])) p.push('the first @context is not the W3C credentials context');
  const types = typesOf(doc);
  if (!types.has('VerifiableCredential')) p.push('type does not include VerifiableCredential');
  const subs = asList(doc.credentialSubject);
  if (!subs.length || !subs.every((s) => isObj(s) && Object.keys(s).length)) p.push('credentialSubject is missing or empty');
  const issuer = ident(doc.issuer);
  if (!issuer || !issuer.includes(':')) p.push('issuer is missing or not a URL');
  if ('id' in doc && (typeof doc.id !== 'string' || !doc.id.includes(':'))) p.push('id is not a URL');
  if (ctx[0] === VC_V1 && !('issuanceDate' in doc)) p.push('issuanceDate is missing (required by VCDM 1.1)');
  for (const k of ['issuanceDate', 'expirationDate', 'validFrom', 'validUntil']) {
    if (k in doc && parseTime(doc[k]) === null) p.push(`${k} is not a valid date-time: ${pyRepr(String(doc[k]).slice(0, 40))}`);
  }
  for (const st of asList(doc.credentialStatus)) if (!isObj(st) || !st.type) p.push('credentialStatus has no type');
  for (const sc of asList(doc.credentialSchema)) if (!isObj(sc) || !sc.id || !sc.type) p.push('credentialSchema needs an id and a type');
  if (fam === 'ob3' && (types.has('OpenBadgeCredential') || types.has('AchievementCredential'))) {
    const sub = isObj(subs[0]) ? subs[0] : {};
    if (!typesOf(sub).has('AchievementSubject')) p.push('credentialSubject is not typed AchievementSubject');
    if (!isObj(sub.achievement) || !typesOf(sub.achievement).has('Achievement')) p.push('credentialSubject.achievement is missing or not typed Achievement');
    if (isObj(doc.issuer) && !typesOf(doc.issuer).has('Profile')) p.push('issuer is not typed Profile');
    for (const ev of asList(doc.evidence)) if (isObj(ev) && !typesOf(ev).has('Evidence')) p.push('evidence is not typed Evidence');
  }
  return p;
}

// did.domain_of: the web domain a did:web DID or an https URL is published on ('' for anything else)
function domainOf(ref) {
  try {
    if (ref.startsWith('did:web:')) return decodeURIComponent(didOf(ref).slice('did:web:'.length).split(':')[0]).toLowerCase();
    if (ref.startsWith('https://')) return new URL(ref).hostname.toLowerCase();
  } catch (e) { return ''; }
  return '';
}

/** issuer._own_key: is a key resolved from `ctrl` the issuer's own? [how, whyNot]. An issuer's profile
 * (which could list a key elsewhere) is fetched only after "Check online". */
async function ownKey(rep, issuerId, ctrl) {
  if (!issuerId || !ctrl) return ['', ''];
  if (ctrl === issuerId || didOf(ctrl) === didOf(issuerId)) return ['its own ' + (issuerId.startsWith('did:') ? 'DID' : 'URL'), ''];
  if (issuerId.startsWith('https://')) {
    let profile;
    try { profile = await rep.ctx.document(didOf(issuerId), "the issuer's profile"); } catch (e) {
      if (e instanceof KeyUnresolved) return ['', `the issuer's profile could not be read to see whether it lists that key: ${e.message}`];
      throw e;
    }
    if (listsKey(profile, ctrl)) return [`listed by the issuer's profile on ${domainOf(issuerId)}`, ''];
    return ['', "the issuer's profile does not list that key"];
  }
  return ['', ''];
}

/** engine._issuer_key: is the key that signed it the issuer's? True only when that is established. */
async function issuerKey(rep, issuerId, controllers) {
  if (!controllers.length) { rep.add('issuer_key', SKIPPED, 'no checked signature to tie to the issuer', false); return false; }
  const trust = rep.ctx;
  const entry = trust.find(issuerId);
  const ctrl = controllers[0];
  rep.issuer.key = ctrl;
  const who = entry ? entry.name || entry.id : '';
  if (entry) {
    const mine = controllers.find((c) => trust.owns(entry, c));
    if (mine !== undefined) {
      rep.issuer.key = mine;
      rep.add('issuer_key', PASS, `signed with the key your trusted list holds for ${who}`);
      return true;
    }
    if (entry.jwk) {
      rep.add('issuer_key', FAIL, `claims to be ${who}, but it is signed by ${shortKey(ctrl, 40)}, not by the one key your trusted list accepts for that issuer`);
      return false;
    }
  }
  let whyNot = '';
  for (const c of controllers) {
    const [how, why] = await ownKey(rep, issuerId, c);
    if (how) {
      rep.issuer.key = c;
      const dom = domainOf(c) || how.startsWith('listed') ? domainOf(issuerId) : '';
      if (dom) rep.issuer.domain = dom;
      rep.add('issuer_key', PASS, `signed with a key that belongs to the issuer (${how}: ${issuerId.slice(0, 60)})`);
      return true;
    }
    whyNot = whyNot || why;
  }
  if ((issuerId.startsWith('did:key:') || issuerId.startsWith('did:jwk:')) && ctrl.startsWith('did:')) {
    rep.add('issuer_key', FAIL, `signed by ${ctrl.slice(0, 60)}, which is not the issuer ${issuerId.slice(0, 60)}`);
    return false;
  }
  rep.add('issuer_key', SKIPPED, `could not confirm that the signing key (${ctrl.slice(0, 50)}) belongs to the issuer (${issuerId.slice(0, 50)})` + (whyNot ? `: ${whyNot}` : ''), false);
  return false;
}

/** engine._issuer_trust: the issuer_trust check and the rung of the confirmation ladder (rep.issuer). */
function issuerTrust(rep, issuerId, keyIsIssuers) {
  const entry = rep.ctx.find(issuerId);
  if (entry && keyIsIssuers) {
    rep.issuer = { ...rep.issuer, confirmation: 'trust_list', trusted_name: entry.name || entry.id };
    delete rep.issuer.domain;
    rep.add('issuer_trust', PASS, `issuer is in your trusted list (${entry.name || entry.id})`);
    return;
  }
  const domain = keyIsIssuers ? rep.issuer.domain : null;
  const key = rep.issuer.key;
  let ladder;
  if (domain) {
    rep.issuer.confirmation = 'issuer_domain';
    ladder = `its key is published on its own web domain (${domain}), which says nothing about its name`;
  } else if (key) {
    rep.issuer.confirmation = 'unknown_key';
    delete rep.issuer.domain;
    ladder = `the key that signed it (${shortKey(key, 40)}) ties it to no name`;
  } else {
    rep.issuer.confirmation = 'not_confirmed';
    delete rep.issuer.domain;
    ladder = 'nothing ties it to its name';
  }
  if (!entry) rep.add('issuer_trust', SKIPPED, `issuer is not in your trusted list; ${ladder}`);
  else rep.add('issuer_trust', SKIPPED, `claims to be ${entry.name || entry.id}, which you trust, but the signature could not be tied to that issuer`);
}

// --- status (wallet/verify/status.py): read only after "Check online" ---------------------------------
class StatusProblem extends Error {}
const BITSTRING_TYPES = new Set(['BitstringStatusListEntry', 'StatusList2021Entry']);
const REVOCATION_LIST_TYPES = new Set(['1EdTechRevocationList', 'RevocationList2020Status']);
const PURPOSE_WORDS = { revocation: 'revoked', suspension: 'suspended' };

function strictJson(bytes, url) {
  try { return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)); } catch (e) { throw new StatusProblem(`${url.slice(0, 200)} is not JSON`); }
}

function decodeBitstring(encoded) {
  let raw;
  try { raw = b64uDecode(encoded.startsWith('u') ? encoded.slice(1) : encoded); } catch (e) { throw new StatusProblem('status list is not base64url'); }
  return bounded(Gunzip, raw, 'status list is not GZIP-compressed');
}

// decompress with fflate's streaming inflater, stopping past MAX_LIST_BYTES
function bounded(Inflater, raw, notCompressed) {
  const chunks = [];
  let size = 0, over = false;
  const gz = new Inflater((chunk) => { size += chunk.length; if (size > MAX_LIST_BYTES) over = true; else chunks.push(chunk); });
  try {
    for (let i = 0; i < raw.length && !over; i += 65536) gz.push(raw.subarray(i, i + 65536), i + 65536 >= raw.length);
  } catch (e) { throw new StatusProblem(notCompressed); }
  if (over) throw new StatusProblem('status list is too large');
  const out = new Uint8Array(Math.min(size, MAX_LIST_BYTES));
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

function bitIsSet(bits, index) {
  if (index < 0 || index >= bits.length * 8) throw new StatusProblem(`status index ${index} is outside the list`);
  return (bits[Math.floor(index / 8)] & (0x80 >> (index % 8))) !== 0;
}

async function statusBitstring(view, e, rep) {
  const url = e.statusListCredential;
  const raw = typeof e.statusListIndex === 'number' ? String(e.statusListIndex) : e.statusListIndex;
  if (typeof raw !== 'string' || !/^\s*[+-]?[0-9]+\s*$/.test(raw)) throw new StatusProblem('statusListIndex is not a number');
  const index = parseInt(raw, 10);
  if (typeof url !== 'string') throw new StatusProblem('no statusListCredential URL');
  const list = await signedList(await rep.ctx.fetchBytes(url), url, ident(view.issuer), rep.ctx);
  const sub = asList(list.credentialSubject).find(isObj);
  if (!isObj(sub) || typeof sub.encodedList !== 'string') throw new StatusProblem('the status list credential has no encodedList');
  const listed = asList(sub.statusPurpose).filter((p) => typeof p === 'string');
  const purpose = String(e.statusPurpose || (listed.length ? listed[0] : 'revocation'));
  if (listed.length && !listed.includes(purpose)) throw new StatusProblem(`the status list is for ${listed.map(pyRepr).join(', ')}, not ${pyRepr(purpose)}`);
  const word = PURPOSE_WORDS[purpose];
  if (!word) { rep.add('status', SKIPPED, `status purpose ${pyRepr(purpose)} is not checked`); return; }
  const bits = decodeBitstring(sub.encodedList);
  const when = iso(rep.ctx.now()).slice(0, 10);
  if (bitIsSet(bits, index)) rep.add('status', FAIL, `${word} by the issuer (checked ${when})`);
  else rep.add('status', PASS, `not ${word} (checked ${when})`);
}

// detect.parse, for a fetched status list: a W3C credential (JSON-LD) or a VC-JWT, or null
function supportingCredential(bytes) {
  let text;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^[\ufeff \t\r\n]+/, ''); } catch (e) { return null; }
  if (text.startsWith('{') || text.startsWith('[')) {
    let obj;
    try { obj = JSON.parse(text); } catch (e) { return null; }
    if (!isObj(obj) || ![VC_V1, VC_V2].includes(contextsOf(obj)[0]) || family(obj) === 'blockcerts') return null;
    return { kind: 'vc', doc: obj };
  }
  const token = text.trim();
  if (token.includes('~') || token.split('.').length !== 3 || !/^(eyJ|ewo)/.test(token) || /\s/.test(token)) return null;
  let claims;
  try { claims = parseCompact(token).payloadJson(); } catch (e) { return null; }
  if (!isObj(claims) || '_sd' in claims || '_sd_alg' in claims) return null;
  if (typesOf(claims).has('Assertion') || OB2_CONTEXTS.some((c) => asList(claims['@context']).includes(c))) return null;
  const credential = isObj(claims.vc) ? claims.vc : [VC_V1, VC_V2].includes(contextsOf(claims)[0]) ? claims : null;
  return credential ? { kind: 'jws', token, claims, credential } : null;
}

/** status.signed_list: the status list credential fetched from `url` as its issuer signed it, once checked like
 * any credential (its proof, the credential's issuer and that issuer's key, the list's id, its validity period). */
async function signedList(bytes, url, issuerId, ctx) {
  const info = supportingCredential(bytes);
  if (!info) throw new StatusProblem('the status list is not a credential credwallet can read');
  const sub = new Report(ctx);
  sub.ofStatusList = true;
  let listed, listIssuer;
  if (info.kind === 'vc') {
    listed = await verifyVc(info.doc, family(info.doc), sub, 1);
    listIssuer = listed ? ident(listed.issuer) : '';
  } else {
    await verifyVcJwt(info, sub);
    listed = info.credential;
    listIssuer = ident(listed.issuer) || (typeof info.claims.iss === 'string' ? info.claims.iss : '');
  }
  const got = new Map(sub.checks.map((c) => [c.id, c]));
  const fmt = got.get('format'), sig = got.get('signature');
  if (!listed || !fmt || fmt.status !== PASS) throw new StatusProblem(`the status list is not a valid credential (${fmt ? fmt.message : 'unreadable'})`);
  if (!sig || sig.status === FAIL) throw new StatusProblem(`the status list is not signed by its issuer (${sig ? sig.message : 'no proof'})`);
  if (sig.status !== PASS) throw new StatusProblem(`the status list's signature could not be checked (${sig.message})`);
  if (listIssuer !== issuerId) throw new StatusProblem(`the status list is issued by ${listIssuer.slice(0, 60)}, not by the credential's issuer ${issuerId.slice(0, 60)}`);
  const owner = got.get('issuer_key');
  if (!owner || owner.status !== PASS) throw new StatusProblem("the status list is not signed with a key of the credential's issuer" + (owner ? ` (${owner.message})` : ''));
  const listId = typeof listed.id === 'string' ? listed.id : '';
  if (listId && listId !== url) throw new StatusProblem(`the status list served is ${listId.slice(0, 200)}, not ${url.slice(0, 200)}`);
  for (const cid of ['validity', 'expiry']) {
    const c = got.get(cid);
    if (c && c.status !== PASS) throw new StatusProblem(`the status list is not valid now (${c.message})`);
  }
  return listed;
}

async function statusRevocationList(doc, e, rep) {
  const url = ident(e);
  const raw = await rep.ctx.fetchBytes(url);
  const issuerId = ident(doc.issuer);
  let data = null;
  const text = new TextDecoder('utf-8').decode(raw).replace(/^[\ufeff \t\r\n]+/, '');
  if (text.startsWith('{')) data = strictJson(raw, url);
  if (isObj(data) && !('proof' in data)) {
    // an unsigned list (as 1EdTech publishes them): believed only from the issuer's own web domain
    const host = domainOf(url);
    if (!host || host !== domainOf(issuerId)) throw new StatusProblem("the revocation list is not signed, and not published on the issuer's own domain");
    if ('issuer' in data && ident(data.issuer) !== issuerId) throw new StatusProblem(`the revocation list is issued by ${ident(data.issuer).slice(0, 60)}, not by the credential's issuer ${issuerId.slice(0, 60)}`);
  } else {
    data = await signedList(raw, url, issuerId, rep.ctx);
    const subject = asList(data.credentialSubject).find(isObj);
    if (subject && 'revokedCredentials' in subject) data = subject;
  }
  const revoked = isObj(data) ? data.revokedCredentials : null;
  if (!Array.isArray(revoked)) throw new StatusProblem('the revocation list has no revokedCredentials');
  const cid = ident(doc);
  const hit = revoked.find((r) => isObj(r) && r.id === cid);
  if (hit) rep.add('status', FAIL, 'revoked by the issuer' + (typeof hit.revocationReason === 'string' && hit.revocationReason ? `: ${hit.revocationReason}` : ''));
  else rep.add('status', PASS, `not revoked (checked ${iso(rep.ctx.now()).slice(0, 10)})`);
}

async function statusCheck(view, rep) {
  const entries = asList(view.credentialStatus).filter(isObj);
  if (!entries.length) { rep.add('status', PASS, 'the issuer did not make it revocable (no status list)'); return; }
  if (rep.ofStatusList) { rep.add('status', SKIPPED, 'the status of a status list itself is not checked', false); return; }
  if (!rep.ctx.online) { rep.add('status', SKIPPED, 'revocation not checked (online checks are off)'); return; }
  for (const e of entries) {
    const types = new Set(asList(e.type).filter((x) => typeof x === 'string'));
    try {
      if ([...types].some((t) => BITSTRING_TYPES.has(t))) await statusBitstring(view, e, rep);
      else if ([...types].some((t) => REVOCATION_LIST_TYPES.has(t))) await statusRevocationList(view, e, rep);
      else rep.add('status', SKIPPED, `status type ${pyRepr(e.type)} is not supported`);
    } catch (err) {
      if (err instanceof StatusProblem || err instanceof FetchRefused) rep.add('status', SKIPPED, `revocation not checked: ${err.message}`);
      else throw err;
    }
  }
}

// --- the Token Status List of an SD-JWT VC (wallet/verify/token_status.py) ----------------------------
const STATUS_WORDS = { 1: 'revoked', 2: 'suspended' };

async function tokenStatus(claims, iss, rep) {
  const ctx = rep.ctx;
  const status = claims.status;
  if (!isObj(status)) { rep.add('status', PASS, 'no revocation status declared by the issuer'); return; }
  if (!ctx.online) { rep.add('status', SKIPPED, 'token status list not checked (online checks are off)'); return; }
  const ref = status.status_list;
  const uri = isObj(ref) ? ref.uri : undefined, idx = isObj(ref) ? ref.idx : undefined;
  if (typeof uri !== 'string' || !Number.isInteger(idx) || idx < 0) {
    rep.add('status', SKIPPED, 'token status list not checked: the status claim names no status_list uri and idx'); return;
  }
  let value;
  try {
    value = await statusValue(await ctx.fetchBytes(uri, 'application/statuslist+jwt'), uri, idx, iss, rep);
  } catch (err) {
    if (err instanceof StatusProblem || err instanceof FetchRefused) { rep.add('status', SKIPPED, `token status list not checked: ${err.message}`); return; }
    throw err;
  }
  const when = iso(ctx.now()).slice(0, 10);
  if (value === 0) rep.add('status', PASS, `not revoked (checked ${when})`);
  else if (STATUS_WORDS[value]) rep.add('status', FAIL, `${STATUS_WORDS[value]} by the issuer (checked ${when})`);
  else rep.add('status', SKIPPED, `status value 0x${value.toString(16)} is not checked`);
}

async function statusValue(bytes, uri, idx, iss, rep) {
  let token, jws, payload;
  try {
    token = new TextDecoder('ascii').decode(bytes).trim();
    if (!/^[\x20-\x7e]*$/.test(token)) throw new Error('not ascii');
    jws = parseCompact(token);
    payload = jws.payloadJson();
  } catch (e) { throw new StatusProblem('the status list is not a JWT'); }
  if (jws.header.typ !== 'statuslist+jwt' || !isObj(payload)) throw new StatusProblem('the status list is not a status list token (typ statuslist+jwt)');
  const sub = new Report(rep.ctx);
  sub.ofStatusList = true;
  const ctrl = await jwsCheck(sub, token, iss);
  const sig = sub.checks.find((c) => c.id === 'signature');
  if (sig.status === FAIL) throw new StatusProblem(`the status list token is not signed by the issuer (${sig.message})`);
  if (sig.status !== PASS) throw new StatusProblem(`the status list token's signature could not be checked (${sig.message})`);
  if ('iss' in payload && payload.iss !== iss) throw new StatusProblem(`the status list token is issued by ${String(payload.iss).slice(0, 60)}, not by the credential's issuer ${iss.slice(0, 60)}`);
  if (!(await issuerKey(sub, iss, ctrl ? [ctrl] : []))) {
    const owner = sub.checks.find((c) => c.id === 'issuer_key');
    throw new StatusProblem(`the status list token is not signed with a key of the credential's issuer (${owner.message})`);
  }
  if (payload.sub !== uri) throw new StatusProblem(`the status list token is for ${pyStr(payload.sub).slice(0, 200)}, not ${uri.slice(0, 200)}`);
  if ('exp' in payload && payload.exp !== null) {
    if (!isNum(payload.exp)) throw new StatusProblem("the status list token's exp is not a time");
    const exp = new Date(payload.exp * 1000);
    if (exp < rep.ctx.now()) throw new StatusProblem(`the status list token expired on ${day(exp)}`);
  }
  const listed = payload.status_list;
  const bits = isObj(listed) ? listed.bits : undefined, lst = isObj(listed) ? listed.lst : undefined;
  if (![1, 2, 4, 8].includes(bits) || typeof lst !== 'string') throw new StatusProblem('the status list token has no status_list with bits and lst');
  const data = inflate(lst);
  const byte = Math.floor((idx * bits) / 8), shift = (idx * bits) % 8;
  if (byte >= data.length) throw new StatusProblem(`status index ${idx} is outside the list`);
  return (data[byte] >> shift) & ((1 << bits) - 1);
}

// Python's str() of a claim value, for messages that quote one
const pyStr = (v) => (typeof v === 'string' ? v : v === undefined || v === null ? 'None' : typeof v === 'number' ? String(v) : pyRepr(v));

function inflate(lst) {
  let raw;
  try { raw = b64uDecode(lst); } catch (e) { throw new StatusProblem('status list is not base64url'); }
  return bounded(Unzlib, raw, 'status list is not ZLIB-compressed');
}

function validity(rep, issued, expires) {
  const now = rep.ctx.now();
  const tFrom = issued !== undefined && issued !== null ? parseTime(issued) : null;
  const tUntil = expires !== undefined && expires !== null ? parseTime(expires) : null;
  if (issued !== undefined && issued !== null && !tFrom) { rep.add('validity', FAIL, `issue date ${pyRepr(String(issued).slice(0, 40))} is not a valid date`); return; }
  if (expires !== undefined && expires !== null && !tUntil) { rep.add('validity', FAIL, `expiry date ${pyRepr(String(expires).slice(0, 40))} is not a valid date`); return; }
  if (tFrom && tUntil && tUntil < tFrom) { rep.add('validity', FAIL, `expires (${day(tUntil)}) before it was issued (${day(tFrom)})`); return; }
  if (tFrom && tFrom > new Date(+now + 5 * 60e3)) { rep.add('validity', FAIL, `not valid until ${day(tFrom)}`); return; }
  rep.add('validity', PASS, tFrom ? `issued ${day(tFrom)}` : 'no issue date given');
  if (!tUntil) rep.add('expiry', PASS, 'does not expire');
  else if (tUntil < now) rep.add('expiry', FAIL, `expired on ${day(tUntil)}`, false);
  else rep.add('expiry', PASS, `valid until ${day(tUntil)}`);
}

function subject(rep, subjectIds) {
  const holders = rep.ctx.holderDids;
  const dids = subjectIds.filter((s) => s.startsWith('did:'));
  if (!dids.length) rep.add('subject', SKIPPED, 'the credential names no subject key to match to its holder', false);
  else if (!holders.length) rep.add('subject', SKIPPED, 'no holder key to compare the subject with', false);
  else if (dids.some((s) => holders.includes(s))) rep.add('subject', PASS, "issued to the holder's own key");
  else rep.add('subject', SKIPPED, "issued to another identifier than the holder's key", false);
}

const one = (view, ...names) => { for (const n of names) if (n in view) return view[n]; return undefined; };

const FAMILY_NAMES = { ob3: 'Open Badges 3.0', clr2: 'CLR 2.0', edc: 'Europass', blockcerts: 'Blockcerts', vc: 'W3C Verifiable Credential' };

async function verifyVc(doc, fam, rep, nestedDepth = 0) {
  let view;
  try {
    const unsecured = { ...doc }; delete unsecured.proof;
    view = await signedView(unsecured, ['VerifiableCredential']);
  } catch (e) {
    if (e instanceof JsonLdProblem) { rep.add('format', FAIL, `refused: ${e.message}`); return null; }
    throw e;
  }
  const problems = dataModelProblems(view, fam);
  if (problems.length) rep.add('format', FAIL, 'not a valid credential: ' + problems.slice(0, 3).join('; '));
  else rep.add('format', PASS, `well-formed ${FAMILY_NAMES[fam] || fam} (VC data model ${contextsOf(doc)[0] === VC_V2 ? '2.0' : '1.1'})`);
  const issuerId = ident(view.issuer);
  const proofs = proofsOf(doc);
  let controllers = [];
  if (proofs.length > MAX_PROOFS) rep.add('signature', FAIL, `carries ${proofs.length} proofs; credwallet checks at most ${MAX_PROOFS}`);
  else if (fam === 'blockcerts' && proofs.some((p) => ['MerkleProof2019', 'ChainedProof2021'].includes(String(p.type)) || p.cryptosuite === 'merkle-proof-2019')) {
    await blockcerts.check(doc, proofs, rep, verifyProof);
  } else if (!proofs.length) rep.add('signature', FAIL, 'has no proof: it is not signed');
  else {
    const results = [];
    for (const p of proofs) results.push(await verifyProof(doc, p, rep.ctx));
    const fails = results.filter((r) => r.status === FAIL), passes = results.filter((r) => r.status === PASS), unchecked = results.filter((r) => r.status === SKIPPED);
    if (fails.length) rep.add('signature', FAIL, fails[0].message);
    else if (unchecked.length) {
      const what = results.length > 1 ? `${unchecked.length} of ${results.length} proofs not checked` : 'signature not checked';
      rep.add('signature', SKIPPED, `${what}: ${unchecked[0].message}`);
    } else {
      rep.add('signature', PASS, `has a valid signature${results.length > 1 ? ` (all ${passes.length} proofs)` : ''}: ${passes[0].message}`);
      controllers = passes.filter((r) => r.resolved).map((r) => r.resolved.controller);
    }
  }
  issuerTrust(rep, issuerId, await issuerKey(rep, issuerId, controllers));
  await statusCheck(view, rep);
  validity(rep, one(view, 'validFrom', 'issuanceDate'), one(view, 'validUntil', 'expirationDate'));
  subject(rep, asList(view.credentialSubject).filter(isObj).map(ident));
  if (fam === 'clr2' && nestedDepth === 0) await nested(doc, rep);
  return view;
}

async function nested(doc, rep) {
  const items = asList(doc.credentialSubject).filter(isObj).flatMap((s) => asList(s.verifiableCredential));
  let i = 0;
  for (const inner of items) {
    i++;
    const sub = new Report(rep.ctx);
    let title = `#${i}`;
    if (isObj(inner)) {
      const view = await verifyVc(inner, family(inner), sub, 1);
      title = (view && normalize(view).title) || `#${i}`;
    } else if (typeof inner === 'string' && inner.split('.').length === 3) {
      try {
        const jws = parseCompact(inner);
        const claims = jws.payloadJson();
        const info = { token: inner, claims, credential: isObj(claims.vc) ? claims.vc : claims };
        await verifyVcJwt(info, sub);
        title = normalize(info.credential).title || `#${i}`;
      } catch (e) { sub.add('format', FAIL, e.message); }
    } else sub.add('format', FAIL, 'not a credential');
    const status = sub.status();
    const worst = sub.checks.find((c) => c.status === FAIL && c.important);
    rep.add(`nested.${i}`, status === 'invalid' ? FAIL : PASS, `nested credential ${pyRepr(title)}: ${status}` + (worst ? ` (${worst.message})` : ''));
  }
}

function normalize(obj) {
  const sub = asList(obj.credentialSubject).filter(isObj)[0] || {};
  let subjectName = text(sub.name);
  if (!subjectName) {
    for (const io of asList(sub.identifier)) {
      if (isObj(io) && ['name', 'emailAddress'].includes(io.identityType) && io.hashed !== true && typeof io.identityHash === 'string') { subjectName = io.identityHash; break; }
    }
  }
  if (!subjectName && typeof sub.email === 'string') subjectName = sub.email;
  const ach = isObj(sub.achievement) ? sub.achievement : {};
  return {
    title: text(obj.name) || text(ach.name), issuerName: isObj(obj.issuer) ? text(obj.issuer.name) : '',
    issuerId: ident(obj.issuer), subjectName,
  };
}

// --- JWT families ----------------------------------------------------------------------------------

// jws._issuer_metadata_key: SD-JWT VC issuer metadata (/.well-known/jwt-vc-issuer), after "Check online"
async function issuerMetadataKey(rep, header, iss) {
  let parts;
  try { parts = new URL(iss); } catch (e) { parts = null; }
  if (!parts || parts.protocol !== 'https:' || !parts.hostname) return [null, 'the issuer is not an https URL'];
  const url = `https://${parts.host}/.well-known/jwt-vc-issuer${parts.pathname.replace(/\/+$/, '')}`;
  const json = (bytes) => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  try {
    const meta = json(await rep.ctx.fetchBytes(url));
    if (!isObj(meta) || meta.issuer !== iss) return [null, 'the issuer metadata names another issuer'];
    let jwks = meta.jwks;
    if ((jwks === undefined || jwks === null) && typeof meta.jwks_uri === 'string') jwks = json(await rep.ctx.fetchBytes(meta.jwks_uri));
    const kid = header.kid;
    for (const k of asList(isObj(jwks) ? jwks.keys : undefined)) {
      if (isObj(k) && (kid === undefined || k.kid === kid)) {
        const { kid: _kid, use: _use, alg: _alg, ...jwk } = k;
        return [fromJwk(jwk), iss];
      }
    }
    return [null, 'the issuer metadata has no matching key'];
  } catch (e) {
    if (e instanceof FetchRefused) return [null, `the issuer's key is published online (${url}): ${e.message}`];
    return [null, `the issuer metadata is unusable (${e.message})`];
  }
}

// jws._jwt_key: a key the trusted list pins first (never the header's kid or x5c), then x5c, kid, iss
async function jwtKey(rep, header, iss, also = []) {
  const pinned = [...also, iss].filter((a) => a && rep.ctx.keyMap.has(a));
  if (pinned.length) {
    try { const r = await rep.ctx.resolveKey(pinned[0]); return [r.key, r.controller]; } catch (e) { if (e instanceof KeyUnresolved) return [null, e.message]; throw e; }
  }
  if ('x5c' in header) {
    const chain = header.x5c;
    if (!Array.isArray(chain) || !chain.length || !chain.every((c) => typeof c === 'string')) return [null, 'the x5c header is malformed'];
    const entry = rep.ctx.find(iss);
    if (!entry || !entry.x5cRoot) return [null, 'the JWT carries a certificate chain, but your issuer list holds no trusted root for this issuer'];
    return [null, 'the JWT carries a certificate chain, which this web page does not check'];
  }
  const kid = typeof header.kid === 'string' ? header.kid : '';
  const candidates = [];
  if (kid.startsWith('did:')) candidates.push(kid);
  else if (kid && iss.startsWith('did:')) candidates.push(kid.startsWith('#') ? iss + kid : `${iss}#${kid}`);
  if (iss) candidates.push(iss);
  let lastErr = 'the JWT names no key (no kid, no DID issuer) and the issuer is not in your trusted list';
  for (const c of candidates) {
    try { const r = await rep.ctx.resolveKey(c); return [r.key, r.controller]; } catch (e) { if (e instanceof KeyUnresolved) lastErr = e.message; else throw e; }
  }
  if (iss.startsWith('https://')) {
    const [key, who] = await issuerMetadataKey(rep, header, iss);
    if (key) return [key, who];
    lastErr = who;
  }
  return [null, lastErr];
}

async function jwsCheck(rep, token, iss, also = []) {
  let jws;
  try {
    jws = parseCompact(token);
    if (['none', ''].includes(String(jws.header.alg || '').toLowerCase()) || String(jws.header.alg).startsWith('HS')) throw new Error(`unsupported JWS algorithm ${pyRepr(jws.header.alg)}`);
  } catch (e) { rep.add('signature', FAIL, e.message); return null; }
  let [key, who] = await jwtKey(rep, jws.header, iss, also);
  if (!key) {
    if ('jwk' in jws.header) who = "the JWT carries its own key (jwk header), which proves nothing about who signed it, and the issuer's key could not be found";
    rep.add('signature', SKIPPED, `signature not checked: ${who}`);
    return null;
  }
  try { verifyJws(jws, key); } catch (e) { rep.add('signature', FAIL, e.message); return null; }
  rep.add('signature', PASS, `has a valid signature (${jws.header.alg}, ${key.kind} key)`);
  return who;
}

const isoOf = (secs) => iso(new Date(secs * 1000));

async function verifyVcJwt(info, rep) {
  const { claims, credential } = info;
  const fam = family(credential);
  const inner = { ...credential };
  if ('vc' in claims) {
    if (!('issuer' in inner)) inner.issuer = claims.iss;
    if (!('issuanceDate' in inner) && isNum(claims.nbf)) inner.issuanceDate = isoOf(claims.nbf);
    if (isObj(inner.credentialSubject) && !('id' in inner.credentialSubject) && typeof claims.sub === 'string') inner.credentialSubject = { ...inner.credentialSubject, id: claims.sub };
  }
  const problems = dataModelProblems(inner, fam);
  rep.add('format', problems.length ? FAIL : PASS, problems.length ? 'not a valid credential: ' + problems.slice(0, 3).join('; ') : 'well-formed VC-JWT');
  const issuerId = ident(inner.issuer) || (typeof claims.iss === 'string' ? claims.iss : '');
  const ctrl = await jwsCheck(rep, info.token, issuerId);
  issuerTrust(rep, issuerId, await issuerKey(rep, issuerId, ctrl ? [ctrl] : []));
  await statusCheck(inner, rep);
  const nbf = isNum(claims.nbf) ? claims.nbf : null, exp = isNum(claims.exp) ? claims.exp : null;
  validity(rep, nbf ? isoOf(nbf) : inner.validFrom || inner.issuanceDate, exp ? isoOf(exp) : inner.validUntil || inner.expirationDate);
  subject(rep, asList(inner.credentialSubject).filter(isObj).map(ident));
}

function ob2Problems(a) {
  const p = [];
  if (!typesOf(a).has('Assertion')) p.push('type is not Assertion');
  if (!isObj(a.recipient) || !a.recipient.identity) p.push('recipient is missing');
  if (!a.badge) p.push('badge is missing');
  if (!isObj(a.verification) || !['hosted', 'signed', 'HostedBadge', 'SignedBadge'].includes(a.verification.type)) p.push('verification type is missing or unknown');
  if (!parseTime(a.issuedOn)) p.push('issuedOn is missing or not a date');
  if (typeof a.image === 'string' && a.image.startsWith('data:')) p.push('an assertion image may not be a data: URI');
  if (!asList(a['@context']).some((c) => typeof c === 'string' && OB2_CONTEXTS.includes(c))) p.push('@context is not the Open Badges 2.0 context');
  const ver = isObj(a.verification) ? a.verification : {};
  const aid = typeof a.id === 'string' ? a.id : '';
  const starts = asList(ver.startsWith).filter((x) => typeof x === 'string');
  if (starts.length && !starts.some((x) => aid.startsWith(x))) p.push("the assertion id is outside the issuer's verification.startsWith");
  const origins = asList(ver.allowedOrigins).filter((x) => typeof x === 'string');
  if (origins.length) { let host = ''; try { host = new URL(aid).hostname; } catch (e) { /* not a URL */ } if (!origins.includes(host)) p.push("the assertion is hosted outside the issuer's verification.allowedOrigins"); }
  return p;
}

async function verifyOb2Signed(info, rep) {
  const a = info.claims;
  const problems = ob2Problems(a);
  rep.add('format', problems.length ? FAIL : PASS, problems.length ? 'not a valid Open Badge: ' + problems.slice(0, 3).join('; ') : 'well-formed signed Open Badges 2.0 assertion');
  const badge = a.badge;
  const issuerId = isObj(badge) ? ident(badge.issuer) : '';
  const creator = isObj(a.verification) ? a.verification.creator : undefined;
  const ctrl = await jwsCheck(rep, info.token, typeof creator === 'string' ? creator : issuerId, [issuerId]);
  issuerTrust(rep, issuerId, await issuerKey(rep, issuerId, ctrl ? [ctrl] : []));
  const issuer = isObj(badge) ? badge.issuer : undefined;
  if (isObj(issuer) && !('revocationList' in issuer)) rep.add('status', PASS, 'the issuer publishes no revocation list for it');
  else rep.add('status', SKIPPED, 'revocation list not checked' + (rep.ctx.online ? '' : ' (online checks are off)'));
  validity(rep, a.issuedOn, a.expires);
}

// --- SD-JWT --------------------------------------------------------------------------------------

const hasher = async (data, alg) => {
  if (String(alg).toLowerCase() !== 'sha-256') throw new Error(`unsupported _sd_alg ${alg}`);
  return sha256(typeof data === 'string' ? new TextEncoder().encode(data) : data);
};
const sdHash = (text) => b64u(sha256(new TextEncoder().encode(text.slice(0, text.lastIndexOf('~') + 1))));

/** Where each disclosure sits in the claims, as '/'-joined tokens (sdjwt.reconstruct's `paths`). */
function disclosurePaths(payload, raws) {
  const byDigest = new Map();
  for (const r of raws) {
    const parts = JSON.parse(new TextDecoder().decode(b64uDecode(r)));
    byDigest.set(b64u(sha256(new TextEncoder().encode(r))), { name: parts.length === 3 ? parts[1] : undefined, value: parts[parts.length - 1] });
  }
  const out = [];
  const walk = (node, path, depth) => {
    if (depth > 64) throw new Error('SD-JWT nested too deeply');
    if (Array.isArray(node)) {
      let n = 0;
      for (const item of node) {
        const here = [...path, String(n)];
        if (isObj(item) && Object.keys(item).length === 1 && '...' in item) {
          const d = byDigest.get(item['...']);
          if (!d) continue;
          out.push('/' + here.join('/'));
          walk(d.value, here, depth + 1);
        } else walk(item, here, depth + 1);
        n++;
      }
    } else if (isObj(node)) {
      for (const dg of Array.isArray(node._sd) ? node._sd : []) {
        const d = byDigest.get(dg);
        if (!d || d.name === undefined) continue;
        out.push('/' + [...path, d.name].join('/'));
        walk(d.value, [...path, d.name], depth + 1);
      }
      for (const [k, v] of Object.entries(node)) if (k !== '_sd' && k !== '_sd_alg') walk(v, [...path, k], depth + 1);
    }
  };
  walk(payload, [], 0);
  return out;
}

async function parseSdJwt(text) {
  const segs = text.split('~');
  if (segs.length < 2) throw new Error('not an SD-JWT (no ~ separator)');
  const decoded = await decodeSdJwt(text, hasher);
  const payload = decoded.jwt.payload;
  const alg = payload._sd_alg || 'sha-256';
  if (alg !== 'sha-256') throw new Error(`unsupported _sd_alg ${pyRepr(alg)}`);
  // every disclosure must be referenced exactly once by a digest in the signed payload or a disclosure
  const digests = new Set();
  const collect = (v) => {
    if (Array.isArray(v)) v.forEach((x) => { if (isObj(x) && Object.keys(x).length === 1 && typeof x['...'] === 'string') digests.add(x['...']); else collect(x); });
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) { if (k === '_sd' && Array.isArray(x)) x.forEach((d) => digests.add(d)); else collect(x); }
  };
  collect(payload);
  for (const d of decoded.disclosures) collect(d.value);
  const seen = new Set();
  const raw = segs.slice(1, -1);
  for (const r of raw) {
    const digest = b64u(sha256(new TextEncoder().encode(r)));
    if (!digests.has(digest)) throw new Error('a disclosure matches no digest in the signed payload');
    if (seen.has(digest)) throw new Error('a disclosure is repeated');
    seen.add(digest);
  }
  const claims = await getClaims(payload, decoded.disclosures, hasher);
  const paths = disclosurePaths(payload, raw);
  return { issuerJwt: segs[0], disclosures: decoded.disclosures, kbJwt: segs[segs.length - 1], claims, payload, paths, text };
}

async function verifySdJwtCredential(sd, rep) {
  const { claims, payload } = sd;
  const typ = parseCompact(sd.issuerJwt).header.typ;
  if (typeof claims.vct === 'string') rep.add('format', PASS, `well-formed SD-JWT VC with ${sd.disclosures.length} disclosures`);
  else if (['vc+sd-jwt', 'dc+sd-jwt'].includes(typ)) rep.add('format', FAIL, 'SD-JWT VC has no vct claim');
  else rep.add('format', PASS, `well-formed SD-JWT with ${sd.disclosures.length} disclosures (not typed as a VC)`);
  rep.add('disclosures', PASS, `all ${sd.disclosures.length} disclosures match digests in the signed payload`);
  const iss = typeof payload.iss === 'string' ? payload.iss : ident(payload.issuer);
  const ctrl = await jwsCheck(rep, sd.issuerJwt, iss);
  issuerTrust(rep, iss, await issuerKey(rep, iss, ctrl ? [ctrl] : []));
  await tokenStatus(payload, iss, rep);
  const iat = payload.nbf || payload.iat, exp = payload.exp;
  validity(rep, isNum(iat) ? isoOf(iat) : null, isNum(exp) ? isoOf(exp) : null);
  const cnf = isObj(payload.cnf) ? payload.cnf : null;
  if (sd.kbJwt) {
    try {
      const kb = parseCompact(sd.kbJwt);
      if (!cnf) throw new Error('a key binding JWT, but the credential names no holder key');
      verifyJws(kb, fromJwk(cnf.jwk));
      if (kb.payloadJson().sd_hash !== sdHash(sd.text)) throw new Error('the key binding does not cover these disclosures');
      rep.add('holder_binding', PASS, 'key binding signed by the holder key (cnf)');
    } catch (e) { rep.add('holder_binding', FAIL, `key binding: ${e.message}`); }
  } else rep.add('holder_binding', cnf ? PASS : SKIPPED, cnf ? 'bound to a holder key (cnf)' : 'not bound to a holder key', false);
}

// --- presentations (wallet/present/verifier.py) -----------------------------------------------------

// present/audience.py: a bare web origin matches whatever its case, trailing slash or default port; all
// else (a path, a query, a DID, a client id) exactly
const ORIGIN = /^(https?):\/\/([A-Za-z0-9.-]+)(?::([0-9]{1,5}))?\/?$/i;
function origin(v) {
  const m = typeof v === 'string' ? ORIGIN.exec(v) : null;
  if (!m) return null;
  const scheme = m[1].toLowerCase(), host = m[2].toLowerCase().replace(/\.+$/, '');
  return host ? `${scheme}://${host}:${m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80}` : null;
}
export function sameAudience(got, wanted) {
  if (got === wanted) return true;
  const a = origin(got);
  return a !== null && a === origin(wanted);
}

function expect(out, id, got, wanted, what) {
  if (wanted === null || wanted === undefined || wanted === '') out.add(id, SKIPPED, `${what} not compared: the presentation says ${pyRepr(got)}; give the expected value to check it`, false);
  else if (got === wanted || (id === 'audience' && sameAudience(got, wanted))) out.add(id, PASS, `${what} matches (${wanted})`);
  else out.add(id, FAIL, `${what} is ${pyRepr(got)}, not ${pyRepr(wanted)}: this presentation was made for someone else`);
}

function freshness(out, claims, now, what) {
  const iat = claims.iat;
  if (!isNum(iat)) { out.add('freshness', FAIL, `${what} has no issue time`); return; }
  const issued = new Date(iat * 1000);
  const expires = isNum(claims.exp) ? new Date(claims.exp * 1000) : null;
  if (Number.isNaN(+issued) || (expires && Number.isNaN(+expires))) { out.add('freshness', FAIL, `${what} has an impossible date`); return; }
  if (issued > new Date(+now + 5 * 60e3)) out.add('freshness', FAIL, `presented in the future (${day(issued)})`);
  else if (expires && expires < now) out.add('freshness', FAIL, `this presentation expired on ${day(expires)}`);
  else if (!expires && now - issued > MAX_KB_AGE_MS) out.add('freshness', FAIL, `presented on ${day(issued)}: too old to accept`);
  else out.add('freshness', PASS, `presented on ${day(issued)}`);
}

function loadsStrict(text, source) {
  try { return JSON.parse(text); } catch (e) { throw new BadInput(`${source}: not valid JSON (${e.message})`); }
}

export function decode(data) {
  if (Array.isArray(data)) return fromTexts(data);
  const t = data.trim();
  if (isQrText(t)) return fromTexts([t]);
  if (t.startsWith('{')) {
    const obj = loadsStrict(t, 'presentation');
    if (isObj(obj) && typeof obj.payload === 'string' && (isObj(obj.signatures) || typeof obj.signature === 'string' || Array.isArray(obj.disclosures))) {
      const disc = asList(obj.disclosures);
      const kb = obj.kb_jwt || '';
      return { kind: 'sd-jwt', text: `${obj.protected}.${obj.payload}.${obj.signature}~${disc.map((d) => d + '~').join('')}${kb}` };
    }
    if (!isObj(obj) || !asList(obj.type).includes('VerifiablePresentation')) throw new BadInput('JSON that is not a Verifiable Presentation');
    return { kind: 'vp', text: t };
  }
  if (t.includes('~') && t.split('~')[0].split('.').length === 3) return { kind: 'sd-jwt', text: t };
  if (t.split('.').length === 3 && !t.includes('~')) return { kind: 'vp-jwt', text: t };
  throw new BadInput('not a presentation: expected a credwallet QR text, an SD-JWT, a Verifiable Presentation or a VP-JWT');
}

async function presentSdJwt(token, ctx, out, audience, nonce) {
  let sd;
  try { sd = await parseSdJwt(token); } catch (e) { out.add('disclosures', FAIL, `SD-JWT: ${e.message}`); return { status: 'invalid', kind: 'sd-jwt', issuer: '', holder: '', disclosed: [] }; }
  const rep = new Report(ctx);
  const credText = sd.issuerJwt + '~' + token.split('~').slice(1, -1).map((d) => d + '~').join('');
  await verifySdJwtCredential({ ...sd, kbJwt: '', text: credText }, rep);
  for (const c of rep.checks) out.checks.push({ ...c, id: `credential.${c.id}` });
  const cnf = isObj(sd.claims.cnf) ? sd.claims.cnf : null;
  let holder = '';
  if (!cnf) {
    const name = normalizeSdJwt(sd.claims).subjectName;
    out.add('holder_binding', SKIPPED, 'the credential is not bound to a holder key: anyone holding it could present it, so the presenter may not be the person it was issued to; '
      + (name ? `it names its subject '${name}' (as the credential claims)` : 'it names no subject'), false);
    if (sd.kbJwt) out.add('holder_binding', FAIL, 'a key binding JWT is present but the credential names no holder key');
  } else if (!sd.kbJwt) {
    out.add('holder_binding', FAIL, 'the credential is bound to a holder key but the presentation has no key binding JWT (it may have been copied)');
  } else {
    holder = pyJsonSorted(cnf.jwk);
    let payload;
    try {
      const kb = parseCompact(sd.kbJwt);
      if (kb.header.typ !== 'kb+jwt') throw new Error('the key binding JWT is not typed kb+jwt');
      verifyJws(kb, fromJwk(cnf.jwk));
      payload = kb.payloadJson();
      if (!isObj(payload)) throw new Error('key binding JWT payload is not an object');
    } catch (e) { out.add('holder_binding', FAIL, `key binding: ${e.message}`); payload = null; }
    if (payload) {
      out.add('holder_binding', PASS, 'presented by the holder the credential was issued to (key binding signature)');
      if (payload.sd_hash !== sdHash(token)) out.add('sd_hash', FAIL, 'the key binding does not cover these disclosures (sd_hash mismatch)');
      else out.add('sd_hash', PASS, 'the key binding covers exactly these disclosures');
      expect(out, 'audience', payload.aud, audience, 'audience');
      expect(out, 'nonce', payload.nonce, nonce, 'nonce');
      freshness(out, payload, ctx.now(), 'the key binding');
    }
  }
  const disclosed = {};
  for (const [k, v] of Object.entries(sd.claims)) if (!TECHNICAL_CLAIMS.has(k)) disclosed[k] = v;
  const n = normalizeSdJwt(sd.claims);
  const title = n.title, issuerName = n.issuerName || n.issuerId;
  return {
    kind: 'sd-jwt', holder, issuer: issuerName,
    disclosed: [{ credential: title, format: 'sd-jwt-vc', issuer: issuerName, claims: disclosed, disclosed_paths: [...sd.paths].sort() }],
  };
}

// formats.jwt.parse_sd_jwt: the title, issuer and subject an SD-JWT VC shows
function normalizeSdJwt(claims) {
  const vct = typeof claims.vct === 'string' ? claims.vct : '';
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  const title = given ? '' : text(claims.name);
  const ach = isObj(claims.achievement) ? claims.achievement : {};
  const parts = vct.replace(/\/+$/, '').split('/');
  return {
    title: text(ach.name) || title || text(claims.title) || parts[parts.length - 1],
    issuerName: text(claims.issuer_name),
    issuerId: typeof claims.iss === 'string' ? claims.iss : ident(claims.issuer),
    subjectName: given || text(claims.name),
  };
}

// Python's json.dumps(obj, sort_keys=True) (", " and ": " separators)
function pyJsonSorted(v) {
  if (Array.isArray(v)) return '[' + v.map(pyJsonSorted).join(', ') + ']';
  if (isObj(v)) return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ': ' + pyJsonSorted(v[k])).join(', ') + '}';
  return v === undefined ? 'null' : JSON.stringify(v);
}

/** present.verifier.Presenter: who is presenting, as far as the presentation itself proves it. */
class Presenter {
  constructor(claimed = '') {
    this.claimed = claimed; // the holder the presentation names (its own word)
    this.dids = []; // the DID whose key signed the presentation, once that signature held
    this.key = null; // that key
    this.unproven = 'the presentation is not signed by its holder'; // why nobody is proven, if nobody is
  }
  get proven() { return this.dids.length > 0 || this.key !== null; }
  who() { return this.dids.length ? this.dids[0] : this.key ? `a ${this.key.kind} key` : 'nobody proven'; }
}

// ``id`` or its JSON-LD keyword form ``@id``, of every subject (either names the subject)
const subjectIds = (cred) => asList(isObj(cred) ? cred.credentialSubject : undefined).filter(isObj)
  .flatMap((s) => [s.id, s['@id']]).filter((v) => typeof v === 'string');

/** present.verifier.subject_keys: the DIDs a credential names for its subject (from what its issuer signed),
 * and an SD-JWT's cnf. `info` is {kind: 'vc', doc} | {kind: 'jws', credential, claims} | {kind: 'sd-jwt', claims}. */
function subjectKeys(info) {
  let ids = [], cnf = null;
  if (info.kind === 'vc') ids = subjectIds(info.doc);
  else if (info.kind === 'jws') {
    ids = subjectIds(isObj(info.credential) ? info.credential : {});
    ids.push(typeof info.claims.sub === 'string' ? info.claims.sub : '');
  } else if (info.kind === 'sd-jwt') {
    ids = [typeof info.claims.sub === 'string' ? info.claims.sub : ''];
    cnf = isObj(info.claims.cnf) ? info.claims.cnf : null;
  }
  const dids = [...new Set(ids.filter((i) => typeof i === 'string' && i.startsWith('did:')).map(didOf))];
  return [dids, cnf];
}

function cnfMatches(cnf, presenter) {
  const kid = cnf.kid;
  if (typeof kid === 'string' && kid.startsWith('did:') && presenter.dids.includes(didOf(kid))) return true;
  if (presenter.key === null || !isObj(cnf.jwk)) return false;
  try {
    const k = fromJwk(cnf.jwk);
    return k.kind === presenter.key.kind && k.raw.length === presenter.key.raw.length && k.raw.every((b, i) => b === presenter.key.raw[i]);
  } catch (e) { return false; }
}

/** present.verifier.bind: is the presenter the one the credential was issued to? */
function bind(out, id, info, subjectName, presenter) {
  const [dids, cnf] = subjectKeys(info);
  const named = subjectName ? `names its subject '${subjectName}'` : 'names no subject';
  if (!dids.length && !cnf) {
    out.add(id, SKIPPED, `the credential names no key for its subject, so nothing shows that the presenter is the person it was issued to; it ${named} (as the credential claims)`, false);
    return;
  }
  const subject = dids.length ? dids[0] : 'a holder key (cnf)';
  const shown = subject + (subjectName ? ` ('${subjectName}')` : '');
  if (presenter.proven) {
    if (dids.some((d) => presenter.dids.includes(d)) || (cnf && cnfMatches(cnf, presenter))) out.add(id, PASS, `issued to the presenter: ${shown} signed this presentation`);
    else out.add(id, FAIL, `issued to someone else: the credential was issued to ${shown}, but this presentation was signed by ${presenter.who()}`);
    return;
  }
  const claimed = presenter.claimed ? didOf(presenter.claimed) : '';
  if (claimed && dids.length && !dids.includes(claimed)) out.add(id, FAIL, `issued to someone else: the credential was issued to ${shown}, but the presentation names ${claimed} as its holder`);
  else out.add(id, SKIPPED, `the presenter could not be confirmed as ${shown}, to whom it was issued: ${presenter.unproven}`);
}

/** dataintegrity._proof_config: the proof's options as signed (the proof minus its value, with an @context). */
function proofConfig(doc, proof) {
  const config = { ...proof }; delete config.proofValue;
  if ('@context' in proof) {
    const mine = asList(proof['@context']), theirs = Array.isArray(doc['@context']) ? doc['@context'] : [doc['@context']];
    if (JSON.stringify(theirs.slice(0, mine.length)) !== JSON.stringify(mine)) throw new JsonLdProblem("the proof's @context does not match the document's");
  } else if ('@context' in doc) config['@context'] = doc['@context'];
  return config;
}

async function presentVp(text, ctx, out, audience, nonce) {
  const vp = loadsStrict(text, 'presentation');
  if (!isObj(vp)) throw new BadInput('presentation is not a JSON object');
  const proofs = proofsOf(vp);
  let signedVp, options;
  try {
    // the holder and the proof's audience, nonce and expiry as signed (never from JSON key names)
    const unsecured = { ...vp }; delete unsecured.proof;
    signedVp = await signedView(unsecured, ['VerifiablePresentation']);
    options = proofs.length ? await signedView(proofConfig(vp, proofs[0])) : {};
  } catch (e) {
    if (e instanceof JsonLdProblem) throw new BadInput(`presentation refused: ${e.message}`);
    throw e;
  }
  let holder = ident(signedVp.holder);
  const presenter = new Presenter(holder);
  if (!proofs.length) out.add('holder_binding', FAIL, 'the presentation is not signed by its holder');
  else {
    const proof = proofs[0];
    if (isMerkle(proof)) {
      const m = await blockcerts.verifyMerkle(vp, 0, proofs, 'the presentation');
      out.add('signature', m.status, m.message);
      if (m.status === PASS) blockcerts.anchorCheck(out, m.anchors);
      const who = presenter.claimed ? ` ${presenter.claimed}` : '';
      out.add('holder_binding', SKIPPED, `the presentation is anchored by a Merkle receipt, not signed by its holder: nothing shows that the presenter is its holder${who}`);
      presenter.unproven = "the presentation carries a Merkle receipt, not its holder's signature";
    } else {
      const r = await verifyProof(vp, proof, ctx, 'authentication');
      if (r.status === PASS && r.resolved && holder && r.resolved.controller !== didOf(holder)) {
        out.add('holder_binding', FAIL, "signed by a key that is not the presentation's holder");
        presenter.unproven = "the presentation is signed by a key that is not its holder's";
      } else if (r.status === PASS && r.resolved) {
        out.add('holder_binding', PASS, 'signed by the holder: ' + r.message);
        presenter.dids = [r.resolved.controller]; presenter.key = r.resolved.key;
        holder = holder || r.resolved.controller;
      } else {
        out.add('holder_binding', r.status, r.message);
        presenter.unproven = r.status === FAIL ? "the presentation's own signature does not hold" : "the presentation's own signature could not be checked";
      }
    }
    const signed = options; // audience, nonce, expiry and date as the holder's proof signs them
    expect(out, 'audience', signed.domain, audience, 'audience (domain)');
    expect(out, 'nonce', signed.challenge, nonce, 'nonce (challenge)');
    const exp = signed.expires ? parseTime(signed.expires) : null;
    if (signed.expires && !exp) out.add('freshness', FAIL, "the presentation's expiry date is not a date");
    else if (exp && exp < ctx.now()) out.add('freshness', FAIL, `this presentation expired on ${day(exp)}`);
    else {
      const created = parseTime(signed.created);
      out.add('freshness', PASS, created ? `presented on ${day(created)}` : 'no presentation date');
    }
  }
  const result = await credentials(vp, ctx, out, presenter, 'vp');
  result.holder = holder;
  return result;
}

// blockcerts.is_merkle
const isMerkle = (proof) => isObj(proof) && (proof.type === 'MerkleProof2019' || proof.cryptosuite === 'merkle-proof-2019'
  || (proof.type === 'ChainedProof2021' && proof.chainedProofType === 'MerkleProof2019'));

function leafPointers(doc) {
  const out = [];
  const ptr = (tokens) => tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
  const walk = (node, tokens) => {
    if (isObj(node)) {
      const keys = Object.keys(node).filter((k) => !['id', 'type', '@context'].includes(k) && (tokens.length || k !== 'proof'));
      if (!keys.length && tokens.length) out.push(ptr(tokens));
      for (const k of keys) walk(node[k], [...tokens, k]);
    } else if (Array.isArray(node) && node.some((x) => x !== null && typeof x === 'object')) {
      node.forEach((_, i) => out.push(ptr([...tokens, String(i)])));
    } else if (tokens.length) out.push(ptr(tokens));
  };
  walk(doc, []);
  return out;
}

// selective.is_derived: a single ecdsa-sd-2023 / bbs-2023 proof whose value is a derived (verifier's) proof
const DERIVED_HEADERS = { 'ecdsa-sd-2023': ['d95d01'], 'bbs-2023': ['d95d03', 'd95d05'] };
function isDerived(doc) {
  const proof = isObj(doc) ? doc.proof : null;
  if (!isObj(proof) || !(proof.cryptosuite in DERIVED_HEADERS)) return false;
  const pv = proof.proofValue;
  if (typeof pv !== 'string' || !pv.startsWith('u')) return false;
  let raw;
  try { raw = b64uDecode(pv.slice(1)); } catch (e) { return false; }
  if (b64u(raw) !== pv.slice(1)) return false; // one encoding per value
  const head = Array.from(raw.slice(0, 3), (b) => b.toString(16).padStart(2, '0')).join('');
  return DERIVED_HEADERS[proof.cryptosuite].includes(head);
}

/** present.verifier._credentials: each credential, checked as import checks it, and bound to who presents it. */
async function credentials(vp, ctx, out, presenter, kind) {
  const disclosed = [], issuers = [];
  ctx.holderDids = presenter.dids; // only a holder whose signature held
  const creds = vp.verifiableCredential;
  const items = Array.isArray(creds) ? creds : creds ? [creds] : [];
  let i = 0;
  for (const item of items) {
    i++;
    const rep = new Report(ctx);
    let fmt, view = null, norm, info;
    try {
      if (isObj(item) && item.type === 'EnvelopedVerifiableCredential') {
        const id = item.id;
        if (typeof id !== 'string' || !id.startsWith('data:') || !id.includes(',')) throw new BadInput('enveloped credential without a data: URL');
        const token = id.slice(id.indexOf(',') + 1);
        const jws = parseCompact(token);
        const claims = jws.payloadJson();
        if (!isObj(claims)) throw new BadInput('the JWT payload is not an object');
        if (typesOf(claims).has('Assertion') || OB2_CONTEXTS.some((c) => asList(claims['@context']).includes(c))) {
          fmt = 'ob2';
          info = { kind: 'ob2-signed', claims };
          await verifyOb2Signed({ token, claims }, rep);
          norm = normalizeOb2(claims);
        } else {
          fmt = 'vc-jwt';
          const credential = isObj(claims.vc) ? claims.vc : claims;
          info = { kind: 'jws', claims, credential };
          await verifyVcJwt({ token, claims, credential }, rep);
          norm = normalize(credential);
        }
      } else if (isObj(item)) {
        fmt = family(item);
        if (!contextsOf(item).length || ![VC_V1, VC_V2].includes(contextsOf(item)[0])) throw new BadInput('a credential this page does not read');
        info = { kind: 'vc', doc: item };
        view = await verifyVc(item, fmt, rep);
        norm = normalize(view || {});
      } else throw new BadInput('a credential in the presentation is neither an object nor an enveloped credential');
    } catch (e) {
      if (!(e instanceof BadInput) && !(e instanceof SyntaxError) && !/JWS|base64/.test(e.message)) throw e;
      out.add(`credential${i}.format`, FAIL, e.message);
      continue;
    }
    // the engine's own subject check is decided here instead, against the presenter
    for (const c of rep.checks) if (c.id !== 'subject') out.checks.push({ ...c, id: `credential${i}.${c.id}` });
    bind(out, `credential${i}.subject`, info, norm.subjectName, presenter);
    issuers.push(norm.issuerName || norm.issuerId);
    const entry = {
      credential: norm.title, format: fmt, issuer: norm.issuerName || norm.issuerId, claims: 'the whole credential',
      subject: norm.subjectName, subject_key: subjectKeys(info)[0].join(', '),
    };
    if (isDerived(item)) { // selectively disclosed: exactly the fields the holder chose (and mandatory ones), as signed
      const shown = isObj(view) ? view : {};
      const claims = {};
      for (const [k, v] of Object.entries(shown)) if (!['@context', 'proof', 'type', 'id'].includes(k)) claims[k] = v;
      entry.claims = claims;
      entry.disclosed_paths = leafPointers(shown);
    }
    disclosed.push(entry);
  }
  if (!disclosed.length && !items.length) out.add('credentials', SKIPPED, 'the presentation holds no credential: it only shows who signed it');
  else if (!disclosed.length) out.add('credentials', FAIL, 'the presentation holds no credential that could be read');
  const holder = presenter.claimed || (presenter.dids.length ? presenter.dids[0] : '');
  return { kind, holder, issuer: [...new Set(issuers)].join(', '), disclosed };
}

// formats.ob2.normalize (what the page shows of a signed Open Badge 2.0)
function normalizeOb2(a) {
  const badge = isObj(a.badge) ? a.badge : {};
  const issuer = isObj(badge.issuer) ? badge.issuer : {};
  const recipient = isObj(a.recipient) ? a.recipient : {};
  const identity = typeof recipient.identity === 'string' ? recipient.identity : '';
  return {
    title: text(badge.name) || (typeof a.badge === 'string' ? 'Badge at ' + a.badge : ''), issuerName: text(issuer.name),
    issuerId: ident(badge.issuer), subjectName: recipient.hashed === true ? '' : identity,
  };
}

async function presentVpJwt(text, ctx, out, audience, nonce) {
  let jws, claims;
  try { jws = parseCompact(text); claims = jws.payloadJson(); } catch (e) { throw new BadInput(`VP-JWT: ${e.message}`); }
  if (!isObj(claims)) throw new BadInput('VP-JWT payload is not an object');
  const vp = isObj(claims.vp) ? claims.vp : claims;
  if (!asList(vp.type).includes('VerifiablePresentation')) throw new BadInput('a JWT that is not a Verifiable Presentation');
  let holder = typeof claims.iss === 'string' ? claims.iss : ident(vp.holder);
  holder = typeof holder === 'string' ? holder : '';
  const presenter = new Presenter(holder);
  const kid = typeof jws.header.kid === 'string' ? jws.header.kid : '';
  try {
    if (!kid.startsWith('did:')) throw new Error('the VP-JWT names no DID key (kid) of its holder');
    const r = await ctx.resolveKey(kid);
    verifyJws(jws, r.key);
    if (holder && r.controller !== didOf(holder)) throw new Error("signed by a key that is not the presentation's holder");
    out.add('holder_binding', PASS, `signed by the holder (${r.key.kind} key)`);
    presenter.dids = [r.controller]; presenter.key = r.key;
  } catch (e) {
    if (e instanceof KeyUnresolved) {
      out.add('holder_binding', SKIPPED, `holder signature not checked: ${e.message}`);
      presenter.unproven = "the presentation's own signature could not be checked";
    } else {
      out.add('holder_binding', FAIL, `holder signature: ${e.message}`);
      presenter.unproven = "the presentation's own signature does not hold";
    }
  }
  const aud = claims.aud;
  expect(out, 'audience', Array.isArray(aud) && aud.length === 1 ? aud[0] : aud, audience, 'audience');
  expect(out, 'nonce', claims.nonce, nonce, 'nonce');
  freshness(out, claims, ctx.now(), 'the presentation');
  return credentials(vp, ctx, out, presenter, 'vp-jwt');
}

/** verify-presentation: the same JSON object as `credwallet verify-presentation --json`. */
export async function verifyPresentation(data, ctx, { audience = null, nonce = null } = {}) {
  const p = decode(data);
  const out = new Report(ctx);
  let result;
  if (p.kind === 'sd-jwt') result = await presentSdJwt(p.text, ctx, out, audience, nonce);
  else if (p.kind === 'vp-jwt') result = await presentVpJwt(p.text, ctx, out, audience, nonce);
  else result = await presentVp(p.text, ctx, out, audience, nonce);
  return {
    status: out.status(), kind: result.kind, issuer: result.issuer, holder: result.holder, disclosed: result.disclosed,
    // Check.to_json: `"important": false` is written on lesser checks only
    checks: out.checks.map(({ id, status, message, checked_at, important }) => (important ? { id, status, message, checked_at } : { id, status, message, checked_at, important: false })),
  };
}
export { BadInput };
