/**
 * The theme coder: transparent, offline rules from the codebook applied to lemmatised text
 * (src/themes/codebook.yaml explains the rule syntax to coordinators). Every coded theme keeps the
 * words that triggered it.
 *
 * Matching, in short: a comment is split by wink-nlp into sentences and words (see `nlp.ts`);
 * sentences into clauses at punctuation. A phrase matches consecutive words of one clause: each
 * phrase word matches a comment word whose normal form or lemma equals the phrase word's (or its
 * lemma); `word~` matches by prefix; a phrase word of 6 letters or more also matches one typo away
 * (Levenshtein distance 1, fastest-levenshtein); `*` skips 0..3 words; `<name>` matches a proper
 * noun. A match is negated when a negation cue occurs within `negation.window` words before it in
 * its clause, with no break word ("but") in between.
 */
import { distance } from "fastest-levenshtein";
import type { Codebook } from "./codebook";
import { analyse, lemmaOf, normalOf, type Word } from "./nlp";

/** The words that made a theme fire. */
export interface Trigger {
  /** The codebook phrase, as written in the codebook (prefixed `not ` for a negated rule). */
  phrase: string;
  /** The comment's words that matched, as written, negation cue included for a negated rule. */
  words: string;
}

/** A coded comment. */
export interface CodedComment {
  /** Theme ids coded, in codebook order. */
  themes: string[];
  /** For each coded theme, every trigger found (at least one). */
  triggers: Record<string, Trigger[]>;
  /** wink-nlp sentiment of the comment, -1 (most negative) .. 1 (most positive); 0 for empty text. */
  sentiment: number;
}

/** A compiled phrase element. */
type Element =
  | { kind: "word"; forms: Set<string>; fuzzy: string | null }
  | { kind: "prefix"; prefix: string }
  | { kind: "gap" }
  | { kind: "name" };

/** A phrase of the codebook compiled for matching. */
export interface CompiledPhrase {
  text: string;
  elements: Element[];
  /** Whether it has two `*` gaps or more: only then can matching revisit a position (see {@link matchAt}). */
  gaps: boolean;
}

/**
 * One phrase of the codebook to try at each word, in the order the codebook gives them (themes in
 * order; in each, its phrases, then its negated rules' phrases).
 */
interface Rule {
  /** Position in that order: rules that fire at the same word add their triggers in it. */
  order: number;
  theme: string;
  phrase: CompiledPhrase;
  /** For a rule of the theme's `negated` list: the subject words it needs (null: any). */
  negated: { near: Set<string> | null } | null;
}

/**
 * The rules by the first word they need, so that each word of a comment tries only the rules that
 * can start there (a phrase's first element must match the word its match starts at), not all of
 * them: `byForm` by each form of a plain first word; `byDeletion` the first words that also match
 * one typo away, by each string made by deleting at most one of their letters (two words one edit
 * apart share such a string); `anywhere` the rest (first element `*`, `word~` or `<name>`), tried
 * at every word.
 */
interface RuleIndex {
  byForm: Map<string, Rule[]>;
  byDeletion: Map<string, Rule[]>;
  anywhere: Rule[];
  /** For {@link rulesAt}: the last word each rule was collected for, by rule order. */
  seen: Int32Array;
  word: number;
  /** {@link rulesAt}'s answers by the word's normal form, then lemma (all it depends on): words repeat. */
  known: Map<string, Map<string, Rule[]>>;
  /** Answers in `known`. */
  knownCount: number;
}

/** Most answers {@link RuleIndex}'s `known` keeps (it starts again when full): bounds its memory on hostile text. */
const MAX_KNOWN_WORDS = 100_000;

/** `w` and every string made by deleting one of its characters. */
function deletions(w: string): string[] {
  const out = [w];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

function indexRules(rules: readonly Rule[]): RuleIndex {
  const index: RuleIndex = { byForm: new Map(), byDeletion: new Map(), anywhere: [], seen: new Int32Array(rules.length).fill(-1), word: 0, known: new Map(), knownCount: 0 };
  const push = (m: Map<string, Rule[]>, k: string, r: Rule) => {
    const list = m.get(k);
    if (!list) m.set(k, [r]);
    else if (list[list.length - 1] !== r) list.push(r);
  };
  for (const r of rules) {
    const first = r.phrase.elements[0];
    if (first?.kind !== "word") {
      index.anywhere.push(r);
      continue;
    }
    for (const f of first.forms) push(index.byForm, f, r);
    if (first.fuzzy !== null) for (const d of deletions(first.fuzzy)) push(index.byDeletion, d, r);
  }
  return index;
}

/**
 * The rules that may match starting at word `w`, in codebook order (a superset of those that do).
 * The list is shared by every word of the same normal form and lemma: read it, never change it.
 */
function rulesAt(index: RuleIndex, w: Word): readonly Rule[] {
  let byLemma = index.known.get(w.normal);
  let rules = byLemma?.get(w.lemma);
  if (rules) return rules;
  if (index.knownCount >= MAX_KNOWN_WORDS) {
    index.known.clear();
    index.knownCount = 0;
    byLemma = undefined;
  }
  if (!byLemma) index.known.set(w.normal, (byLemma = new Map()));
  byLemma.set(w.lemma, (rules = collectRules(index, w)));
  index.knownCount++;
  return rules;
}

/** {@link rulesAt} without its memory. */
function collectRules(index: RuleIndex, w: Word): Rule[] {
  if (index.word === 0x3fffffff) {
    index.seen.fill(-1);
    index.word = 0;
  }
  const word = index.word++;
  const found: Rule[] = [];
  const collect = (list: readonly Rule[] | undefined) => {
    if (!list) return;
    for (const r of list) {
      if (index.seen[r.order] === word) continue;
      index.seen[r.order] = word;
      found.push(r);
    }
  };
  collect(index.anywhere);
  collect(index.byForm.get(w.normal));
  collect(index.byForm.get(w.lemma));
  if (w.normal.length >= FUZZY_MIN_LENGTH - 1) for (const d of deletions(w.normal)) collect(index.byDeletion.get(d));
  return found.length > 1 ? found.sort((a, b) => a.order - b.order) : found;
}

/** Minimum length of a phrase word that also matches with one typo. */
export const FUZZY_MIN_LENGTH = 6;
/** Most words a `*` in a phrase skips. */
export const MAX_GAP = 3;

function compileWord(w: string): Element {
  if (w === "*") return { kind: "gap" };
  if (w === "<name>") return { kind: "name" };
  if (w.endsWith("~") && w.length > 1) return { kind: "prefix", prefix: w.slice(0, -1).toLowerCase() };
  const lower = w.toLowerCase();
  const forms = new Set([lower, lemmaOf(lower), normalOf(lower)]);
  return { kind: "word", forms, fuzzy: lower.length >= FUZZY_MIN_LENGTH && /^[a-z]+$/.test(lower) ? lower : null };
}

/** Compiles a codebook phrase (exported for tests). */
export function compilePhrase(text: string): CompiledPhrase {
  const words = text.trim().split(/[\s-]+/).filter(Boolean);
  const elements = words.map(compileWord);
  return { text, elements, gaps: elements.filter((e) => e.kind === "gap").length >= 2 };
}

function wordMatches(e: Element, w: Word): boolean {
  switch (e.kind) {
    case "word":
      if (e.forms.has(w.normal) || e.forms.has(w.lemma)) return true;
      return e.fuzzy !== null && Math.abs(w.normal.length - e.fuzzy.length) <= 1 && w.normal.length >= FUZZY_MIN_LENGTH - 1 && distance(w.normal, e.fuzzy) <= 1;
    case "prefix":
      return w.normal.startsWith(e.prefix) || w.lemma.startsWith(e.prefix);
    case "name":
      return w.pos === "PROPN" && /^\p{Lu}/u.test(w.value);
    case "gap":
      return true;
  }
}

/**
 * End index (exclusive) of the first match of `p` starting at word `i` of `clause`, or -1: the
 * elements are matched in order, each `*` trying to skip 0, 1, 2, then 3 words, the first way
 * that completes the phrase winning. The answer for one element and word depends on nothing else,
 * so for a phrase with several gaps it is remembered per (gap, word): each is worked out once,
 * and matching takes time polynomial in the phrase and the clause (without it, a phrase of 12
 * gaps backtracked 4^12 ways on a clause that nearly matches).
 */
export function matchAt(p: CompiledPhrase, clause: readonly Word[], i: number): number {
  return matchFrom(p.elements, 0, clause, i, p.gaps ? new Map() : null);
}

function matchFrom(els: readonly Element[], k: number, clause: readonly Word[], i: number, memo: Map<number, number> | null): number {
  for (;;) {
    if (k === els.length) return i;
    const e = els[k];
    if (e.kind === "gap") {
      const key = k * (clause.length + 1) + i;
      const known = memo?.get(key);
      if (known !== undefined) return known;
      let end = -1;
      for (let skip = 0; skip <= MAX_GAP && i + skip <= clause.length; skip++) {
        end = matchFrom(els, k + 1, clause, i + skip, memo);
        if (end >= 0) break;
      }
      memo?.set(key, end);
      return end;
    }
    if (i >= clause.length || !wordMatches(e, clause[i])) return -1;
    k++;
    i++;
  }
}

/** Splits a sentence into clauses at punctuation. */
function clauses(sentence: Word[]): Word[][] {
  const out: Word[][] = [];
  for (const w of sentence) {
    if (w.clauseStart || out.length === 0) out.push([]);
    out[out.length - 1].push(w);
  }
  return out;
}

/** The coder of one codebook. */
export interface Coder {
  /** The codebook it applies. */
  readonly codebook: Codebook;
  /** Codes one comment. Never throws; an empty or blank comment gets no theme and sentiment 0. */
  code(text: string): CodedComment;
}

/**
 * Compiles a codebook into a coder (lemmatising every phrase once).
 * @example createCoder(loadCodebook()).code("My partner never replied.").themes // ["partner_unresponsive"]
 */
export function createCoder(codebook: Codebook): Coder {
  const cues = new Set(codebook.negation.cues.flatMap((c) => [c.toLowerCase(), normalOf(c)]));
  const breaks = new Set(codebook.negation.breaks.map((b) => b.toLowerCase()));
  const window = codebook.negation.window;
  const rules: Rule[] = [];
  for (const t of codebook.themes) {
    for (const p of t.phrases) rules.push({ order: rules.length, theme: t.id, phrase: compilePhrase(p), negated: null });
    for (const r of t.negated ?? []) {
      const negated = { near: r.near ? new Set(r.near.flatMap((n) => [n.toLowerCase(), lemmaOf(n)])) : null };
      for (const p of r.phrases) rules.push({ order: rules.length, theme: t.id, phrase: compilePhrase(p), negated });
    }
  }
  const index = indexRules(rules);
  const themeIds = codebook.themes.map((t) => t.id);

  /** The negation cue governing position i of the clause, or null. */
  const cueBefore = (clause: Word[], i: number): Word | null => {
    for (let j = i - 1; j >= 0 && j >= i - window; j--) {
      const w = clause[j];
      if (breaks.has(w.normal)) return null;
      if (cues.has(w.normal) || cues.has(w.lemma)) return w;
    }
    return null;
  };

  return {
    codebook,
    code(text: string): CodedComment {
      if (text.trim() === "") return { themes: [], triggers: {}, sentiment: 0 };
      const a = analyse(text);
      const triggers: Record<string, Trigger[]> = {};
      const add = (id: string, t: Trigger) => {
        const list = (triggers[id] ??= []);
        if (!list.some((x) => x.words === t.words)) list.push(t);
      };
      const surface = (clause: Word[], from: number, to: number) => clause.slice(from, to).map((w) => w.value).join(" ");
      for (const sentence of a.sentences) {
        for (const clause of clauses(sentence)) {
          for (let i = 0; i < clause.length; i++) {
            for (const { theme, phrase: p, negated } of rulesAt(index, clause[i])) {
              const end = matchAt(p, clause, i);
              if (end <= i) continue;
              if (!negated) {
                if (!cueBefore(clause, i)) add(theme, { phrase: p.text, words: surface(clause, i, end) });
                continue;
              }
              const cue = cueBefore(clause, i);
              if (!cue) continue;
              const at = clause.indexOf(cue);
              const near = negated.near;
              const subject = near ? clause.slice(0, at).findLast((w) => near.has(w.normal) || near.has(w.lemma)) : undefined;
              if (near && !subject) continue;
              add(theme, { phrase: `not ${p.text}`, words: surface(clause, subject ? clause.indexOf(subject) : at, end) });
            }
          }
        }
      }
      const ids = themeIds.filter((id) => triggers[id]);
      return { themes: ids, triggers, sentiment: a.sentiment };
    },
  };
}
