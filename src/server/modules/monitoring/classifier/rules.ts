// Step 3 of the classifier: the lexicon and pattern layer. It finds every rule of the
// lexicon in a comment and reports, for each, the span of the verbatim text it matched.
//
// The normalised copy (normalise.ts) is folded once more for matching: Kazakh letters to
// their Russian neighbours (қ → к, ұ → у …) and Latin letters loosely (ý/w → u, ı/y → i,
// q → k, ş → sh, zh → j), because people type Kazakh with whatever keyboard they have.
// Lexicon words and patterns are folded the same way when they are compiled, so a rule
// is written in ordinary spelling and still matches every way of typing it.
import type { RuleMatch } from '../../../../common/monitoring/classification.ts';
import type { CommentLanguage } from '../../../../common/monitoring/vocabulary.ts';
import { LEXICON } from './lexicon/index.ts';
import { escapeAt } from './regex-source.ts';
import type { LexiconRule, RuleSignal } from './lexicon/types.ts';
import { isLetterCode, normalise, stringFromCodes, type NormalisedText } from './normalise.ts';

const FOLD: Record<string, string> = {
  і: 'и',
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  á: 'a',
  ä: 'a',
  à: 'a',
  ǵ: 'g',
  ğ: 'g',
  ń: 'n',
  ñ: 'n',
  ó: 'o',
  ö: 'o',
  ú: 'u',
  ü: 'u',
  ū: 'u',
  ý: 'u',
  w: 'u',
  ı: 'i',
  í: 'i',
  y: 'i',
  q: 'k',
  é: 'e',
  ş: 'sh',
  ç: 'ch',
  š: 'sh',
  č: 'ch',
  ž: 'j',
  '\u2019': "'",
  '\u02bc': "'",
  '\u2018': "'",
  '—': '-',
  '–': '-',
};

const LETTER = /\p{L}/u;

// The same folding by code unit, for comments: one unit to one, or to two (ş → sh).
const FOLD_ONE = new Int32Array(0x2100);
const FOLD_TWO = new Int32Array(0x2100);
for (const [from, to] of Object.entries(FOLD)) {
  const code = from.charCodeAt(0);
  FOLD_ONE[code] = to.charCodeAt(0);
  if (to.length === 2) FOLD_TWO[code] = to.charCodeAt(1);
}
const Z = 0x7a;
const H = 0x68;
const J = 0x6a;

/** Fold one character; `zh` is handled by the callers (two letters to one). */
function foldChar(ch: string): string {
  return FOLD[ch] ?? ch;
}

/** A comment folded for matching, with offsets into the verbatim text. */
export interface FoldedText {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

let cap = 0;
let units = new Uint16Array(0);
let unitStarts = new Int32Array(0);
let unitEnds = new Int32Array(0);

/** Fold a normalised comment for matching, keeping the map to the verbatim text. */
export function foldForMatching(n: NormalisedText): FoldedText {
  const src = n.text;
  const len = src.length;
  if (len * 2 > cap) {
    cap = Math.max(len * 2, cap * 2, 256);
    units = new Uint16Array(cap);
    unitStarts = new Int32Array(cap);
    unitEnds = new Int32Array(cap);
  }
  let m = 0;
  let prev = -1;
  for (let i = 0; i < len; i++) {
    const code = src.charCodeAt(i);
    let first = code < 0x2100 ? (FOLD_ONE[code] as number) || code : code;
    let second = code < 0x2100 ? (FOLD_TWO[code] as number) : 0;
    const start = n.starts[i] as number;
    let end = n.ends[i] as number;
    if (code === Z && i + 1 < len && src.charCodeAt(i + 1) === H) {
      first = J;
      second = 0;
      end = n.ends[i + 1] as number;
      i++;
    }
    for (let t = 0; t < 2; t++) {
      const c = t === 0 ? first : second;
      if (t === 1 && c === 0) break;
      if (c === prev && isLetterCode(c)) {
        unitEnds[m - 1] = end;
        continue;
      }
      units[m] = c;
      unitStarts[m] = start;
      unitEnds[m] = end;
      m++;
      prev = c;
    }
  }
  return {
    text: stringFromCodes(units, m),
    starts: unitStarts.slice(0, m),
    ends: unitEnds.slice(0, m),
  };
}

/** Fold a lexicon word or pattern source the same way; regular-expression escapes are kept. */
export function foldSource(source: string): string {
  let out = '';
  let prev = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    const escape = escapeAt(source, i);
    if (escape) {
      out += escape;
      i += escape.length - 1;
      prev = '';
      continue;
    }
    let lower = ch.toLowerCase();
    if (lower === 'ё') lower = 'е';
    let f = foldChar(lower);
    if (lower === 'z' && source[i + 1]?.toLowerCase() === 'h') {
      f = 'j';
      i++;
    }
    for (const c of f) {
      if (c === prev && LETTER.test(c)) continue;
      out += c;
      prev = c;
    }
  }
  return out;
}

/** A rule ready to match. */
interface CompiledRule {
  rule: LexiconRule;
  regex: RegExp | null;
  except: string[];
}

/** A rule match before the combiner decides what counts; `signal` may be `target`. */
export interface RawMatch {
  rule: LexiconRule;
  signal: RuleSignal;
  /** Offsets into the verbatim text. */
  start: number;
  end: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Rules whose word is a prefix ending here (`пидор*`). */
  prefix: CompiledRule[];
  /** Rules whose word is exactly the path to here. */
  exact: CompiledRule[];
}

function trieNode(): TrieNode {
  return { next: new Map(), prefix: [], exact: [] };
}

interface CompiledLexicon {
  trie: TrieNode;
  patterns: CompiledRule[];
  /** Groups of pattern rules with one combined regular expression that says whether any in the group can match. */
  groups: { quick: RegExp; rules: CompiledRule[]; script: number }[];
}

// Letters as the patterns see them: the scripts of the lexicon (Latin, Cyrillic, and Greek
// for look-alikes). Narrower than \p{L}, which irregexp checks by a long range table at
// every position; letters of other scripts only end words here.
const LETTERS = 'a-z\\u00c0-\\u024f\\u0370-\\u052f';
const WORD_START = `(?<![${LETTERS}0-9])`;

/** A folded pattern source in the engine's terms (no Unicode property escapes). */
function engineSource(folded: string): string {
  return folded
    .replaceAll('[^\\p{L}]', `[^${LETTERS}]`)
    .replaceAll('\\p{L}', `[${LETTERS}]`)
    .replaceAll('\\p{N}', '[0-9]');
}
const CYRILLIC = 1;
const LATIN = 2;

/** Which scripts the literal letters of a pattern are in. */
function scriptOfSource(source: string): number {
  const folded = foldSource(source).replace(/\\[pP]\{[^}]*\}|\\./g, '');
  return (/[\u0400-\u04ff]/.test(folded) ? CYRILLIC : 0) | (/[a-z]/.test(folded) ? LATIN : 0);
}
const GROUP_SIZE = 12;

function compile(rules: readonly LexiconRule[]): CompiledLexicon {
  const trie = trieNode();
  const patterns: CompiledRule[] = [];
  for (const rule of rules) {
    const except = (rule.except ?? []).map((w) => foldSource(normalise(w.replace(/\*$/, '')).text));
    if (rule.words) {
      const compiled: CompiledRule = { rule, regex: null, except };
      for (const word of rule.words) {
        const isPrefix = word.endsWith('*');
        // Word forms go through the same normalisation as comments (case, look-alikes,
        // doubled letters), then the same folding.
        const form = foldSource(normalise(isPrefix ? word.slice(0, -1) : word).text);
        let node = trie;
        for (const ch of form) {
          let child = node.next.get(ch);
          if (!child) {
            child = trieNode();
            node.next.set(ch, child);
          }
          node = child;
        }
        (isPrefix ? node.prefix : node.exact).push(compiled);
      }
    }
    if (rule.pattern !== undefined) {
      const source = `${WORD_START}(?:${engineSource(foldSource(rule.pattern))})`;
      patterns.push({ rule, regex: new RegExp(source, 'g'), except });
    }
  }
  // Patterns of one script only run on comments with letters of that script.
  const groups: CompiledLexicon['groups'] = [];
  for (const script of [CYRILLIC, LATIN, CYRILLIC | LATIN]) {
    const ofScript = patterns.filter((p) => scriptOfSource(p.rule.pattern ?? '') === script);
    for (let i = 0; i < ofScript.length; i += GROUP_SIZE) {
      const slice = ofScript.slice(i, i + GROUP_SIZE);
      const quick = new RegExp(
        `${WORD_START}(?:${slice.map((p) => `(?:${engineSource(foldSource(p.rule.pattern ?? ''))})`).join('|')})`,
      );
      groups.push({ quick, rules: slice, script });
    }
  }
  return { trie, patterns, groups };
}

let compiled: CompiledLexicon | null = null;

function lexicon(): CompiledLexicon {
  compiled ??= compile(LEXICON);
  return compiled;
}

function isWordLetter(code: number): boolean {
  // Letters of the scripts we fold to (ASCII, Latin-1/Extended, Cyrillic) and any other letter.
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  if (code >= 0x0400 && code <= 0x04ff) return true;
  return LETTER.test(String.fromCharCode(code));
}

const STAR = 0x2a;

/**
 * Trie walk for a word with hidden letters: each `*` follows every branch. Reports each
 * rule once. Exceptions are not checked (the hidden letters are unknown), and a word
 * that is all asterisks but one letter matches nothing useful, so at least three real
 * letters are required.
 */
function matchMasked(
  root: TrieNode,
  text: string,
  start: number,
  from: number,
  end: number,
  report: (rule: CompiledRule) => void,
): void {
  let letters = 0;
  for (let k = start; k < end; k++) if (text.charCodeAt(k) !== STAR) letters++;
  if (letters < 3) return;
  const seen = new Set<CompiledRule>();
  const once = (r: CompiledRule): void => {
    if (!seen.has(r)) {
      seen.add(r);
      report(r);
    }
  };
  const walk = (node: TrieNode, k: number): void => {
    if (k === end) {
      for (const r of node.exact) once(r);
      return;
    }
    const children =
      text.charCodeAt(k) === STAR ? [...node.next.values()] : [node.next.get(text[k] as string)];
    for (const child of children) {
      if (!child) continue;
      for (const r of child.prefix) once(r);
      walk(child, k + 1);
    }
  };
  walk(root, from);
}

function excluded(rule: CompiledRule, word: string): boolean {
  for (const e of rule.except) if (word.startsWith(e)) return true;
  return false;
}

/**
 * Every rule of the lexicon found in a comment, with spans into the verbatim text,
 * including `target` matches (mentions of the group) that the combiner needs and does
 * not report. Rules of all languages run on every comment: comments mix languages and
 * scripts, and a Kazakh word in a Russian sentence is still a Kazakh word.
 */
export function findRules(folded: FoldedText): RawMatch[] {
  const lex = lexicon();
  const text = folded.text;
  const out: RawMatch[] = [];
  const toVerbatim = (rule: LexiconRule, s: number, e: number): void => {
    out.push({
      rule,
      signal: rule.signal,
      start: folded.starts[s] as number,
      end: folded.ends[e - 1] as number,
    });
  };
  // Words: walk the trie along each word. An asterisk between letters stands for one
  // hidden letter (`п*дор`, `f*ggot`) and matches any.
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isWordLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let masked = false;
    while (j < n) {
      const code = text.charCodeAt(j);
      if (isWordLetter(code)) j++;
      else if (
        code === STAR &&
        j + 1 < n &&
        (isWordLetter(text.charCodeAt(j + 1)) || text.charCodeAt(j + 1) === STAR)
      ) {
        masked = true;
        j++;
      } else break;
    }
    if (masked) {
      // Only slurs and insults: they are what people mask, and a masked word could be
      // many others ("п**ор" is also "позор").
      matchMasked(lex.trie, text, i, i, j, (r) => {
        if (r.rule.signal === 'slur' || r.rule.signal === 'insult') toVerbatim(r.rule, i, j);
      });
      i = j;
      continue;
    }
    let node: TrieNode | undefined = lex.trie;
    let word: string | null = null;
    for (let k = i; k < j && node; k++) {
      node = node.next.get(text[k] as string);
      if (!node) break;
      for (const r of node.prefix) {
        word ??= text.slice(i, j);
        if (r.except.length === 0 || !excluded(r, word)) toVerbatim(r.rule, i, j);
      }
      if (k === j - 1) {
        for (const r of node.exact) {
          word ??= text.slice(i, j);
          if (r.except.length === 0 || !excluded(r, word)) toVerbatim(r.rule, i, j);
        }
      }
    }
    i = j;
  }
  // Patterns: a group's combined expression first, then its rules one by one.
  let scripts = 0;
  for (let k = 0; k < n && scripts !== (CYRILLIC | LATIN); k++) {
    const code = text.charCodeAt(k);
    if (code >= 0x400 && code <= 0x4ff) scripts |= CYRILLIC;
    else if (code >= 0x61 && code <= 0x7a) scripts |= LATIN;
  }
  for (const group of lex.groups) {
    if ((group.script & scripts) === 0) continue;
    if (!group.quick.test(text)) continue;
    for (const p of group.rules) {
      const re = p.regex as RegExp;
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        toVerbatim(p.rule, m.index, m.index + m[0].length);
      }
    }
  }
  // One match per rule and span start, in text order.
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  const unique: RawMatch[] = [];
  for (const m of out) {
    const last = unique.findLast((u) => u.rule === m.rule);
    if (last && m.start < last.end) continue;
    unique.push(m);
  }
  return unique;
}

/**
 * The rules that match a comment, with spans into its verbatim text (`signal` is a hate
 * category or a reason not to flag). This is the raw rule layer; `classify` decides which
 * of them count. `language` is accepted for callers that route by it; all rules run.
 */
export function matchRules(verbatim: string, language?: CommentLanguage): RuleMatch[] {
  void language;
  const raw = findRules(foldForMatching(normalise(verbatim)));
  const out: RuleMatch[] = [];
  for (const m of raw) {
    if (m.signal === 'target') continue;
    out.push({ rule: m.rule.id, signal: m.signal, start: m.start, end: m.end });
  }
  return out;
}

/** Compile the lexicon now rather than on the first comment (tests, the CLI at start). */
export function warmRules(): void {
  lexicon();
}
