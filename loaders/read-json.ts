/** Reads a small JSON input file (round.json, a mapping file) for the loaders. */
import { readFileSync } from "node:fs";
import { InputError } from "../src/domain/errors";
import { checkInputFile, MAX_JSON_BYTES } from "./input-file";

/**
 * Parses a JSON file, a UTF-8 BOM allowed.
 * @throws InputError (row 0, column "*") when the file cannot be read, is no regular file or is
 *   over 16 MiB (a pipe would hang, a device stream without end), or is not valid JSON.
 */
export function readJson(file: string): unknown {
  checkInputFile(file, MAX_JSON_BYTES);
  let text: string;
  try {
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (err) {
    throw new InputError([{ file, row: 0, column: "*", message: `cannot read: ${(err as Error).message}` }]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError([{ file, row: 0, column: "*", message: `not valid JSON: ${(err as Error).message}` }]);
  }
}
