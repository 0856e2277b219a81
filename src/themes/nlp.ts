/**
 * The one place that loads wink-nlp with its English model (wink-eng-lite-web-model, an npm
 * package: nothing is downloaded at run time). Turns a text into sentences of word tokens with
 * their normal form, lemma and part of speech, plus wink's sentiment score and its entities.
 */
import winkNLP, { type ItemEntity, type ItemSentence, type ItemToken, type ItsFunction } from "wink-nlp";
import model from "wink-eng-lite-web-model";

/** One word of an analysed text. */
export interface Word {
  /** The text as written ("Replied"). */
  value: string;
  /** Lower-cased normal form, contractions expanded ("n't" -> "not", "thx" -> "thanks"). */
  normal: string;
  /** Lemma, lower-cased ("replied" -> "reply"). */
  lemma: string;
  /** Universal part-of-speech tag (NOUN, VERB, PROPN, ...). */
  pos: string;
  /** True when punctuation (other than a hyphen inside a word) separates this word from the previous one. */
  clauseStart: boolean;
  /** Offset of the word's first character in the analysed text. */
  offset: number;
}

/** An analysed text. */
export interface Analysis {
  /** Sentences in order, each a list of words (punctuation dropped, recorded in `clauseStart`). */
  sentences: Word[][];
  /**
   * wink-nlp's sentiment of the whole text, -1 (most negative) .. 1 (most positive): the mean over
   * sentences of the mean polarity of each sentence's sentiment-bearing words (AFINN-based scores
   * scaled to -1..1, sign flipped under negation; a sentence without any scores 0).
   */
  sentiment: number;
  /** wink-nlp's named entities (emails, URLs, mentions, dates, numbers...) with their character spans. */
  entities: { value: string; type: string; start: number; end: number }[];
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

function instance(): Nlp {
  nlp ??= winkNLP(model);
  return nlp;
}

/** Hyphens and apostrophes do not break a clause; other punctuation does. */
const SOFT_PUNCT = /^[-‐‑–'’]$/;

/**
 * Analyses `text` with wink-nlp: sentences, words (hyphenated words split into their parts, so
 * "self-confident" and "self - confident" read alike), sentiment and entities. Pure; never throws
 * on any string.
 */
export function analyse(text: string): Analysis {
  const w = instance();
  const its = w.its;
  const doc = w.readDoc(text);
  // Character offsets: wink keeps each token's preceding whitespace, so the text is rebuilt in order.
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const offsets: number[] = [];
  let at = 0;
  values.forEach((v, i) => {
    at += spaces[i].length;
    offsets.push(at);
    at += v.length;
  });
  const sentences: Word[][] = [];
  let index = 0;
  doc.sentences().each((s: ItemSentence) => {
    const words: Word[] = [];
    let pendingBreak = false;
    s.tokens().each((t: ItemToken) => {
      const i = index++;
      const value = t.out(its.value) as string;
      const type = t.out(its.type) as string;
      if (type === "punctuation") {
        if (!SOFT_PUNCT.test(value)) pendingBreak = true;
        return;
      }
      const normal = (t.out(its.normal) as string).toLowerCase();
      const lemma = (t.out(its.lemma as ItsFunction<string>) as string).toLowerCase();
      const pos = t.out(its.pos) as string;
      const parts = normal.includes("-") && normal.length > 1 ? normal.split("-").filter(Boolean) : [normal];
      parts.forEach((p, k) => {
        words.push({
          value: parts.length > 1 ? p : value,
          normal: p,
          lemma: parts.length > 1 ? p : lemma,
          pos,
          clauseStart: k === 0 && (pendingBreak || words.length === 0),
          offset: offsets[i],
        });
      });
      pendingBreak = false;
    });
    if (words.length) sentences.push(words);
  });
  const entities: Analysis["entities"] = [];
  doc.entities().each((e: ItemEntity) => {
    const d = e.out(its.detail) as { value: string; type: string };
    const span = e.out(its.span) as [number, number];
    entities.push({ value: d.value, type: d.type, start: offsets[span[0]], end: offsets[span[1]] + values[span[1]].length });
  });
  return { sentences, sentiment: doc.out(its.sentiment) as number, entities };
}

/** The lemma wink-nlp gives a word on its own (for phrases of the codebook), lower-cased. */
export function lemmaOf(word: string): string {
  const w = instance();
  const toks = w.readDoc(word).tokens();
  return toks.length() === 1 ? (toks.itemAt(0).out(w.its.lemma as ItsFunction<string>) as string).toLowerCase() : word.toLowerCase();
}

/** The normal form wink-nlp gives a word on its own, lower-cased ("n't" -> "not"). */
export function normalOf(word: string): string {
  const w = instance();
  const toks = w.readDoc(word).tokens();
  return toks.length() === 1 ? (toks.itemAt(0).out(w.its.normal) as string).toLowerCase() : word.toLowerCase();
}
