// Blockcerts v3: the MerkleProof2019 receipt checked offline against the content (mirrors
// wallet/verify/blockcerts.py, with the same words). The document (without its proofs, or with only the
// proofs that came before the receipt) is canonicalized (RDFC-1.0) and hashed (SHA-256); that hash must be
// the receipt's targetHash, and walking the receipt's path must reproduce its merkleRoot. Whether the root
// was really anchored in a blockchain needs a blockchain explorer: never "pass" here.
import { sha256 } from '@noble/hashes/sha2.js';
import * as rdfCanonize from 'rdf-canonize';
import { decode as cborDecode } from 'cborg';
import { base58btc } from './base58.js';
import { rdfDataset, UnknownContext, JsonLdProblem } from './rules.js';

const PASS = 'pass', FAIL = 'fail', SKIPPED = 'skipped';
const KEYS = { 0: 'merkleRoot', 1: 'targetHash', 2: 'anchors', 3: 'path' };
const SIDES = { 0: 'left', 1: 'right' };
const CHAINS = { '-1': 'mocknet', 0: 'bitcoin', 1: 'ethereum' };

export const isMerkle = (proof) => !!proof && typeof proof === 'object' && (proof.type === 'MerkleProof2019'
  || proof.cryptosuite === 'merkle-proof-2019' || (proof.type === 'ChainedProof2021' && proof.chainedProofType === 'MerkleProof2019'));

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const hexish = (v) => (v instanceof Uint8Array ? hex(v) : String(v));

function fromHex(s) {
  if (typeof s !== 'string' || s.length % 2 || !/^[0-9a-fA-F]*$/.test(s)) throw new Error('non-hexadecimal number found in fromhex() arg');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// values are CBOR-encoded text (hex strings) or raw bytes
function value(v) {
  if (v instanceof Uint8Array && v.length > 2 && [0x78, 0x79, 0x58, 0x59].includes(v[0])) {
    try { return cborDecode(v); } catch (e) { return v; }
  }
  return v;
}

const concat = (a, b) => { const r = new Uint8Array(a.length + b.length); r.set(a, 0); r.set(b, a.length); return r; };

export function decodeReceipt(proofValue) {
  if (typeof proofValue !== 'string' || proofValue[0] !== 'z') throw new Error('unsupported multibase prefix');
  const obj = cborDecode(base58btc.decode(proofValue.slice(1)), { useMaps: false });
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) return obj;
  if (!Array.isArray(obj)) throw new Error('receipt is neither a map nor a list of entries');
  const out = {};
  for (const entry of obj) {
    if (!Array.isArray(entry) || entry.length !== 2 || !(entry[0] in KEYS)) throw new Error('malformed receipt entry');
    const name = KEYS[entry[0]], v = entry[1];
    if (name === 'path') {
      out.path = (Array.isArray(v) ? v : []).map((step) => {
        if (Array.isArray(step) && step.length === 2 && Number.isInteger(step[0])) return { [SIDES[step[0]] || '?']: value(step[1]) };
        if (Array.isArray(step) && step.length && Array.isArray(step[0]) && step[0].length === 2) return { [SIDES[step[0][0]] || '?']: value(step[0][1]) };
        throw new Error('malformed merkle path step');
      });
    } else if (name === 'anchors') {
      out.anchors = (Array.isArray(v) ? v : []).map((a) => {
        const parts = new Map((Array.isArray(a) ? a : []).filter((p) => Array.isArray(p) && p.length === 2).map((p) => [p[0], p[1]]));
        const chain = CHAINS[parts.get(0)] ?? String(parts.get(0));
        return `blink:${chain}:${hexish(value(parts.get(1) ?? new Uint8Array()))}`;
      });
    } else out[name] = value(v);
  }
  return out;
}

export function merkleRoot(target, path) {
  let node = target;
  for (const step of path) {
    const entries = step && typeof step === 'object' ? Object.entries(step) : [];
    if (entries.length !== 1) throw new Error('malformed merkle path step');
    const [side, v] = entries[0];
    const sibling = fromHex(hexish(v));
    if (['left', '0', 'l'].includes(side)) node = sha256(concat(sibling, node));
    else if (['right', '1', 'r'].includes(side)) node = sha256(concat(node, sibling));
    else throw new Error(`unknown merkle path side '${side}'`);
  }
  return node;
}

async function canonicalNquads(doc) {
  const quads = await rdfDataset(doc);
  return rdfCanonize.canonize(quads, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
}

/** The receipt proofs[index] of doc: {status, message, anchors}. */
export async function verifyMerkle(doc, index, proofs, what = 'the certificate') {
  let receipt, digest;
  try {
    receipt = decodeReceipt(String(proofs[index].proofValue ?? ''));
    const unsigned = { ...doc }; delete unsigned.proof;
    const earlier = proofs.slice(0, index);
    if (earlier.length) unsigned.proof = earlier.length === 1 ? earlier[0] : earlier;
    digest = sha256(new TextEncoder().encode(await canonicalNquads(unsigned)));
  } catch (e) {
    if (e instanceof UnknownContext) return { status: SKIPPED, message: `Merkle proof not checked: ${e.message}`, anchors: [] };
    if (e instanceof JsonLdProblem) return { status: FAIL, message: `the Blockcerts receipt cannot be checked: ${e.message}`, anchors: [] };
    return { status: FAIL, message: `the Blockcerts receipt cannot be checked: ${e.message}`, anchors: [] };
  }
  if (hexish(receipt.targetHash) !== hex(digest)) return { status: FAIL, message: `${what} content does not match its Merkle receipt (altered)`, anchors: [] };
  let root;
  try {
    root = merkleRoot(digest, Array.isArray(receipt.path) ? receipt.path : []);
  } catch (e) {
    return { status: FAIL, message: `the Merkle receipt is malformed: ${e.message}`, anchors: [] };
  }
  if (hex(root) !== hexish(receipt.merkleRoot)) return { status: FAIL, message: "the Merkle path does not lead to the receipt's root", anchors: [] };
  return { status: PASS, message: `${what} matches its Merkle proof (content unaltered)`, anchors: (receipt.anchors || []).map(String) };
}

/** Whether a Merkle root was really written to a blockchain needs an explorer: never "pass" here. */
export function anchorCheck(rep, anchors) {
  if (anchors.length && anchors.every((a) => a.includes('mocknet'))) rep.add('anchor', SKIPPED, 'anchored on a test network (mocknet): no blockchain to check');
  else rep.add('anchor', SKIPPED, 'blockchain anchor not checked (needs a blockchain explorer; online checks are off)');
}

/** Every proof of a Blockcerts v3 certificate (blockcerts.check): each receipt, and each signature beside it. */
export async function check(doc, proofs, rep, verifyProof) {
  const results = [];
  let anchors = [];
  for (let i = 0; i < proofs.length; i++) {
    if (isMerkle(proofs[i])) {
      const m = await verifyMerkle(doc, i, proofs);
      results.push(m); anchors = anchors.concat(m.anchors);
    } else results.push(await verifyProof(doc, proofs[i], rep.ctx));
  }
  const fails = results.filter((r) => r.status === FAIL), unchecked = results.filter((r) => r.status === SKIPPED);
  const several = results.length > 1;
  if (fails.length) { rep.add('signature', FAIL, fails[0].message); return; }
  if (unchecked.length) {
    const what = several ? `${unchecked.length} of ${results.length} proofs not checked` : 'Merkle proof not checked';
    rep.add('signature', SKIPPED, `${what}: ${unchecked[0].message}`);
  } else {
    rep.add('signature', PASS, 'the certificate matches its Merkle proof (content unaltered)' + (several ? ` (all ${results.length} proofs)` : ''));
  }
  if (anchors.length) anchorCheck(rep, anchors);
}
