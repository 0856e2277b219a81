/** Reads a small JSON input file (round.json, a mapping file) for the loaders. */
import { readFileSync } from "node:fs";
import { InputError } from "../src/domain/errors";

/**
 * Parses a JSON file, a UTF-8 BOM allowed.
 * @throws InputError (row 0, column "*") when the file cannot be read or is not valid JSON.
 */
export function readJson(file: string): unknown {
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
