/**
 * How place names are compared: the folding shared by the country normaliser and the gazetteer,
 * so a country name, a state and a city fold the same way.
 */

const SPECIAL_LETTERS: Record<string, string> = { ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ı: "i", þ: "th", ð: "d" };

/**
 * Folds text to space-separated lower-case ASCII tokens: accents removed, apostrophes and full
 * stops removed (so "U.S.A." -> "usa", "d'Ivoire" -> "divoire"), "&" -> "and", any other
 * punctuation a space, "st" before another word -> "saint", a leading "the" dropped.
 * Returns [] for text with no letter or digit. Never throws.
 */
export function foldTokens(s: string): string[] {
  const t = s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[øæœßłđıþð]/g, (c) => SPECIAL_LETTERS[c])
    .replace(/&/g, " and ")
    .replace(/['’‘`´.]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  if (t === "") return [];
  const tokens = t.split(" ").map((w, i, all) => (w === "st" && i < all.length - 1 ? "saint" : w));
  if (tokens.length > 1 && tokens[0] === "the") tokens.shift();
  return tokens;
}

/**
 * Lookup key of a place name: its folded tokens joined without spaces, so "Cote d Ivoire" and
 * "Côte d'Ivoire" share the key "cotedivoire". "" for text with no letter or digit.
 */
export function placeKey(s: string): string {
  return foldTokens(s).join("");
}
