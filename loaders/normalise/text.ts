/**
 * Folds a label for comparison: Unicode NFKD, diacritics removed, lower case, every run of
 * characters other than a-z and 0-9 removed. `"E-mail Address:"` and `"email address"` fold alike.
 */
export function foldKey(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

/**
 * Folds a value label: trimmed, lower case, inner spaces collapsed, no spaces around a slash
 * (`University / college` as `university/college`), curly apostrophes straight (`don’t` as
 * `don't`), trailing full stops dropped.
 */
export function foldLabel(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, " ").replace(/ ?\/ ?/g, "/").replace(/[\u2018\u2019]/g, "'").replace(/\.+$/, "");
}
