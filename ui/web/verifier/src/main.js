// The page: reads the CW2 (or CW1) code from the URL fragment (never sent anywhere), a file, pasted text or the
// camera, checks it with engine.js, and shows the verdict in the shared words (src/generated/messages.json).
// Automation contract: document.body.dataset.status and window.credwalletResult (see docs/verifier.md).
import { verifyPresentation, VerifyContext } from './engine.js';
import { sequenceState, isQrText } from './qr.js';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import MESSAGES from './generated/messages.json';
import { makeTranslator } from './messages.js';

const TRUST_KEY = 'credwallet.trust';
const $ = (id) => document.getElementById(id);
let lang = (navigator.language || 'en').toLowerCase().startsWith('de') ? 'de' : 'en';
const params = new URLSearchParams(location.search);
if (params.get('lang') === 'de' || params.get('lang') === 'en') lang = params.get('lang');
const tr = (key, ...args) => {
  let s = (MESSAGES[lang] && MESSAGES[lang][key]) || MESSAGES.en[key] || key;
  args.forEach((a, i) => { s = s.replace(`%${i + 1}`, String(a)); });
  return s;
};
const translateMessage = makeTranslator(MESSAGES); // the engine's English check messages, in the page's language
const said = (english) => translateMessage(english, lang);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) { if (k === 'class') e.className = v; else e.setAttribute(k, v); }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
};

let trust = { issuers: [] };
let trustFromQuery = false;
let pendingQr = [];
let lastInput = null;

function loadStoredTrust() {
  try { const t = JSON.parse(localStorage.getItem(TRUST_KEY) || 'null'); if (t) trust = t; } catch (e) { trust = { issuers: [] }; }
}

function showTrust() {
  const n = Array.isArray(trust.issuers) ? trust.issuers.length : 0;
  $('trust-state').textContent = n ? tr('%1 trusted issuers loaded in this browser', n) : tr('No trust list: issuers are not confirmed.');
}

function translateStatic() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = tr(node.dataset.t);
  $('proof-text').textContent = tr('PROOF_TEXT');
}

function ladder(checks, prefix) {
  const get = (id) => checks.find((c) => c.id === prefix + id);
  const trustC = get('issuer_trust'), keyC = get('issuer_key');
  if (trustC && trustC.status === 'pass') return ['pass', tr('Confirmed: in your trusted list, and signed with its key')];
  if (keyC && keyC.status === 'pass') return ['skipped', tr("Signed with the issuer's own key, but not in your trusted list")];
  return ['fail', tr('Not confirmed: the signing key could not be tied to the issuer')];
}

// a field's label from the shared catalogue (wallet/labels.py field()): known names by their label, others
// split into words ("creditsAvailable" -> "Credits available")
function fieldLabel(name) {
  const key = `field.${name}`;
  const known = (MESSAGES[lang] && MESSAGES[lang][key]) || MESSAGES.en[key];
  if (known) return known;
  const words = name.replace(/([a-z0-9])(?=[A-Z])/g, '$1 ').replace(/[_-]/g, ' ').split(/\s+/).filter(Boolean);
  if (!words.length) return name;
  const out = words.map((w) => (w.length > 1 && w === w.toUpperCase() && /[A-Z]/.test(w) ? w : w.toLowerCase())).join(' ');
  return out[0].toUpperCase() + out.slice(1);
}

function fieldList(claims) {
  const dl = el('dl', { class: 'fields' });
  const walk = (v, label) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !('@value' in v)) {
      for (const [k, x] of Object.entries(v)) {
        if (['type', '@context'].includes(k)) continue;
        const name = k === 'credentialSubject' && !label ? '' : fieldLabel(k);  // as labels.pointer() does
        walk(x, label && name ? `${label} › ${name}` : label || name);
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${label} ${i + 1}`));
    else { dl.append(el('dt', {}, label), el('dd', {}, v && typeof v === 'object' ? v['@value'] : String(v))); }
  };
  walk(claims, '');
  return dl;
}

function render(result) {
  const box = $('result');
  box.replaceChildren();
  const word = tr(`status.${result.status}`);
  box.append(el('h2', { class: `verdict ${result.status}`, id: 'verdict' }, word));
  result.disclosed.forEach((d, i) => {
    const prefix = result.kind === 'sd-jwt' ? 'credential.' : `credential${i + 1}.`;
    const [lv, ltext] = ladder(result.checks, prefix);
    const card = el('section', { class: 'credential', 'aria-label': d.credential || '' },
      el('h3', {}, d.credential || '—'),
      el('p', {}, el('strong', {}, tr('Issuer') + ': '), d.issuer || '—'),
      el('p', { class: `ladder ${lv}` }, el('strong', {}, tr('Issuer confirmation') + ': '), ltext));
    const person = d.subject || (d.claims && typeof d.claims === 'object' ? [d.claims.given_name, d.claims.family_name].filter(Boolean).join(' ') : '');
    if (person) card.append(el('p', {}, el('strong', {}, tr('Person (as claimed)') + ': '), person));
    if (d.claims && typeof d.claims === 'object') card.append(el('h4', {}, tr('Shared fields')), fieldList(d.claims));
    else card.append(el('p', {}, tr('The whole credential was shared.')));
    box.append(card);
  });
  const list = el('ul', { class: 'checks', 'aria-label': tr('Checks') });
  for (const c of result.checks) {
    const short = c.id.split('.').slice(-1)[0].replace(/^\d+$/, '') || c.id.split('.').slice(-2)[0];
    const key = `check.${short}`;
    list.append(el('li', { class: c.status },
      el('span', { class: 'badge' }, tr(c.status)), ' ',
      el('strong', {}, MESSAGES.en[key] ? tr(key) : c.id), ': ', said(c.message)));
  }
  box.append(el('details', { open: '' }, el('summary', {}, tr('Checks')), list));
}

function finish(result) {
  window.credwalletResult = result;
  render(result);
  document.body.dataset.status = result.status;
  $('verdict').focus && $('verdict').setAttribute('tabindex', '-1');
}

function fail(message) {
  const result = { status: 'unverified', kind: '', issuer: '', holder: '', disclosed: [], checks: [], error: message };
  window.credwalletResult = result;
  $('result').replaceChildren(el('h2', { class: 'verdict unverified', id: 'verdict' }, tr('Cannot read this')), el('p', { role: 'alert' }, said(message)));

  document.body.dataset.status = 'unverified';
}

async function check(input) {
  lastInput = input;
  delete document.body.dataset.status;
  $('result').replaceChildren(el('p', { 'aria-busy': 'true' }, '…'));
  try {
    const ctx = new VerifyContext({ trust, online });
    const aud = $('aud').value.trim() || null, nonce = $('nonce').value.trim() || null;
    try {
      finish(await verifyPresentation(input, ctx, { audience: aud, nonce }));
    } finally {
      if (online) showFetches(ctx.fetchLog);
    }
  } catch (e) {
    fail(e.message || String(e));
  }
}

/** QR texts as they arrive (fragment, scans, files): check when a sequence is complete. */
function addQrTexts(texts) {
  for (const t of texts) if (!pendingQr.includes(t)) pendingQr.push(t);
  const state = sequenceState(pendingQr);
  if (state && state.missing.length) {
    $('result').replaceChildren(el('p', { role: 'status' }, tr('Scan the remaining codes: missing %1 of %2', state.missing.join(', '), state.total)));
    return;
  }
  const texts2 = pendingQr; pendingQr = [];
  return check(texts2);
}

async function sameOrigin(path) {
  const url = new URL(path, location.href);
  if (url.origin !== location.origin) throw new Error(`only files from this site are loaded (${url.origin} is another)`);
  const r = await fetch(url, { credentials: 'same-origin' });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.text();
}

// QR images and camera frames: the browser's BarcodeDetector where it has one (Chrome on Android/macOS,
// Safari), otherwise zxing-cpp compiled to WebAssembly (dist/zxing-reader.js, loaded on first use)
let zxing = null;
function loadZxing() {
  if (zxing) return zxing;
  zxing = new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = 'dist/zxing-reader.js';
    s.onload = () => {
      try {
        const b64 = window.credwalletZxingWasm;
        const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        delete window.credwalletZxingWasm;
        prepareZXingModule({ overrides: { wasmBinary: bin.buffer, locateFile: (p) => p }, fireImmediately: true })
          .then(() => resolve((input) => readBarcodes(input, { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 16 })), reject);
      } catch (e) { reject(e); }
    };
    s.onerror = () => reject(new Error('the QR reader could not be loaded; paste the text instead'));
    document.head.append(s);
  });
  return zxing;
}

async function readQr(source) {
  if ('BarcodeDetector' in window) {
    const codes = await new window.BarcodeDetector({ formats: ['qr_code'] }).detect(source);
    return codes.map((c) => c.rawValue);
  }
  const read = await loadZxing();
  const results = await read(source);
  return results.filter((r) => r.isValid && r.text).map((r) => r.text);
}

async function decodeImage(file) {
  return readQr('BarcodeDetector' in window ? await createImageBitmap(file) : file);
}

async function onFiles(files) {
  const texts = [];
  for (const f of files) {
    if (f.type.startsWith('image/')) texts.push(...await decodeImage(f));
    else { const t = await f.text(); if (isQrText(t.split('\n')[0] || '')) texts.push(...t.split('\n').filter((x) => x.trim())); else return check(t); }
  }
  if (texts.length) return addQrTexts(texts);
  return fail('no QR code found in the image');
}

async function scan() {
  if (!navigator.mediaDevices) { fail('this browser has no camera access; open the QR image instead'); return; }
  const video = $('video');
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  video.srcObject = stream; video.hidden = false; await video.play();
  const canvas = document.createElement('canvas');
  const stop = () => { stream.getTracks().forEach((t) => t.stop()); video.hidden = true; };
  const frame = () => {
    if ('BarcodeDetector' in window) return video;
    canvas.width = video.videoWidth; canvas.height = video.videoHeight;
    const g = canvas.getContext('2d', { willReadFrequently: true });
    g.drawImage(video, 0, 0);
    return g.getImageData(0, 0, canvas.width, canvas.height);
  };
  const tick = async () => {
    const texts = (video.videoWidth ? await readQr(frame()).catch(() => []) : []).filter(isQrText);
    if (texts.length) {
      for (const t of texts) if (!pendingQr.includes(t)) pendingQr.push(t);
      const st = sequenceState(pendingQr);
      if (!st || !st.missing.length) { stop(); addQrTexts([]); return; }
      $('result').replaceChildren(el('p', { role: 'status' }, tr('Scan the remaining codes: missing %1 of %2', st.missing.join(', '), st.total)));
    }
    setTimeout(tick, 150); // about six frames a second: enough to scan, light on a phone's battery
  };
  tick();
}

// Online checks (status lists) run only when the employer presses "Check online", for that check only;
// every request is listed. Nothing is sent before that.
let online = false;
function showFetches(log) {
  const list = $('fetch-log');
  if (!log.length) { list.replaceChildren(el('li', {}, tr('No online check has run: nothing was sent anywhere.'))); return; }
  list.replaceChildren(...log.map((f) => el('li', {}, `${f.url} — ${f.outcome || '…'}${f.bytes !== undefined ? ` (${f.bytes} bytes, ${f.ms} ms)` : ''}`)));
}

async function checkOnline() {
  if (!lastInput) return;
  online = true;
  try { await check(lastInput); } finally { online = false; }
}

async function start() {
  translateStatic();
  loadStoredTrust();
  $('lang').value = lang;
  $('lang').addEventListener('change', () => { lang = $('lang').value; translateStatic(); showTrust(); if (window.credwalletResult && window.credwalletResult.checks.length) render(window.credwalletResult); });
  $('file').addEventListener('change', (e) => onFiles([...e.target.files]).catch((err) => fail(err.message)));
  $('paste-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const t = $('paste').value.trim();
    const lines = t.split('\n').map((x) => x.trim()).filter(Boolean);
    if (lines.length && lines.every(isQrText)) addQrTexts(lines); else check(t);
  });
  $('trust-file').addEventListener('change', async (e) => {
    try {
      const t = JSON.parse(await e.target.files[0].text());
      new VerifyContext({ trust: t });
      trust = t; localStorage.setItem(TRUST_KEY, JSON.stringify(t)); showTrust();
      if (lastInput) check(lastInput);
    } catch (err) { fail(`trust list: ${err.message}`); }
  });
  $('trust-clear').addEventListener('click', () => { localStorage.removeItem(TRUST_KEY); trust = { issuers: [] }; showTrust(); if (lastInput) check(lastInput); });
  $('scan').addEventListener('click', () => scan().catch((err) => fail(err.message)));
  $('online').addEventListener('click', checkOnline);
  for (const id of ['aud', 'nonce']) $(id).value = params.get(id === 'aud' ? 'aud' : 'nonce') || '';
  try {
    if (params.get('trust')) { trust = JSON.parse(await sameOrigin(params.get('trust'))); trustFromQuery = true; new VerifyContext({ trust }); }
  } catch (e) { showTrust(); return fail(`trust list: ${e.message}`); }
  showTrust();
  try {
    if (params.get('file')) return await check(await sameOrigin(params.get('file')));
    if (params.get('qr')) return await addQrTexts((await sameOrigin(params.get('qr'))).split('\n').map((x) => x.trim()).filter(Boolean));
  } catch (e) { return fail(e.message); }
  if (location.hash.length > 1 && isQrText(location.hash)) return addQrTexts([location.hash]);
  void trustFromQuery;
}

window.addEventListener('hashchange', () => { if (isQrText(location.hash)) addQrTexts([location.hash]); });
start();
