/**
 * The frame of every data loader: open the database read-only (path from `ILN_DB`, default
 * data/iln.duckdb), compute, write one JSON document to stdout, log to stderr, exit non-zero on
 * failure (Framework then fails the build with the message).
 *
 * Disclosure audit (docs/privacy.md): a loader that publishes counts of people records the
 * publication plans it published from (lib/plan.ts). Their declarations of the figures this
 * loader publishes are audited together before anything is printed, and, when the build asks
 * for it (`ILN_AUDIT_DIR`), written there as `<name>.audit.json` (owner-only: they hold true
 * counts) for the build's audit across every page (scripts/build-site.ts).
 */
import path from "node:path";
import { defaultDbPath, makePrivateDir, openDatabase, writePrivateFile, type Db } from "../../../src/db";
import { DisclosureAudit, type AuditDocument } from "../../../src/privacy/disclosure";
import { minCellSize } from "../../../src/privacy/suppress";
import { DisclosureError, protectMilliseconds, type Plan } from "./plan";

/** What a loader's audit file holds: its declarations, and why figures it publishes are not declared (if so). */
export interface LoaderAudit extends AuditDocument {
  loader: string;
  /** Why this loader declares nothing to the build's audit (it publishes no count, or audits elsewhere); null when it declares. */
  undeclared: string | null;
}

/**
 * The declarations `name` publishes across `plans`, audited together. When each population is in
 * one plan only, and every plan found no leak at `min` after its last declaration
 * (`DisclosureAudit.clear`), the audit is implied and not run again: this loader's published
 * figures of a population are some of its plan's, and an audit of fewer figures over the same
 * tables finds no leak where one of all of them found none.
 * @throws DisclosureError on a leak; DeclarationError when the plans' declarations conflict.
 */
export function loaderAudit(name: string, plans: readonly Plan[], min: number, undeclared: string | null = null): LoaderAudit {
  const all = new DisclosureAudit(min);
  const docs = plans.map((p) => p.documentFor(name));
  for (const d of docs) all.merge(d);
  const owners = docs.flatMap((d) => d.populations.map((p) => p.id));
  const implied = new Set(owners).size === owners.length && plans.every((p) => p.min === min && p.audit.min === min && p.audit.clear());
  if (!implied) {
    const leaks = all.audit();
    if (leaks.length) throw new DisclosureError(leaks, min);
  }
  return { loader: name, undeclared, ...all.toJSON() };
}

/**
 * Runs `compute` on the read-only database with the minimum cell size and prints its result as
 * JSON. `compute` calls `record(plan)` for each publication plan it published from; a loader
 * that publishes no count of people, or audits its figures otherwise, says why in `undeclared`;
 * one that declares its figures but may have none for some databases (no comment yet) says why in
 * `whenEmpty`, used only when it declared none.
 * Never throws: failures (a disclosure leak included) go to stderr and set exit code 1.
 */
export async function runLoader(
  name: string,
  compute: (db: Db, min: number, record: (plan: Plan) => void) => Promise<unknown>,
  options: { undeclared?: string; whenEmpty?: string } = {},
): Promise<void> {
  const t0 = Date.now();
  let db: Db | undefined;
  try {
    const min = minCellSize();
    db = await openDatabase(defaultDbPath(), { readOnly: true });
    const plans: Plan[] = [];
    const out = await compute(db, min, (p) => plans.push(p));
    const t1 = performance.now();
    const audit = loaderAudit(name, plans, min, options.undeclared ?? null);
    if (!audit.figures.length && !audit.undeclared && options.whenEmpty) audit.undeclared = options.whenEmpty;
    const auditMs = protectMilliseconds() + performance.now() - t1;
    const dir = process.env.ILN_AUDIT_DIR;
    if (dir) {
      makePrivateDir(dir);
      writePrivateFile(path.join(dir, `${name}.audit.json`), JSON.stringify(audit));
    }
    process.stdout.write(JSON.stringify(out));
    console.error(`${name}: done in ${Date.now() - t0} ms, disclosure audit ${Math.round(auditMs)} ms (min cell ${min}; ${audit.figures.length} figure(s) audited)`);
  } catch (err) {
    console.error(`${name}: ${err instanceof DisclosureError ? err.message : ((err as Error).stack ?? String(err))}`);
    process.exitCode = 1;
  } finally {
    db?.close();
  }
}
