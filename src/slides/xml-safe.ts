/**
 * Text a deck can hold: pptxgenjs escapes `& < > " '` but writes every other character as it is,
 * and a character XML 1.0 does not allow (a C0 control other than tab, line feed and carriage
 * return; a lone surrogate; U+FFFE, U+FFFF) makes the slide's XML ill-formed, so PowerPoint and
 * LibreOffice refuse the whole file. Round names come from round.json and reach the deck as they
 * were typed.
 */

/** Characters XML 1.0 does not allow, lone surrogates included. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` with every character XML 1.0 does not allow replaced: a control character by a space
 * (a vertical tab between two words stays a gap), a lone surrogate or a non-character by U+FFFD.
 * Never throws.
 */
export function xmlSafeText(text: string): string {
  return text.replace(NOT_XML, (c) => (c.charCodeAt(0) < 0x20 ? " " : "\uFFFD"));
}

/**
 * A deep copy of a JSON-like value (the published documents) with every string, keys included,
 * made {@link xmlSafeText}; numbers, booleans and null as they are. The same string always maps
 * to the same result, so ids still match one another.
 */
export function xmlSafeDeep<T>(value: T): T {
  if (typeof value === "string") return xmlSafeText(value) as T;
  if (Array.isArray(value)) return value.map(xmlSafeDeep) as T;
  if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [xmlSafeText(k), xmlSafeDeep(v)])) as T;
  }
  return value;
}
