// Check messages in the page's language, from their English text: the engine (engine.js) writes the same English
// messages as the Python core, and the core's catalogue (resources/labels/<lang>.json, exported as "msg.<id>"
// into generated/messages.json) has each message's English template and its translations.  The same reverse
// lookup as wallet/messages.py: every English template becomes an anchored regex (placeholders as non-greedy
// groups); of the templates that match, the one that explains most of the text wins (its own literal text
// plus what the messages it holds explain); its arguments are translated in turn and put into the template of
// the target language.  A message no template matches is shown as it is.

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = /^(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})$/;

export function makeTranslator(MESSAGES) {
  const patterns = [];
  for (const [key, template] of Object.entries(MESSAGES.en)) {
    if (!key.startsWith('msg.')) continue;
    const literal = template.replace(PLACEHOLDER, '').length;
    if (!literal) continue; // "{reason}" alone would match anything
    const seen = new Set();
    let src = '', pos = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      src += escape(template.slice(pos, m.index));
      src += seen.has(m[1]) ? `\\k<${m[1]}>` : `(?<${m[1]}>[\\s\\S]*?)`;
      seen.add(m[1]);
      pos = m.index + m[0].length;
    }
    src += escape(template.slice(pos));
    patterns.push({ re: new RegExp(`^${src}$`), id: key, literal });
  }
  const best = new Map();
  function lookup(english) {
    if (best.has(english)) return best.get(english);
    best.set(english, null); // a message that holds itself explains nothing more
    let found = null;
    for (const p of patterns) {
      const m = p.re.exec(english);
      if (!m) continue;
      const args = { ...(m.groups || {}) };
      let score = p.literal;
      for (const v of Object.values(args)) {
        const inner = v && v !== english ? lookup(v) : null;
        if (inner) score += inner.score;
      }
      if (!found || score > found.score || (score === found.score && p.literal > found.literal)) {
        found = { id: p.id, args, score, literal: p.literal };
      }
    }
    best.set(english, found);
    return found;
  }
  function date(d, lang) {
    const t = (k) => (MESSAGES[lang] && MESSAGES[lang][k]) || MESSAGES.en[k] || k;
    return t('date.long').replace('{day}', String(Number(d[1]))).replace('{month}', t(`month.${MONTHS.indexOf(d[2]) + 1}`))
      .replace('{year}', d[3]);
  }
  const cache = new Map();
  function translate(english, lang) {
    if (!english || lang === 'en' || !MESSAGES[lang]) return english;
    const k = `${lang}\u0000${english}`;
    if (cache.has(k)) return cache.get(k);
    let out = english;
    const found = lookup(english);
    if (found) {
      const template = MESSAGES[lang][found.id] || MESSAGES.en[found.id];
      out = template.replace(PLACEHOLDER, (_, name) => translate(found.args[name] || '', lang));
    } else if (DAY.test(english)) {
      out = date(DAY.exec(english), lang);
    } else if (english.includes('; ')) { // a list of problems
      out = english.split('; ').map((part) => translate(part, lang)).join('; ');
    }
    cache.set(k, out);
    return out;
  }
  return translate;
}
