/** Reads a small JSON input file (round.json, a mapping file) for the loaders. */
import { readInputText } from "../src/db/input-file";
import { InputError } from "../src/domain/errors";
import { DuplicateKeyError, parseJson } from "../src/domain/json";

/**
 * Parses a JSON file, a UTF-8 BOM allowed; a key given twice in one object is refused, not
 * silently last-wins (`src/domain/json.ts`).
 * @throws InputError when the file cannot be read, is no regular file or is over 64 MiB (a pipe
 *   would hang, a device stream without end: `readInputText`), or is not valid JSON (row 0, column
 *   "*"); for a key given twice, located at the second one's line, its path as the column
 *   (`mapping.json:4:survey.Email: the key "Email" is given twice ...`).
 */
export function readJson(file: string): unknown {
  const text = readInputText(file);
  try {
    return parseJson(text);
  } catch (err) {
    if (err instanceof DuplicateKeyError) throw new InputError([{ file, row: err.line, column: err.path, message: err.message }]);
    throw new InputError([{ file, row: 0, column: "*", message: `not valid JSON: ${(err as Error).message}` }]);
  }
}
