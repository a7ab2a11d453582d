// The CW1 QR payload codec, reading side (docs/qr-format.md; the writer is wallet/present/qr.py).
// base32 text -> raw DEFLATE with the CW1 preset dictionary -> a CBOR envelope -> the presentation text.
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

export function openEnvelope(data) {
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

function fragment(text) {
  text = text.trim();
  if (text.includes('#')) text = text.slice(text.indexOf('#') + 1);
  if (text.toUpperCase().startsWith('CW1:')) {
    let t = text;
    try { t = decodeURIComponent(text); } catch (e) { /* keep as is: the pattern check refuses it */ }
    return t.trim().toUpperCase();
  }
  return text;
}

export const isQrText = (text) => fragment(text).startsWith('CW1:');

const SINGLE = /^CW1:([A-Z2-7]+)$/;
const PART = /^CW1:(\d{1,3})\/(\d{1,3}):([A-Z2-7]{4}):([A-Z2-7]+)$/;

/** Parse the parts seen so far: {total, have: [i...], missing: [i...]} (for asking for the rest). */
export function sequenceState(texts) {
  const parts = new Map();
  let total = null, setId = null;
  for (const f of texts.map(fragment)) {
    const m = PART.exec(f);
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
  let m;
  if (frags.length === 1 && (m = SINGLE.exec(frags[0]))) return openEnvelope(b32decode(m[1]));
  const parts = new Map();
  let total = null, setId = null;
  for (const f of frags) {
    m = PART.exec(f);
    if (!m) {
      if (SINGLE.exec(f)) throw new BadInput('a single QR code was mixed with parts of a sequence');
      throw new BadInput('not a credwallet QR code (expected CW1:...)');
    }
    const i = +m[1], n = +m[2], sid = m[3];
    if (total === null) { total = n; setId = sid; }
    if (n !== total || sid !== setId) throw new BadInput('these QR codes belong to different sequences');
    if (!(i >= 1 && i <= n)) throw new BadInput(`QR part number ${i} is outside 1..${n}`);
    parts.set(i, m[4]);
  }
  if (total === null) throw new BadInput('not a credwallet QR code (expected CW1:...)');
  const missing = [];
  for (let i = 1; i <= total; i++) if (!parts.has(i)) missing.push(i);
  if (missing.length) throw new BadInput(`QR sequence is incomplete: missing part ${missing.join(', ')} of ${total}`);
  let body = '';
  for (let i = 1; i <= total; i++) body += parts.get(i);
  if (b32encode(sha256(new TextEncoder().encode(body))).slice(0, 4) !== setId) {
    throw new BadInput('QR sequence parts do not fit together');
  }
  return openEnvelope(b32decode(body));
}
