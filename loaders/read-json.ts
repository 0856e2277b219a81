/** Reads a small JSON input file (round.json, a mapping file) for the loaders. */
import { readInputText } from "../src/db/input-file";
import { InputError } from "../src/domain/errors";

/**
 * Parses a JSON file, a UTF-8 BOM allowed.
 * @throws InputError (row 0, column "*") when the file cannot be read, is no regular file or is
 *   over 64 MiB (a pipe would hang, a device stream without end: `readInputText`), or is not valid JSON.
 */
export function readJson(file: string): unknown {
  const text = readInputText(file);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError([{ file, row: 0, column: "*", message: `not valid JSON: ${(err as Error).message}` }]);
  }
}
