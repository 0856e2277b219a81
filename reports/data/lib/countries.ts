/**
 * Display names and world-atlas ids of country codes, for the data loaders (never throws: a code
 * the tables do not know keeps its code as name and gets no map id).
 */
import { countryName, countryNumeric } from "../../../loaders/normalise/country";

/** English display name of an ISO alpha-2 code, or the code itself when unknown. */
export function displayName(code: string): string {
  try {
    return countryName(code);
  } catch {
    return code;
  }
}

/** world-atlas feature id (ISO numeric, 3 digits) of an alpha-2 code, or null when unknown. */
export function mapId(code: string): string | null {
  try {
    return countryNumeric(code);
  } catch {
    return null;
  }
}
