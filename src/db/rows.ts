/**
 * The one converter of query results to JavaScript: every value a query returns passes through
 * {@link rowValue}, so no `bigint`, DuckDB value object or integer-as-text leaves src/db and no
 * query needs a cast only to get a plain number.
 *
 * | DuckDB type | JavaScript |
 * |---|---|
 * | TINYINT ... INTEGER, FLOAT, DOUBLE | number (NaN and ±Infinity as text, as in JSON) |
 * | BIGINT, UBIGINT, HUGEINT, UHUGEINT (`count(*)`, `sum` of integers) | number; a RangeError beyond ±(2^53 - 1) |
 * | DECIMAL (`0.5` literals, `sum` of decimals) | number, the nearest double |
 * | DATE | text `YYYY-MM-DD` |
 * | TIMESTAMP | text `YYYY-MM-DD HH:MM:SS[.ffffff]` |
 * | VARCHAR, BOOLEAN | string, boolean |
 * | LIST, STRUCT | arrays and objects of converted values |
 *
 * Everything else is what `@duckdb/node-api`'s JSON converter gives (dates and times as text).
 */
import { DuckDBDecimalValue, DuckDBTypeId, JsonDuckDBValueConverter, type DuckDBValueConverter } from "@duckdb/node-api";

/** Values a converted row holds. */
export type RowValue = string | number | boolean | null | RowValue[] | { [key: string]: RowValue };

/**
 * A whole number from a 64- or 128-bit integer value.
 * @throws RangeError when it is outside JavaScript's safe integer range, naming the value.
 */
export function safeInteger(value: bigint): number {
  // Number() of an integer beyond ±(2^53 - 1) rounds to a double that is not a safe integer.
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${value} from the database is beyond JavaScript's safe integer range (±${Number.MAX_SAFE_INTEGER})`);
  return n;
}

/**
 * Converts one value of a query result (see the module table); nested values recurse through
 * `converter`, which is this function again.
 * @throws RangeError for an integer beyond the safe range; Error for a type DuckDB's JSON
 *   converter does not support either.
 */
export const rowValue: DuckDBValueConverter<RowValue> = (value, type, converter) => {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return safeInteger(value as bigint);
    case DuckDBTypeId.DECIMAL:
      return (value as DuckDBDecimalValue).toDouble();
    default:
      return JsonDuckDBValueConverter(value, type, converter as unknown as Parameters<typeof JsonDuckDBValueConverter>[2]) as RowValue;
  }
};
