// The QR payload codec, reading side (docs/qr-format.md; the writer is wallet/present/qr.py).
// CW2 (written today): decimal digits -> raw DEFLATE with the preset dictionary -> a CBOR array envelope.
// CW1 (still read): base32 text -> raw DEFLATE with the same dictionary -> a CBOR map envelope.
import { Inflate } from 'fflate';
import { decode as cborDecode } from 'cborg';
import { sha256 } from '@noble/hashes/sha2.js';
import { ZDICT_TEXT } from './generated/zdict.js';

const ZDICT = new TextEncoder().encode(ZDICT_TEXT);

export const MAX_INFLATED = 4 * 1024 * 1024;

export class BadInput extends Error {}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function b32decode(s) {
  if ([1, 3, 6].includes(s.length % 8)) throw new BadInput('QR payload is not valid base32');
  const out = [];
  let bits = 0, value = 0;
  for (const ch of s) {
    const v = B32.indexOf(ch);
    if (v < 0) throw new BadInput('QR payload is not valid base32');
    value = (value << 5) | v; bits += 5;
    if (bits >= 8) { bits -= 8; out.push((value >>> bits) & 0xff); }
  }
  return Uint8Array.from(out);
}

export function b32encode(bytes) {
  let out = '', bits = 0, value = 0;
  for (const b of bytes) {
    value = (value << 8) | b; bits += 8;
    while (bits >= 5) { bits -= 5; out += B32[(value >>> bits) & 31]; }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export function b64u(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const jwtText = (parts) => parts.map(b64u).join('.');

function inflate(data) {
  // streamed, so a small code that inflates to gigabytes is stopped at the limit, not after it
  const chunks = [];
  let size = 0, over = false;
  const inflater = new Inflate({ dictionary: ZDICT }, (chunk) => {
    size += chunk.length;
    if (size > MAX_INFLATED) over = true; else chunks.push(chunk);
  });
  try {
    for (let i = 0; i < data.length && !over; i += 4096) {
      inflater.push(data.subarray(i, i + 4096), i + 4096 >= data.length);
    }
  } catch (e) {
    throw new BadInput('QR payload does not decompress');
  }
  if (over) throw new BadInput('QR payload inflates beyond the size limit');
  const raw = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { raw.set(c, at); at += c.length; }
  return raw;
}

function cbor(raw) {
  try {
    return cborDecode(raw, { useMaps: false, rejectDuplicateMapKeys: true, strict: true });
  } catch (e) {
    throw new BadInput('QR payload is not a presentation envelope');
  }
}

export function openEnvelope(data) {
  const raw = inflate(data);
  let obj;
  try {
    obj = cborDecode(raw, { useMaps: false, rejectDuplicateMapKeys: true, strict: true });
  } catch (e) {
    throw new BadInput('QR payload is not a presentation envelope');
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj) || !['sd', 'vp'].includes(obj.t)) {
    throw new BadInput('QR payload is not a presentation envelope');
  }
  const isBytesList = (l) => Array.isArray(l) && l.every((x) => x instanceof Uint8Array);
  if (obj.t === 'sd') {
    if (!isBytesList(obj.j) || !isBytesList(obj.d) || ('k' in obj && !isBytesList(obj.k))) {
      throw new BadInput('QR payload envelope is malformed');
    }
    let text = jwtText(obj.j) + '~' + obj.d.map((x) => b64u(x) + '~').join('');
    if ('k' in obj) text += jwtText(obj.k);
    return { kind: 'sd-jwt', text };
  }
  if (!(obj.b instanceof Uint8Array)) throw new BadInput('QR payload envelope is malformed');
  try {
    return { kind: 'vp', text: new TextDecoder('utf-8', { fatal: true }).decode(obj.b) };
  } catch (e) {
    throw new BadInput('QR payload envelope is malformed');
  }
}

const MARK = '\u0000';
const isBytesList = (l) => Array.isArray(l) && l.every((x) => x instanceof Uint8Array);

function dropJwts(value, blobs, used) {
  if (Array.isArray(value)) return value.map((v) => dropJwts(v, blobs, used));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = dropJwts(v, blobs, used);
    return out;
  }
  if (typeof value === 'string' && value.startsWith(MARK)) {
    const i = /^[0-9]+$/.test(value.slice(1)) ? Number(value.slice(1)) : -1;
    if (!(i >= 0 && i < blobs.length) || used.has(i)) throw new BadInput('QR payload envelope is malformed');
    used.add(i);
    const blob = blobs[i];
    if (!isBytesList(blob) || blob.length !== 4) throw new BadInput('QR payload envelope is malformed');
    return utf8(blob[0]) + ',' + jwtText(blob.slice(1));
  }
  return value;
}

function utf8(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    throw new BadInput('QR payload envelope is malformed');
  }
}

export function openEnvelopeCw2(data) {
  const obj = cbor(inflate(data));
  if (!Array.isArray(obj) || ![1, 2].includes(obj[0])) throw new BadInput('QR payload is not a presentation envelope');
  if (obj[0] === 1 && obj.length === 4) {
    if (!isBytesList(obj[1]) || !isBytesList(obj[2]) || !(obj[3] === null || isBytesList(obj[3]))) {
      throw new BadInput('QR payload envelope is malformed');
    }
    let text = jwtText(obj[1]) + '~' + obj[2].map((x) => b64u(x) + '~').join('');
    if (obj[3] !== null) text += jwtText(obj[3]);
    return { kind: 'sd-jwt', text };
  }
  if (obj[0] === 2 && obj.length === 3 && obj[1] instanceof Uint8Array && Array.isArray(obj[2])) {
    let vp;
    try { vp = JSON.parse(utf8(obj[1])); } catch (e) { throw new BadInput('QR payload envelope is malformed'); }
    if (!vp || typeof vp !== 'object' || Array.isArray(vp)) throw new BadInput('QR payload envelope is malformed');
    const used = new Set();
    if (obj[2].length) vp = dropJwts(vp, obj[2], used);
    if (used.size !== obj[2].length) throw new BadInput('QR payload envelope is malformed');
    return { kind: 'vp', text: JSON.stringify(vp) };
  }
  throw new BadInput('QR payload envelope is malformed');
}

// CW2 digits: every 7 bytes are 17 digits; a last group of k bytes the digit count of 256**k - 1
const GROUP = 7;
const DIGITS = [0, 3, 5, 8, 10, 13, 15, 17];

export function digitsDecode(s) {
  const full = Math.floor(s.length / DIGITS[GROUP]), rest = s.length % DIGITS[GROUP];
  const restBytes = DIGITS.indexOf(rest);
  if ((rest && restBytes < 1) || !/^[0-9]*$/.test(s)) throw new BadInput('QR payload is not a valid CW2 digit string');
  const sizes = Array(full).fill(GROUP);
  if (rest) sizes.push(restBytes);
  const out = new Uint8Array(full * GROUP + (rest ? restBytes : 0));
  let pos = 0, at = 0;
  for (const size of sizes) {
    let n = BigInt(s.slice(pos, pos + DIGITS[size]));
    pos += DIGITS[size];
    if (n >= 1n << BigInt(8 * size)) throw new BadInput('QR payload is not a valid CW2 digit string');
    for (let j = size - 1; j >= 0; j--) { out[at + j] = Number(n & 0xffn); n >>= 8n; }
    at += size;
  }
  return out;
}

function setIdOf(version, body) {
  const digest = sha256(new TextEncoder().encode(body));
  if (version === 'CW1') return b32encode(digest).slice(0, 4);
  const n = ((digest[0] << 24) >>> 0) + (digest[1] << 16) + (digest[2] << 8) + digest[3];
  return String(n % 1000000).padStart(6, '0');
}

function fragment(text) {
  text = text.trim();
  if (text.includes('#')) text = text.slice(text.indexOf('#') + 1);
  if (['CW1:', 'CW2:'].includes(text.slice(0, 4).toUpperCase())) {
    let t = text;
    try { t = decodeURIComponent(text); } catch (e) { /* keep as is: the pattern check refuses it */ }
    return t.trim().toUpperCase();
  }
  return text;
}

export const isQrText = (text) => ['CW1:', 'CW2:'].includes(fragment(text).slice(0, 4));

const FORMS = {
  CW1: [/^CW1:([A-Z2-7]+)$/, /^CW1:([0-9]{1,3})\/([0-9]{1,3}):([A-Z2-7]{4}):([A-Z2-7]+)$/],
  CW2: [/^CW2:([0-9]+)$/, /^CW2:([0-9]{1,3})\/([0-9]{1,3}):([0-9]{6}):([0-9]+)$/],
};
const open = (version, body) => (version === 'CW1' ? openEnvelope(b32decode(body)) : openEnvelopeCw2(digitsDecode(body)));

/** Parse the parts seen so far: {total, have: [i...], missing: [i...]} (for asking for the rest). */
export function sequenceState(texts) {
  const parts = new Map();
  let total = null, setId = null;
  const frags = texts.map(fragment);
  const form = FORMS[frags.length ? frags[0].slice(0, 3) : ''];
  if (!form) return null;
  for (const f of frags) {
    const m = form[1].exec(f);
    if (!m) return null;
    if (total === null) { total = +m[2]; setId = m[3]; }
    if (+m[2] !== total || m[3] !== setId) return null;
    parts.set(+m[1], m[4]);
  }
  const missing = [];
  for (let i = 1; i <= total; i++) if (!parts.has(i)) missing.push(i);
  return { total, missing };
}

/** One QR text, or the parts of a sequence in any order -> {kind, text}. */
export function fromTexts(texts) {
  const frags = texts.map(fragment);
  const version = frags.length ? frags[0].slice(0, 3) : '';
  if (!FORMS[version]) throw new BadInput('not a credwallet QR code (expected CW2:... or CW1:...)');
  if (new Set(frags.map((f) => f.slice(0, 3))).size > 1) throw new BadInput('these QR codes belong to different sequences');
  const [SINGLE, PART] = FORMS[version];
  let m;
  if (frags.length === 1 && (m = SINGLE.exec(frags[0]))) return open(version, m[1]);
  const parts = new Map();
  let total = null, setId = null;
  for (const f of frags) {
    m = PART.exec(f);
    if (!m) {
      if (SINGLE.exec(f)) throw new BadInput('a single QR code was mixed with parts of a sequence');
      throw new BadInput(`not a credwallet QR code (expected ${version}:...)`);
    }
    const i = +m[1], n = +m[2], sid = m[3];
    if (total === null) { total = n; setId = sid; }
    if (n !== total || sid !== setId) throw new BadInput('these QR codes belong to different sequences');
    if (!(i >= 1 && i <= n)) throw new BadInput(`QR part number ${i} is outside 1..${n}`);
    parts.set(i, m[4]);
  }
  if (total === null) throw new BadInput(`not a credwallet QR code (expected ${version}:...)`);
  const missing = [];
  for (let i = 1; i <= total; i++) if (!parts.has(i)) missing.push(i);
  if (missing.length) throw new BadInput(`QR sequence is incomplete: missing part ${missing.join(', ')} of ${total}`);
  let body = '';
  for (let i = 1; i <= total; i++) body += parts.get(i);
  if (setIdOf(version, body) !== setId) {
    throw new BadInput('QR sequence parts do not fit together');
  }
  return open(version, body);
}
