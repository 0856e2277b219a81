/**
 * Bytes -> text for export files: detects UTF-8 (with or without a byte-order mark) and falls back
 * to Windows-1252 (what Excel's "CSV" saves on Windows) when the bytes are not valid UTF-8. Text that
 * was UTF-8-encoded twice (mojibake such as `EspaÃ±ol`) is detected, and repaired when that is safe.
 */
import iconv from "iconv-lite";
import { InputError } from "../../src/domain/errors";
import type { Encoding } from "./raw-table";

/** The text of a file and how it was decoded. */
export interface DecodedText {
  /** The decoded text, without a byte-order mark. */
  text: string;
  encoding: Encoding;
  /** Human-readable notes about the decoding (Windows-1252 fallback, mojibake). */
  warnings: string[];
}

/** The result of looking for double-encoded UTF-8 in a text. */
export interface MojibakeCheck {
  /** The first suspicious sequence found (e.g. `Ã±`), or null when the text looks clean. */
  sample: string | null;
  /** The repaired text when the whole text could be re-read as UTF-8 losslessly, else null. */
  repaired: string | null;
}

const BOM = [0xef, 0xbb, 0xbf];

/** Windows-1252 byte for each character of bytes 0x80-0xFF (C1 controls stand for the 5 unassigned bytes). */
const CP1252_BYTE = new Map<string, number>();
/** Characters that Windows-1252 shows for the bytes 0x80-0xBF (UTF-8 continuation bytes). */
let continuationChars = "";
{
  const high = iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i)), "windows-1252");
  for (let i = 0; i < 128; i++) {
    const ch = high[i] === "\uFFFD" ? String.fromCharCode(0x80 + i) : high[i];
    CP1252_BYTE.set(ch, 0x80 + i);
    if (i < 0x40) continuationChars += ch;
  }
  // Latin-1 double encoding keeps C1 controls as they are; accept those too.
  for (let b = 0x80; b < 0xa0; b++) {
    const ch = String.fromCharCode(b);
    if (!CP1252_BYTE.has(ch)) CP1252_BYTE.set(ch, b);
    if (!continuationChars.includes(ch)) continuationChars += ch;
  }
}
const escapeClass = (s: string) => s.replace(/[\]\\^-]/g, "\\$&");
const CONT = `[${escapeClass(continuationChars)}]`;
/** A UTF-8 lead byte read as Windows-1252, followed by the right number of continuation bytes. */
const MOJIBAKE = new RegExp(`[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}`);

/**
 * Looks for UTF-8 text that was decoded as Windows-1252/Latin-1 and encoded to UTF-8 again
 * (`Ã±` for `ñ`, `Â¡` for `¡`, `â€™` for `’`). The repair re-encodes the whole text to
 * Windows-1252 bytes and reads them as UTF-8; it is offered only when every character maps to one
 * byte and the bytes are valid UTF-8, so correctly encoded accented text is never altered.
 * Cost: one regular-expression scan; the repair pass runs only when a sample is found.
 * Never throws.
 */
export function checkMojibake(text: string): MojibakeCheck {
  const m = MOJIBAKE.exec(text);
  if (!m) return { sample: null, repaired: null };
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes[i] = code;
      continue;
    }
    const b = CP1252_BYTE.get(text[i]);
    if (b === undefined) return { sample: m[0], repaired: null };
    bytes[i] = b;
  }
  try {
    return { sample: m[0], repaired: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { sample: m[0], repaired: null };
  }
}

/**
 * Decodes the bytes of an export file to text.
 * - UTF-8 with a byte-order mark -> `utf-8-bom` (the mark is removed); valid UTF-8 -> `utf-8`;
 * - anything else -> `windows-1252`, with a warning saying so; except when the bytes also hold valid
 *   multi-byte UTF-8 sequences, more of them than invalid ones (a UTF-8 file with a few stray
 *   bytes): then UTF-8, the stray bytes
 *   become U+FFFD, and a warning counts them;
 * - UTF-8 text that looks double-encoded gets a warning, and is repaired when `checkMojibake` can.
 * @throws {InputError} (row 0) when the file is empty (zero bytes or a lone BOM), is UTF-16, or holds
 *   NUL bytes (binary content such as a spreadsheet or an image).
 */
export function decodeBytes(file: string, bytes: Uint8Array): DecodedText {
  const whole = (message: string) => new InputError([{ file, row: 0, column: "*", message }]);
  const hasBom = bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (body.length === 0) throw whole("the file is empty");
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw whole("the file is UTF-16 text (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" instead");
  }
  const nul = body.indexOf(0);
  if (nul >= 0) {
    throw whole(`the file holds binary content (a NUL byte at offset ${nul + (hasBom ? 3 : 0)}); it is not a CSV text file`);
  }
  const warnings: string[] = [];
  let text: string;
  let encoding: Encoding;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    encoding = hasBom ? "utf-8-bom" : "utf-8";
  } catch {
    text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), "windows-1252");
    if (MOJIBAKE.test(text)) {
      // Valid UTF-8 sequences next to invalid bytes. When the valid ones outnumber the invalid ones,
      // this is a UTF-8 file with a few stray bytes: reading it as Windows-1252 would garble every
      // accented letter, so keep UTF-8 and mark the bad bytes.
      const utf8 = new TextDecoder("utf-8").decode(body);
      let bad = 0;
      let good = 0;
      for (let i = 0; i < utf8.length; i++) {
        const c = utf8.charCodeAt(i);
        if (c === 0xfffd) bad++;
        else if (c > 0x7f && !(c >= 0xdc00 && c <= 0xdfff)) good++;
      }
      if (good > bad) {
        warnings.push(`decoded as UTF-8 although ${bad} byte sequence(s) are not valid UTF-8; they show as "\uFFFD"`);
        return { text: utf8, encoding: hasBom ? "utf-8-bom" : "utf-8", warnings };
      }
    }
    encoding = "windows-1252";
    warnings.push(
      `decoded as Windows-1252: the bytes are not valid UTF-8${hasBom ? " although the file starts with a UTF-8 byte-order mark" : ""}`,
    );
    return { text, encoding, warnings };
  }
  const moji = checkMojibake(text);
  if (moji.sample !== null) {
    if (moji.repaired !== null) {
      text = moji.repaired;
      warnings.push(`text looks double-encoded (mojibake such as ${JSON.stringify(moji.sample)}); repaired by reading it as UTF-8 once more`);
    } else {
      warnings.push(`text looks double-encoded (mojibake such as ${JSON.stringify(moji.sample)}); left as it is`);
    }
  }
  return { text, encoding, warnings };
}
