/**
 * Parsing the JSON files people write by hand (round.json, mapping files, weights files, lock and
 * forbid lists) strictly: `JSON.parse` keeps the last of two equal keys in one object and says
 * nothing (`{"id": "S1", ..., "id": "S9"}` is round S9), so a key given twice is refused instead,
 * located by its line and its path in the document.
 *
 * Imports nothing: part of the ground floor, safe in a browser bundle.
 */

/**
 * Thrown by {@link parseJson} for a key given twice in one object. `path` is where the second one
 * is, keys and array indices joined by `.` as zod joins an issue's path (`survey.Email`,
 * `countries.Boston, MA`, `0.email_a`); `line` and `firstLine` count from 1.
 */
export class DuplicateKeyError extends Error {
  constructor(
    readonly key: string,
    readonly path: string,
    readonly line: number,
    readonly firstLine: number,
  ) {
    super(
      `the key ${JSON.stringify(key)} is given twice in one object (${firstLine === line ? `both on line ${line}` : `lines ${firstLine} and ${line}`}); JSON would silently keep only the last: keep one`,
    );
    this.name = "DuplicateKeyError";
  }
}

/** One open object or array while scanning: the keys seen so far (objects), and where the scan is in it. */
interface Frame {
  keys: Map<string, number> | null;
  /** The current key (object) or index (array), for the path. */
  at: string | number;
  /** In an object: the next string is a key (after `{` or `,`), not a value. */
  expectKey: boolean;
}

/**
 * The first key given twice in one object of `text`, which must be valid JSON (as `JSON.parse`
 * accepted it), or null when there is none. Keys compare as JSON decodes them (`"a"` and
 * `"\u0061"` are the same key). One pass over the text without recursion, so a document nested
 * 200,000 deep costs no stack. O(length of text).
 */
export function duplicateKey(text: string): DuplicateKeyError | null {
  const stack: Frame[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (c === 0x7b /* { */) stack.push({ keys: new Map(), at: "", expectKey: true });
    else if (c === 0x5b /* [ */) stack.push({ keys: null, at: 0, expectKey: false });
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    } else if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c /* \ */ ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        const first = top.keys.get(key);
        top.at = key;
        if (first !== undefined) return new DuplicateKeyError(key, stack.map((f) => String(f.at)).join("."), line, first);
        top.keys.set(key, line);
        top.expectKey = false;
      }
      i = j; // JSON strings hold no raw line break, so no line is skipped
    }
  }
  return null;
}

/**
 * `JSON.parse(text)` that refuses a key given twice in one object.
 * @throws SyntaxError (from `JSON.parse`) when `text` is not JSON; {@link DuplicateKeyError} for the
 *   first key given twice.
 * @example parseJson('{"id": "S1", "id": "S9"}') // throws DuplicateKeyError: the key "id" is given twice ...
 */
export function parseJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  const dup = duplicateKey(text);
  if (dup) throw dup;
  return value;
}
