const SQL = Symbol("sql");

/**
 * A parameterised SQL statement: `text` uses `$1, $2, ...` placeholders and `params` holds the
 * values in order. Only the `sql` tag makes one: the brand is a symbol this module
 * keeps, so no other code can build a `Sql` from text, and a value can never be spliced into SQL.
 */
export interface Sql {
  readonly [SQL]: true;
  readonly text: string;
  readonly params: readonly SqlValue[];
}

function make(text: string, params: readonly SqlValue[]): Sql {
  return Object.freeze({ [SQL]: true as const, text, params });
}

/** Values that can be bound as parameters. */
export type SqlValue = string | number | boolean | null | readonly string[];

const IDENT = Symbol("ident");
/** An identifier (table or column name) taken from a fixed, code-owned set: never user input. */
export interface Identifier {
  readonly [IDENT]: string;
}

/**
 * Marks a table or column name for splicing into SQL text. Accepts only `[a-z_][a-z0-9_]*`.
 * @throws Error when the name is not a plain lower-case identifier.
 */
export function ident(name: string): Identifier {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${JSON.stringify(name)}`);
  return { [IDENT]: name };
}

function isSql(v: unknown): v is Sql {
  return typeof v === "object" && v !== null && SQL in v;
}

function isIdent(v: unknown): v is Identifier {
  return typeof v === "object" && v !== null && IDENT in v;
}

/**
 * Tagged template for SQL: every `${value}` becomes a positional parameter; nested `sql`
 * fragments are inlined with their parameters renumbered; `ident(name)` splices an identifier.
 * @example sql`SELECT * FROM rounds WHERE round_id = ${id}`
 */
export function sql(strings: TemplateStringsArray, ...values: (SqlValue | Sql | Identifier)[]): Sql {
  let text = strings[0];
  const params: SqlValue[] = [];
  values.forEach((v, i) => {
    if (isIdent(v)) {
      text += `"${v[IDENT]}"`;
    } else if (isSql(v)) {
      const offset = params.length;
      text += v.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
      params.push(...v.params);
    } else {
      params.push(v);
      text += `$${params.length}`;
    }
    text += strings[i + 1];
  });
  return make(text, params);
}
