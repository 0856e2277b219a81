/**
 * A publication plan (docs/privacy.md, "Disclosure audit"): every figure the pages publish about
 * some populations, declared with the true counts behind it (src/privacy/disclosure.ts), then
 * protected by complementary suppression and audited. A plan covers whole populations, across
 * data loaders: every loader that publishes part of a population builds the same plan (same
 * data, same deterministic suppression) and publishes its own part, so pages agree and no page
 * relies on another hiding something. Figures name their loader as `family`; headline figures
 * (a round's n, mean, totals) get a higher `priority` and are hidden only when nothing smaller
 * can close a leak.
 *
 * Registering a new table (themes, network, weighted estimates): declare its population (or
 * reuse one), a table of true counts per dimension value (and hub value), and one figure per
 * number it publishes; call `protect()`; publish `value(id)` for each figure (null = hidden).
 * docs/privacy.md has a worked example.
 */
import { DisclosureAudit, formatLeak, type AuditDocument, type FigureSpec, type Leak, type PopulationSpec, type TableSpec } from "../../../src/privacy/disclosure";

/** Thrown when a leak cannot be closed: the data loader (and so the build) fails, naming it. */
export class DisclosureError extends Error {
  constructor(readonly leaks: Leak[], min: number) {
    super(`disclosure audit failed: ${leaks.length} group(s) of fewer than ${min} can be worked out from published figures:\n${leaks.map((l) => `  ${formatLeak(l, min)}`).join("\n")}`);
    this.name = "DisclosureError";
  }
}

let auditTime = 0;

/** Milliseconds this process has spent in {@link Plan.protect} so far (the disclosure audit and complementary suppression), for the loaders' log. */
export function protectMilliseconds(): number {
  return auditTime;
}

/** A plan (module doc). */
export class Plan {
  readonly audit: DisclosureAudit;
  private done = false;
  private readonly followers: [number, number[]][] = [];

  constructor(readonly min: number) {
    this.audit = new DisclosureAudit(min);
  }

  population(spec: PopulationSpec): this {
    this.audit.population(spec);
    return this;
  }

  table(spec: TableSpec): this {
    this.audit.table(spec);
    return this;
  }

  /**
   * Declares a figure. A count of 1..min-1 is suppressed at once (primary suppression), and so
   * is any figure when `hidden` (a page's own rule: a mean of too few, a share whose complement
   * is small). @returns its id.
   */
  figure(spec: FigureSpec, hidden = false): number {
    const small = (spec.measure ?? "count") === "count" && spec.value !== null && spec.value > 0 && spec.value < this.min;
    return this.audit.figure({ ...spec, value: small || hidden ? null : spec.value });
  }

  /**
   * Figures that show one number (the same n on two pages, in two populations): hidden together,
   * and, once hidden, none may follow from the published figures of its own population (the
   * audit's `same`: complementary suppression hides more until none does). Declare as twins every
   * figure of another population that is that number, e.g. a round's participants in the people
   * across rounds and in the round's matched participants.
   */
  twins(ids: readonly number[]): this {
    for (const id of ids) this.follow(id, ids.filter((x) => x !== id));
    this.audit.same(ids);
    return this;
  }

  /**
   * Figures that cannot be shown without `leader` (a mean or a share without its n): hidden
   * when it is, after complementary suppression (hiding more never opens a leak).
   */
  follow(leader: number, followers: number[]): this {
    this.followers.push([leader, followers]);
    return this;
  }

  /**
   * Complementary suppression until no leak remains, then followers of hidden leaders hidden,
   * then the audit once more.
   * @throws DisclosureError when a leak cannot be closed.
   */
  protect(): this {
    const t0 = performance.now();
    try {
      return this.protectNow();
    } finally {
      auditTime += performance.now() - t0;
    }
  }

  private protectNow(): this {
    // Complementary suppression, then followers of hidden leaders, until neither hides anything
    // (a follower may be a twin, whose others must then not follow from their populations).
    for (let again = true; again; ) {
      const { leaks } = this.audit.protect();
      if (leaks.length) throw new DisclosureError(leaks, this.min);
      again = false;
      for (let changed = true; changed; ) {
        changed = false;
        for (const [leader, followers] of this.followers) {
          if (this.audit.published(leader)) continue;
          for (const f of followers) {
            if (!this.audit.published(f)) continue;
            this.audit.hide(f);
            changed = again = true;
          }
        }
      }
    }
    const left = this.audit.audit();
    if (left.length) throw new DisclosureError(left, this.min);
    this.done = true;
    return this;
  }

  /** The published value of figure `id` (null when suppressed). @throws Error before {@link protect}. */
  value(id: number): number | null {
    if (!this.done) throw new Error("a plan publishes nothing before protect()");
    return this.audit.valueOf(id);
  }

  /** True when figure `id` is published. */
  shown(id: number): boolean {
    return this.value(id) !== null;
  }

  /** The declarations of the figures `family` publishes (with every population and table), for the build's audit. */
  documentFor(family: string): AuditDocument {
    const doc = this.audit.toJSON();
    const mine = (k: { family: string }) => k.family === family;
    return { ...doc, figures: doc.figures.filter(mine), same: (doc.same ?? []).filter((g) => g.some(mine)) };
  }
}
