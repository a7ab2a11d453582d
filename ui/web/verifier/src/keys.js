// Public keys: did:key (Ed25519, P-256, P-384, BLS12-381 G2) and JWKs from the employer's trust list.
// JWS signatures are checked with @noble/curves; Data Integrity proofs with Digital Bazaar's suites.
import { p256, p384 } from '@noble/curves/nist.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { base58btc } from './base58.js';

export class KeyUnresolved extends Error {}

export function b64uDecode(s) {
  if (typeof s !== 'string' || !/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('not base64url');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const concat = (...arrs) => { const o = new Uint8Array(arrs.reduce((n, a) => n + a.length, 0)); let i = 0; for (const a of arrs) { o.set(a, i); i += a.length; } return o; };

/** {kind: 'Ed25519'|'P-256'|'P-384'|'BLS12-381 G2', raw: bytes (uncompressed or compressed point)} */
export function fromMultikey(mk) {
  if (typeof mk !== 'string' || !mk.startsWith('z')) throw new KeyUnresolved('not a multibase key');
  const b = base58btc.decode(mk.slice(1));
  if (b[0] === 0xed && b[1] === 0x01 && b.length === 34) return { kind: 'Ed25519', raw: b.slice(2) };
  if (b[0] === 0x80 && b[1] === 0x24 && b.length === 35) return { kind: 'P-256', raw: b.slice(2) };
  if (b[0] === 0x81 && b[1] === 0x24 && b.length === 51) return { kind: 'P-384', raw: b.slice(2) };
  if (b[0] === 0xeb && b[1] === 0x01 && b.length === 98) return { kind: 'BLS12-381 G2', raw: b.slice(2) };
  throw new KeyUnresolved('unsupported multikey type');
}

export function fromJwk(jwk) {
  if (!jwk || typeof jwk !== 'object') throw new KeyUnresolved('no key');
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return { kind: 'Ed25519', raw: b64uDecode(jwk.x) };
  if (jwk.kty === 'EC' && (jwk.crv === 'P-256' || jwk.crv === 'P-384')) {
    return { kind: jwk.crv, raw: concat(Uint8Array.of(4), b64uDecode(jwk.x), b64uDecode(jwk.y)) };
  }
  throw new KeyUnresolved(`unsupported key type ${jwk.kty}/${jwk.crv}`);
}

/** The Multikey (publicKeyMultibase) of a key, for Digital Bazaar's suites. */
export function toMultikey(key) {
  if (key.kind === 'Ed25519') return 'z' + base58btc.encode(concat(Uint8Array.of(0xed, 0x01), key.raw));
  const curve = key.kind === 'P-256' ? p256 : key.kind === 'P-384' ? p384 : null;
  if (curve) {
    const compressed = curve.Point.fromBytes(key.raw).toBytes(true);
    return 'z' + base58btc.encode(concat(Uint8Array.of(key.kind === 'P-256' ? 0x80 : 0x81, 0x24), compressed));
  }
  if (key.kind === 'BLS12-381 G2') return 'z' + base58btc.encode(concat(Uint8Array.of(0xeb, 0x01), key.raw));
  throw new KeyUnresolved('unsupported key');
}

export const didOf = (vm) => vm.split('#')[0];

/** Resolve a verification method offline: the trust list's keys, then did:key / did:jwk. */
export function resolve(vmId, trusted) {
  if (typeof vmId !== 'string' || !vmId) throw new KeyUnresolved('the proof names no verification method');
  const did = didOf(vmId);
  for (const ref of [vmId, did]) {
    if (trusted.has(ref)) return { key: fromJwk(trusted.get(ref)), controller: did, how: 'trusted issuer list' };
  }
  try {
    if (did.startsWith('did:key:')) {
      const mk = did.slice('did:key:'.length);
      if (vmId.includes('#') && vmId.split('#')[1] !== mk) throw new KeyUnresolved('did:key fragment does not match the key');
      return { key: fromMultikey(mk), controller: did, how: 'did:key' };
    }
    if (did.startsWith('did:jwk:')) {
      return { key: fromJwk(JSON.parse(new TextDecoder().decode(b64uDecode(did.slice(8))))), controller: did, how: 'did:jwk' };
    }
  } catch (e) {
    if (e instanceof KeyUnresolved && e.message.startsWith('did:key fragment')) throw e;
    throw new KeyUnresolved(`cannot read the key in ${did.slice(0, 60)}: ${e.message}`);
  }
  if (did.startsWith('did:web:') || did.startsWith('https://')) {
    throw new KeyUnresolved(`the issuer's key is published online (${did.slice(0, 80)}): online checks are off`);
  }
  if (did.startsWith('did:')) throw new KeyUnresolved(`DID method did:${did.split(':')[1]} is not supported`);
  throw new KeyUnresolved(`cannot resolve a key from '${vmId.slice(0, 80)}'`);
}

const ALGS = { ES256: ['P-256', p256], ES384: ['P-384', p384] };

/** Verify a compact JWS with a key; throws on a bad signature or a mismatched algorithm. */
export function verifyJws(jws, key) {
  const alg = jws.header.alg;
  const data = new TextEncoder().encode(jws.signingInput);
  let ok = false;
  if (alg === 'EdDSA' || alg === 'Ed25519') {
    if (key.kind !== 'Ed25519') throw new Error(`the key (${key.kind}) does not fit the algorithm ${alg}`);
    ok = ed25519.verify(jws.signature, data, key.raw);
  } else if (ALGS[alg]) {
    const [kind, curve] = ALGS[alg];
    if (key.kind !== kind) throw new Error(`the key (${key.kind}) does not fit the algorithm ${alg}`);
    try { ok = curve.verify(jws.signature, data, key.raw, { prehash: true, lowS: false, format: 'compact' }); } catch (e) { ok = false; }
  } else {
    throw new Error(`unsupported JWS algorithm ${JSON.stringify(alg)}`);
  }
  if (!ok) throw new Error('the JWS signature does not match (altered or wrong key)');
}

export function parseCompact(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) throw new Error('not a compact JWS (three dot-separated parts)');
  let header, payloadBytes, signature;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(b64uDecode(parts[0])));
    payloadBytes = b64uDecode(parts[1]);
    signature = b64uDecode(parts[2]);
  } catch (e) {
    throw new Error('the JWS is not valid base64url JSON');
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new Error('the JWS header is not an object');
  return {
    header, signature, signingInput: parts[0] + '.' + parts[1],
    payloadJson() { return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes)); },
  };
}

// --- keys published online (did.KeyResolver._did_web / _https), read only after "Check online" ------------

/** did.KeyResolver._did_web: where a did:web DID document is published. */
export function didWebUrl(did) {
  const parts = did.slice('did:web:'.length).split(':').map((p) => decodeURIComponent(p));
  const [host, ...path] = parts;
  return `https://${host}/` + (path.length ? path.join('/') + '/did.json' : '.well-known/did.json');
}

/** did._find_vm: the verification method `vmId` in a DID or key document (by id, or by its fragment). */
export function findVm(doc, vmId) {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return null;
  if (doc.id === vmId) return doc;
  const frag = vmId.includes('#') ? '#' + vmId.split('#').slice(1).join('#') : null;
  for (const section of ['verificationMethod', 'assertionMethod', 'authentication', 'publicKey']) {
    const items = doc[section];
    for (const vm of Array.isArray(items) ? items : []) {
      if (vm && typeof vm === 'object' && (vm.id === vmId || (frag && vm.id === frag))) return vm;
    }
  }
  return null;
}

/** publickeys.from_verification_method: Multikey, JsonWebKey, Ed25519 2018/2020. */
export function fromVerificationMethod(vm) {
  if (!vm || typeof vm !== 'object' || Array.isArray(vm)) throw new KeyUnresolved('verification method is not an object');
  if (typeof vm.publicKeyMultibase === 'string') {
    const value = vm.publicKeyMultibase;
    if (vm.type === 'Ed25519VerificationKey2020' || vm.type === 'Multikey') return fromMultikey(value);
    if (!value.startsWith('z')) throw new KeyUnresolved('not a multibase key');
    const raw = base58btc.decode(value.slice(1));
    if (raw.length === 32) return { kind: 'Ed25519', raw };
    return fromMultikey(value);
  }
  if (vm.publicKeyJwk && typeof vm.publicKeyJwk === 'object') return fromJwk(vm.publicKeyJwk);
  if (typeof vm.publicKeyBase58 === 'string' && String(vm.type || '').startsWith('Ed25519')) {
    const raw = base58btc.decode(vm.publicKeyBase58);
    if (raw.length !== 32) throw new KeyUnresolved('Ed25519 key is not 32 bytes');
    return { kind: 'Ed25519', raw };
  }
  throw new KeyUnresolved('verification method holds no key credwallet can read');
}

/** did.lists_key: does an issuer profile or DID document list the key `keyRef` among its keys? */
export function listsKey(doc, keyRef) {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  for (const section of ['verificationMethod', 'assertionMethod', 'publicKey', 'authentication']) {
    const items = doc[section];
    for (const vm of Array.isArray(items) ? items : [items]) {
      const ref = vm && typeof vm === 'object' ? vm.id : vm;
      if (typeof ref === 'string' && ref && (ref === keyRef || didOf(ref) === didOf(keyRef))) return true;
    }
  }
  return false;
}
