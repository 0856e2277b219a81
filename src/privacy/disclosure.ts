/**
 * Disclosure control checked, not hoped for (docs/privacy.md, "Disclosure audit"): every
 * published figure is declared, with the true counts behind it, and an audit proves that no
 * group of 1 to min − 1 units (people, partnerships) can be worked out by adding and subtracting
 * published figures, in their number or in the sum of their answers; complementary suppression
 * hides further figures until that holds.
 *
 * Model. A *population* is a set of units several tables describe (the respondents of a round who
 * answered an item; the matched participants of a round). It may have a *hub*: a variable every
 * table of it is crossed with (the 1-5 answer, whose values also weigh sums; responded or not).
 * A *table* is the population split by one *dimension* (country, sector, health profile), given
 * as true counts per dimension value and hub value: these are the unknowns an attacker faces, one
 * per (value, hub value), each a number of units. A *figure* is a published number: the count of
 * units in a set of dimension values and hub values (`count`), the sum of the hub's weights over
 * them (`sum`, a mean times its n), or the sum of another quantity (`sum:NAME`, e.g. the matching
 * score, whose unknowns are one per dimension value). A figure without a dimension covers the
 * whole population and belongs to every table of it. The attacker is taken to know which cells
 * are empty (a value missing from a table, a count of 0): more than they know, so the audit errs
 * on the safe side, and its search stays small (every cell it searches holds someone).
 *
 * Audit, per population, exactly (rational arithmetic, src/privacy/linear.ts):
 * 1. What figures of one table say about the population as a whole (functions of the hub alone)
 *    is known in every other table. Tables of different dimensions share nothing else: a
 *    function of (value of A, hub) that equals a combination of functions of (value of B, hub)
 *    on all cells is a function of the hub alone (an analysis-of-variance decomposition), so
 *    this is exact, not an approximation.
 * 2. In each table, a set S of cells has a known count exactly when its indicator vector lies
 *    in the span of the published figures; every such 0/1 vector whose units number 1..min − 1
 *    is a leak. Likewise for sums: a set of dimension values whose hub-weighted sum (or `sum:NAME`)
 *    lies in the span, with 1..min − 1 units, is a leak. The search covers every such set, not a
 *    list of suspects (`smallZeroOneVectors`).
 * 3. Each leak carries its derivation: the published figures and the coefficients that isolate
 *    the group, which the build prints when it fails.
 * 4. In a population declared with `dominance`, a group of 1..2 × min − 1 units who all share one
 *    hub value is a leak when the count of its other hub values (0) follows from the published
 *    figures, searched without empty cells known (`dominanceLeaks`).
 *
 * Work saved, never a check (issue 15): step 2 for a table depends only on the span it searches,
 * that is its own published figures and the functions of the hub the other tables give (step
 * 1), not on how those are made of figures; so a table found without a leak is not searched again
 * until one of them changes, and step 1 for a table is redone only when its own figures change.
 * Complementary suppression re-audits after every figure it hides, and a hidden figure changes
 * one table (or, without a dimension, all of them). A table without a cell (or, for `sum:NAME`, a
 * value) of 1..min − 1 units is not searched at all: every group a search could find is made of
 * such cells. {@link DisclosureAudit.clear} says when an audit of fewer published figures is
 * implied by this one. Exact arithmetic runs on small integers as
 * plain numbers first (`COMPACT_FIELD`), redone in BigInt when a value leaves the safe range.
 *
 * Complementary suppression (`protect`): while a leak remains, hide, among the figures its
 * derivation uses that the caller may hide (figures published by another table are `fixed`), one
 * of the lowest `priority` (headline figures are hidden last) covering the fewest units, with the
 * other figures of its cell; a leak no hideable figure enters is reported. Counts of 0 are not
 * disclosive.
 */
import { axpy, BIGINT_FIELD, COMPACT_FIELD, Echelon, FieldOverflow, kernel, smallZeroOneVectors, vecOf, type Field, type Vec } from "./linear";

/** A population (see module doc). */
export interface PopulationSpec {
  id: string;
  /** What one unit is, singular ("respondent", "partnership"), for messages. */
  unit: string;
  /** The variable every table of the population is crossed with; absent: none (one hub value). */
  hub?: { name: string; values: readonly string[]; weights?: readonly number[] };
  /**
   * Dominance is a leak too: a group of 1..2 × min − 1 units that all share one hub value (every
   * respondent of a country answered 1-3) must not be shown to by the published figures, that is
   * the count of its other hub values (0) must not follow from them, with empty cells not taken
   * as known for this search (they are the very fact). For people's answers.
   */
  dominance?: boolean;
}

/** A table: the population split by a dimension, as true counts (never published). */
export interface TableSpec {
  population: string;
  dimension: string;
  /** Dimension value -> units per hub value (one number when the population has no hub). */
  cells: Readonly<Record<string, readonly number[]>>;
}

/** The kind of a figure: a count of units, the hub-weighted sum, or the sum of a named quantity. */
export type Measure = "count" | "sum" | `sum:${string}`;

/** A published (or suppressed) figure. */
export interface FigureSpec {
  /** The table (page data file) that publishes it, for messages: "satisfaction.json". */
  family: string;
  /** What it is, for messages: "2016A program satisfaction, region Europe: n". */
  label: string;
  population: string;
  /** Absent: the whole population. */
  dimension?: string;
  /** Dimension values covered (absent: all). */
  values?: readonly string[];
  /** Hub values covered (absent: all). */
  hub?: readonly string[];
  /** Default `count`. */
  measure?: Measure;
  /** The published value, or null when it is suppressed. */
  value: number | null;
  /** Figures with the same cell are hidden together (a row's n, mean and share). */
  cell?: string;
  /** Published by another table, so complementary suppression here may not hide it. */
  fixed?: boolean;
  /** Complementary suppression hides figures of lower priority first (default 0; headline figures higher). */
  priority?: number;
}

/** One figure of a derivation: `coefficient × figure`. */
export interface Term {
  family: string;
  label: string;
  coefficient: number;
}

/** A group of fewer than `min` units whose count or sum follows from published figures. */
export interface Leak {
  population: string;
  dimension: string;
  measure: Measure;
  /** The group: dimension values (with hub values when not all). */
  group: string;
  /** Its true number of units (1..min − 1). */
  units: number;
  unit: string;
  /** Published figures whose combination gives the group's count (or sum). */
  derivation: Term[];
  /** A dominance leak (`PopulationSpec.dominance`): `units` (fewer than 2 × min) all share the hub value `group` names. */
  kind?: "dominance";
}

/** Everything an audit needs, as JSON: what each data loader writes for the build's audit. */
export interface AuditDocument {
  populations: PopulationSpec[];
  tables: TableSpec[];
  figures: FigureSpec[];
  /**
   * Groups of figures that show one number in several populations ({@link DisclosureAudit.same}),
   * each figure named by population, family and label. Optional: older documents have none.
   */
  same?: FigureKey[][];
}

/** A figure named across documents: its population, family and label. */
export interface FigureKey {
  population: string;
  family: string;
  label: string;
}

/** Thrown when declarations contradict each other or the published values their cells. */
export class DeclarationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeclarationError";
  }
}

/** Formats a leak as one sentence naming the group, its size and the derivation. */
export function formatLeak(l: Leak, min: number): string {
  const what = l.measure === "count" ? "the number" : l.measure === "sum" ? "the sum of answers" : `the sum of ${l.measure.slice(4)}`;
  const terms = l.derivation
    .map((t, i) => {
      const k = Math.abs(t.coefficient);
      const sign = t.coefficient < 0 ? "−" : i === 0 ? "" : "+";
      return `${sign} ${k === 1 ? "" : `${+k.toFixed(6)} × `}${t.family} "${t.label}"`.trim();
    })
    .join(" ");
  if (l.kind === "dominance") return `${l.population}, by ${l.dimension}: every one of ${l.group} (${l.units} ${l.unit}s, fewer than ${2 * min}): that none had another value follows from ${terms}`;
  return `${l.population}, by ${l.dimension}: ${what} of ${l.group} (${l.units} ${l.unit}${l.units === 1 ? "" : "s"}, fewer than ${min}) follows from ${terms}`;
}

interface Pop {
  spec: PopulationSpec;
  hub: readonly string[];
  weights: readonly number[] | null;
  tables: Map<string, TableSpec>;
}

/** The audit of one build or one data loader: declare, then `audit()` or `protect()`. */
export class DisclosureAudit {
  private readonly pops = new Map<string, Pop>();
  private readonly figs: FigureSpec[] = [];
  /** Population id -> ids of its figures, ascending. */
  private readonly figsOf = new Map<string, number[]>();
  /** Figures whose declaration {@link check} has accepted (forgotten when a table is added). */
  private readonly checked = new Set<number>();
  /**
   * Work an audit can reuse (forgotten when a table is added): per table, what it says about the
   * whole population, keyed by the figures it was computed from, and the tables found without a
   * leak, keyed by everything their search depends on (see `countLeaks`). Complementary
   * suppression re-audits after each figure it hides; only the tables that figure touches change.
   */
  private readonly memo = new Map<string, { sig: string; value: unknown }>();
  /** Figure vectors by table (see `vectorOnce`; forgotten when a table is added). */
  private readonly vectors = { number: new Map<string, unknown>(), bigint: new Map<string, unknown>() };
  /** Declarations made so far (populations, tables, figures; hiding one is not a declaration). */
  private declared = 0;
  /** `declared` when {@link audit} last found no leak (-1: never). */
  private clearAt = -1;
  /** Groups of figures that show one number ({@link same}), by key: resolved to ids when audited. */
  private readonly sameGroups: FigureKey[][] = [];
  /**
   * Per population, a number bumped whenever one of its figures is declared or hidden or one of
   * its tables is declared: what `derivationWith` builds from a population's published figures,
   * and a `same` group's leaks, are kept while the versions they were computed at hold.
   */
  private readonly versions = new Map<string, number>();
  /** What `derivationWith` builds before reducing its target (see `derivationBase`), by field, population, measure, hub and excluded figure. */
  private readonly derivations = new Map<string, { version: number; base: unknown }>();
  /** The `same` groups resolved to figure ids, as of `declared`. */
  private sameIds: { declared: number; groups: number[][] } | null = null;
  /** Each `same` group's leaks, by group index, with the declarations and member populations' versions they were computed at. */
  private readonly sameMemo = new Map<number, { sig: string; leaks: { leak: Leak; id: number }[] }>();

  /** @param min the minimum group size (`ILN_MIN_CELL`). */
  constructor(readonly min: number) {
    if (!Number.isInteger(min) || min < 1) throw new RangeError(`the minimum cell size must be an integer >= 1, got ${min}`);
  }

  /** Declares a population (again: must be the same). @throws DeclarationError on a conflict. */
  population(spec: PopulationSpec): this {
    const known = this.pops.get(spec.id);
    if (known) {
      if (JSON.stringify(known.spec) !== JSON.stringify(spec)) throw new DeclarationError(`population ${spec.id} is declared twice, differently`);
      return this;
    }
    const hub = spec.hub?.values ?? ["*"];
    if (spec.hub?.weights && (spec.hub.weights.length !== hub.length || !spec.hub.weights.every(Number.isInteger))) {
      throw new DeclarationError(`population ${spec.id}: one integer weight per hub value`);
    }
    this.pops.set(spec.id, { spec, hub, weights: spec.hub?.weights ?? null, tables: new Map() });
    this.declared++;
    return this;
  }

  /** Declares a table (again: must hold the same counts). @throws DeclarationError on a conflict or a bad shape. */
  table(spec: TableSpec): this {
    const pop = this.pop(spec.population);
    for (const [v, counts] of Object.entries(spec.cells)) {
      if (counts.length !== pop.hub.length || counts.some((c) => !Number.isInteger(c) || c < 0)) {
        throw new DeclarationError(`table ${spec.population} by ${spec.dimension}, value ${v}: expected ${pop.hub.length} non-negative integer count(s)`);
      }
    }
    const known = pop.tables.get(spec.dimension);
    if (known) {
      if (JSON.stringify(sortedCells(known.cells)) !== JSON.stringify(sortedCells(spec.cells))) {
        throw new DeclarationError(`table ${spec.population} by ${spec.dimension} is declared twice with different counts`);
      }
      return this;
    }
    pop.tables.set(spec.dimension, spec);
    this.declared++;
    this.bump(spec.population);
    this.checked.clear();
    this.memo.clear();
    this.vectors.number.clear();
    this.vectors.bigint.clear();
    return this;
  }

  /** Declares a figure. @returns its id (for {@link published}). */
  figure(spec: FigureSpec): number {
    this.pop(spec.population);
    this.figs.push({ ...spec });
    this.declared++;
    this.bump(spec.population);
    const id = this.figs.length - 1;
    const list = this.figsOf.get(spec.population);
    if (list) list.push(id);
    else this.figsOf.set(spec.population, [id]);
    return id;
  }

  /**
   * Declares figures of different populations that show one number (a round's participants in
   * the people across rounds and in the round's matched participants; an item's mean among its
   * answers and among its respondents by segment). When one is hidden, all are, and none may
   * follow from the published figures of its own population: the audit reports that as a leak of
   * the whole population (its derivation), and complementary suppression closes it like any other.
   * Members not declared (yet) are ignored: a data loader's document holds the groups of its
   * figures whole, and the build's audit, which merges every document, resolves them.
   */
  same(ids: readonly number[]): this {
    if (ids.length > 1) {
      this.sameGroups.push(ids.map((i) => keyOf(this.figs[i])));
      this.declared++;
    }
    return this;
  }

  /** True when figure `id` is published (not suppressed). */
  published(id: number): boolean {
    return this.figs[id].value !== null;
  }

  /** The value of figure `id` as published now (null: suppressed). */
  valueOf(id: number): number | null {
    return this.figs[id].value;
  }

  /** Hides figure `id` (and nothing else). */
  hide(id: number): void {
    this.figs[id].value = null;
    this.bump(this.figs[id].population);
  }

  /** Adds every declaration of `doc` (e.g. another data loader's). @throws DeclarationError on a conflict. */
  merge(doc: AuditDocument): this {
    for (const p of doc.populations) this.population(p);
    for (const t of doc.tables) this.table(t);
    for (const f of doc.figures) this.figure(f);
    const known = new Set(this.sameGroups.map((g) => JSON.stringify(g)));
    for (const g of doc.same ?? []) {
      if (known.has(JSON.stringify(g))) continue;
      known.add(JSON.stringify(g));
      this.sameGroups.push(g.map((k) => ({ ...k })));
      this.declared++;
    }
    return this;
  }

  /** The declarations as JSON (values as published now). */
  toJSON(): AuditDocument {
    return {
      populations: [...this.pops.values()].map((p) => p.spec),
      tables: [...this.pops.values()].flatMap((p) => [...p.tables.values()]),
      figures: this.figs.map((f) => ({ ...f })),
      same: this.sameGroups.map((g) => g.map((k) => ({ ...k }))),
    };
  }

  /**
   * Every leak (module doc), in population order.
   * @throws DeclarationError when a published value differs from its cells' counts, a figure
   *   names a table or value that was not declared; SearchLimit when a group of figures is too
   *   interlocked to check (the build then fails rather than guess).
   */
  audit(): Leak[] {
    const leaks = [...this.pops.keys()].flatMap((id) => this.auditPopulation(id));
    // (Copies: the leaks of `same` groups are kept for the next audit, see `sameLeaksOf`.)
    if (!leaks.length) leaks.push(...this.sameLeaks().map(({ leak }) => ({ ...leak, derivation: leak.derivation.map((t) => ({ ...t })) })));
    if (!leaks.length) this.clearAt = this.declared;
    return leaks;
  }

  /**
   * True when {@link audit} has found no leak and nothing has been declared since (figures hidden
   * since can only take vectors out of the spans it searched), and every `sum:NAME` measure of a
   * population has one hub restriction on all its figures. Then an audit of the same populations
   * and tables (same `min`) whose published figures are some of those published here finds no leak
   * either: every span it searches (a table's figures and what the other tables say about the hub)
   * lies in the one searched here, which holds no small 0/1 vector, and it checks the same
   * declarations. A data loader's audit of its part of a plan so audited is implied (reports/data/lib/run.ts).
   */
  clear(): boolean {
    if (this.clearAt !== this.declared) return false;
    const hubOf = new Map<string, string>();
    for (const f of this.figs) {
      if (!(f.measure ?? "count").startsWith("sum:")) continue;
      const key = `${f.population}\u0000${f.measure}`;
      const hub = JSON.stringify(f.hub ?? null);
      if ((hubOf.get(key) ?? hub) !== hub) return false;
      hubOf.set(key, hub);
    }
    return true;
  }

  /**
   * Complementary suppression (module doc): hides figures that are not `fixed` until no leak
   * remains or a leak cannot be closed.
   * @returns the labels of the figures it hid (as `family: label`) and the leaks left (none when it succeeded).
   */
  protect(): { hidden: string[]; leaks: Leak[] } {
    const hidden: string[] = [];
    for (const id of this.pops.keys()) {
      for (;;) {
        const leaks = this.auditPopulation(id, 1);
        if (!leaks.length) break;
        const pick = this.pickToHide(leaks[0]);
        if (pick === null) return { hidden, leaks: this.audit() };
        const cell = this.figs[pick].cell;
        for (const i of this.figsOf.get(id) ?? []) {
          const f = this.figs[i];
          if (f.value !== null && (i === pick || (cell !== undefined && f.cell === cell))) {
            f.value = null;
            hidden.push(`${f.family}: ${f.label}`);
          }
        }
        this.bump(id);
      }
    }
    // Figures showing one number (`same`): a hidden one hides the others, and none may follow
    // from its population's published figures; hiding never opens a leak within a population.
    // Only the first leak is needed, and only groups with a member in the population changed
    // last are computed again (`sameLeaksOf`): the same picks as recomputing every group.
    for (;;) {
      const first = this.firstSameLeak();
      if (!first) break;
      const { leak, id } = first;
      const pick = this.figs[id].value !== null ? (this.figs[id].fixed ? null : id) : this.pickToHide(leak);
      if (pick === null) return { hidden, leaks: this.audit() };
      const cell = this.figs[pick].cell;
      for (const i of this.figsOf.get(leak.population) ?? []) {
        const f = this.figs[i];
        if (f.value !== null && (i === pick || (cell !== undefined && f.cell === cell))) {
          f.value = null;
          hidden.push(`${f.family}: ${f.label}`);
        }
      }
      this.bump(leak.population);
    }
    return { hidden, leaks: [] };
  }

  /**
   * How figure `id` follows from the other published figures of its population, or null when it
   * does not: whether its vector lies in the span a leak search of its table uses (the table's own
   * published figures of its measure, and what the other tables say about the whole population).
   * An empty derivation: it covers only cells known to be empty.
   */
  derivation(id: number): Term[] | null {
    try {
      return this.derivationWith(COMPACT_FIELD, id);
    } catch (err) {
      if (err instanceof FieldOverflow) return this.derivationWith(BIGINT_FIELD, id);
      throw err;
    }
  }

  /** Leaks of `same` groups: a published member while another is hidden, or a hidden member that follows from published figures. */
  private sameLeaks(): { leak: Leak; id: number }[] {
    if (!this.sameGroups.length) return [];
    return this.sameResolved().flatMap((_, g) => this.sameLeaksOf(g));
  }

  /** The first of {@link sameLeaks}, computing groups only up to the first that leaks. */
  private firstSameLeak(): { leak: Leak; id: number } | null {
    if (!this.sameGroups.length) return null;
    const groups = this.sameResolved();
    for (let g = 0; g < groups.length; g++) {
      const leaks = this.sameLeaksOf(g);
      if (leaks.length) return leaks[0];
    }
    return null;
  }

  /** The `same` groups as figure ids (members not declared left out), resolved once per declaration. */
  private sameResolved(): number[][] {
    if (this.sameIds?.declared !== this.declared) {
      const byKey = new Map<string, number>();
      this.figs.forEach((f, i) => byKey.set(keyString(keyOf(f)), i));
      const groups = this.sameGroups.map((g) => g.map((k) => byKey.get(keyString(k))).filter((i): i is number => i !== undefined));
      this.sameIds = { declared: this.declared, groups };
      this.sameMemo.clear();
    }
    return this.sameIds.groups;
  }

  /**
   * The leaks of `same` group `g` (by index in {@link sameResolved}): they depend only on its
   * members' values and on the published figures and tables of its members' populations, so they
   * are kept until one of those populations changes (`versions`).
   */
  private sameLeaksOf(g: number): { leak: Leak; id: number }[] {
    const ids = this.sameResolved()[g];
    const sig = ids.map((i) => this.versions.get(this.figs[i].population) ?? 0).join(",");
    const known = this.sameMemo.get(g);
    if (known && known.sig === sig) return known.leaks;
    const out: { leak: Leak; id: number }[] = [];
    const hidden = ids.filter((i) => this.figs[i].value === null);
    if (hidden.length) {
      const why = this.figs[hidden[0]];
      for (const i of ids) {
        const f = this.figs[i];
        const pop = this.pop(f.population);
        const base = { population: f.population, dimension: f.dimension ?? "all", measure: f.measure ?? "count", units: this.unitsOf(f), unit: pop.spec.unit };
        const group = `${f.family} "${f.label}" (the same number as ${why.family} "${why.label}" of ${why.population}, hidden)`;
        if (f.value !== null) {
          out.push({ id: i, leak: { ...base, group, derivation: [{ family: f.family, label: f.label, coefficient: 1 }] } });
          continue;
        }
        const d = this.derivation(i);
        if (d && d.length) out.push({ id: i, leak: { ...base, group, derivation: d } });
      }
    }
    this.sameMemo.set(g, { sig, leaks: out });
    return out;
  }

  /** Marks population `id` changed (a figure of it declared or hidden, a table of it declared). */
  private bump(id: string): void {
    this.versions.set(id, (this.versions.get(id) ?? 0) + 1);
  }

  private derivationWith<T>(F: Field<T>, id: number): Term[] | null {
    const f = this.figs[id];
    const pop = this.pop(f.population);
    if (!pop.tables.size) return null;
    const m = measureClass(f);
    const base = this.derivationBase(F, pop, f, id);
    const targets = f.dimension ? base.tables.filter((t) => t.dimension === f.dimension) : base.tables;
    const terms = (how: Vec<T>): Term[] =>
      [...how].filter(([, c]) => !F.isZero(c)).sort((a, b) => a[0] - b[0]).map(([i, c]) => ({ family: this.figs[i].family, label: this.figs[i].label, coefficient: F.toNumber(c) }));
    for (const t of targets) {
      const values = base.valuesOf.get(t.dimension)!;
      const e = base.full(t);
      const target = m === "count" ? this.vectorOnce(F, `count\u0000${t.dimension}\u0000${id}`, () => base.project(t, values, this.vector(F, pop, t, values, f))) : base.vec(t, values, f);
      const r = e.reduce(target);
      if (!r.left.size) return terms(r.how);
    }
    return null;
  }

  /**
   * What a derivation of figure `id` reduces its vector by, in each table: the table's own
   * published figures of its measure (and hub, for `sum:NAME`) but `id`, with what the other
   * tables say about the whole population. It depends only on those figures, so it is built once
   * per version of the population (and per field, measure, hub, and `id` when `id` is published)
   * and each table's echelon when first needed.
   */
  private derivationBase<T>(F: Field<T>, pop: Pop, f: FigureSpec, id: number): DerivationBase<T> {
    const m = measureClass(f);
    const hubSig = m === "count" ? "" : JSON.stringify(f.hub ?? null);
    const field = F === (COMPACT_FIELD as unknown) ? "number" : "bigint";
    const key = `${field}\u0000${pop.spec.id}\u0000${m}\u0000${hubSig}\u0000${f.value !== null ? id : -1}`;
    const version = this.versions.get(pop.spec.id) ?? 0;
    const known = this.derivations.get(key);
    if (known && known.version === version) return known.base as DerivationBase<T>;
    const tables = [...pop.tables.values()];
    const gens = (this.figsOf.get(f.population) ?? []).filter((i) => i !== id && this.figs[i].value !== null && measureClass(this.figs[i]) === m && (m === "count" || JSON.stringify(this.figs[i].hub ?? null) === hubSig));
    const valuesOf = new Map(tables.map((t) => [t.dimension, Object.keys(t.cells).sort()]));
    const own = (t: TableSpec) => gens.filter((i) => !this.figs[i].dimension || this.figs[i].dimension === t.dimension);
    const H = pop.hub.length;
    const project = (t: TableSpec, values: string[], v: Vec<T>) => new Map([...v].filter(([i]) => t.cells[values[Math.floor(i / H)]][i % H] > 0));
    const unitsIn = (t: TableSpec, v: string) => t.cells[v].reduce((a, c, k) => a + (!f.hub || f.hub.includes(pop.hub[k]) ? c : 0), 0);
    const vec = (t: TableSpec, values: string[], g: FigureSpec) => {
      const covered = g.dimension && g.values ? new Set(g.values) : null;
      return vecOf(F, values.map((v, d) => [d, (!covered || covered.has(v)) && unitsIn(t, v) > 0 ? 1 : 0] as [number, number]).filter(([, x]) => x));
    };
    const echelons = new Map<string, Echelon<T>>();
    const full = new Map<string, Echelon<T>>();
    // A table's echelon with what the other tables say about the whole population (`extend`), built when first needed.
    const fullOf = (extend: (t: TableSpec, values: string[], e: Echelon<T>) => void) => (t: TableSpec) => {
      let e = full.get(t.dimension);
      if (!e) {
        const values = valuesOf.get(t.dimension)!;
        e = echelons.get(t.dimension)!.clone();
        extend(t, values, e);
        full.set(t.dimension, e);
      }
      return e;
    };
    let made: DerivationBase<T>;
    if (m === "count") {
      const pure: { hubCoef: Vec<T>; how: Vec<T>; from: string }[] = [];
      for (const t of tables) {
        const values = valuesOf.get(t.dimension)!;
        const e = new Echelon(F);
        for (const i of own(t)) e.add(this.vectorOnce(F, `count\u0000${t.dimension}\u0000${i}`, () => project(t, values, this.vector(F, pop, t, values, this.figs[i]))), i);
        echelons.set(t.dimension, e);
        const reductions = pop.hub.map((_, k) => e.reduce(project(t, values, hubVector(F, values.length, H, new Map([[k, F.one]])))));
        for (const mu of kernel(F, reductions.map((r) => r.left))) {
          let how: Vec<T> = new Map();
          for (const [k, c] of mu) how = axpy(F, how, c, reductions[k].how);
          pure.push({ hubCoef: mu, how, from: t.dimension });
        }
      }
      made = {
        tables, valuesOf, project, vec,
        full: fullOf((t, values, e) => {
          for (const p of pure) if (p.from !== t.dimension) e.add(project(t, values, hubVector(F, values.length, H, p.hubCoef)), p.how);
        }),
      };
    } else {
      const pure: { how: Vec<T>; from: string }[] = [];
      const hubOnly = { ...f, dimension: undefined, values: undefined };
      for (const t of tables) {
        const values = valuesOf.get(t.dimension)!;
        const e = new Echelon(F);
        for (const i of own(t)) e.add(this.vectorOnce(F, `${m}\u0000${hubSig}\u0000${t.dimension}\u0000${i}`, () => vec(t, values, this.figs[i])), i);
        echelons.set(t.dimension, e);
        const r = e.reduce(vec(t, values, hubOnly));
        if (!r.left.size) pure.push({ how: r.how, from: t.dimension });
      }
      made = {
        tables, valuesOf, project, vec,
        full: fullOf((t, values, e) => {
          const ones = vec(t, values, hubOnly);
          for (const p of pure) if (p.from !== t.dimension) e.add(ones, p.how);
        }),
      };
    }
    this.derivations.set(key, { version, base: made });
    return made;
  }

  private pop(id: string): Pop {
    const p = this.pops.get(id);
    if (!p) throw new DeclarationError(`population ${id} is not declared`);
    return p;
  }

  /**
   * The figure to hide for `leak`: of those in its derivation that are not fixed, one of the
   * lowest priority, and of those the one covering fewest units (the next-smallest cell).
   */
  private pickToHide(leak: Leak): number | null {
    const mine = this.figsOf.get(leak.population) ?? [];
    const ids = leak.derivation.map((t) => mine.find((i) => this.figs[i].value !== null && !this.figs[i].fixed && this.figs[i].family === t.family && this.figs[i].label === t.label) ?? -1).filter((i) => i >= 0);
    if (!ids.length) return null;
    const sizes = new Map(ids.map((i) => [i, this.unitsOf(this.figs[i])]));
    const size = (i: number) => sizes.get(i)!;
    const priority = (i: number) => this.figs[i].priority ?? 0;
    return ids.sort((a, b) => priority(a) - priority(b) || size(a) - size(b) || a - b)[0];
  }

  /** True units a figure covers (its count, for any measure), from the first table that can tell. */
  private unitsOf(f: FigureSpec): number {
    const pop = this.pop(f.population);
    const table = f.dimension ? pop.tables.get(f.dimension) : pop.tables.values().next().value;
    if (!table) return 0;
    let n = 0;
    for (const [v, counts] of Object.entries(table.cells)) {
      if (f.dimension && f.values && !f.values.includes(v)) continue;
      counts.forEach((c, h) => (n += !f.hub || f.hub.includes(pop.hub[h]) ? c : 0));
    }
    return n;
  }

  /** A figure's vector over a table's cells (never changed by its users), computed once per field and `key`. */
  private vectorOnce<T>(F: Field<T>, key: string, compute: () => Vec<T>): Vec<T> {
    const memo = F === (COMPACT_FIELD as unknown) ? this.vectors.number : this.vectors.bigint;
    let v = memo.get(key) as Vec<T> | undefined;
    if (!v) memo.set(key, (v = compute()));
    return v;
  }

  /** `compute()`, or what it returned last time under `key` with the same `sig`. */
  private remember<V>(key: string, sig: string, compute: () => V): V {
    const m = this.memo.get(key);
    if (m && m.sig === sig) return m.value as V;
    const value = compute();
    this.memo.set(key, { sig, value });
    return value;
  }

  private auditPopulation(id: string, limit = 50): Leak[] {
    try {
      return this.auditWith(COMPACT_FIELD, id, limit);
    } catch (err) {
      if (err instanceof FieldOverflow) return this.auditWith(BIGINT_FIELD, id, limit);
      throw err;
    }
  }

  private auditWith<T>(F: Field<T>, id: string, limit: number): Leak[] {
    const pop = this.pop(id);
    const tables = [...pop.tables.values()];
    if (!tables.length) {
      if (this.figsOf.get(id)?.length) throw new DeclarationError(`population ${id} has figures but no table`);
      return [];
    }
    const figIds = this.figsOf.get(id) ?? [];
    for (const i of figIds) {
      if (this.checked.has(i)) continue;
      this.check(pop, this.figs[i]);
      this.checked.add(i);
    }
    const live = figIds.filter((i) => this.figs[i].value !== null);
    const measures = new Set(live.map((i) => measureClass(this.figs[i])));
    const leaks: Leak[] = [];
    for (const m of [...measures].sort()) {
      if (leaks.length >= limit) break;
      const gens = live.filter((i) => measureClass(this.figs[i]) === m);
      leaks.push(...(m === "count" ? this.countLeaks(F, pop, tables, gens, limit) : this.namedSumLeaks(F, pop, tables, gens, m, limit)));
    }
    if (pop.spec.dominance && leaks.length < limit) {
      leaks.push(...this.dominanceLeaks(F, pop, tables, live.filter((i) => measureClass(this.figs[i]) === "count"), limit - leaks.length));
    }
    return leaks.slice(0, limit);
  }

  /** Published values must equal what the declared cells hold (counts and hub-weighted sums). */
  private check(pop: Pop, f: FigureSpec): void {
    const where = `${f.family} "${f.label}"`;
    const tables = f.dimension ? [pop.tables.get(f.dimension)] : [...pop.tables.values()];
    for (const t of tables) {
      if (!t) throw new DeclarationError(`${where}: population ${pop.spec.id} has no table by ${f.dimension}`);
      if (f.values) for (const v of f.values) if (!(v in t.cells)) throw new DeclarationError(`${where}: ${t.dimension} value ${JSON.stringify(v)} is not in the table`);
      if (f.hub) for (const h of f.hub) if (!pop.hub.includes(h)) throw new DeclarationError(`${where}: ${h} is not a value of the hub`);
      const m = f.measure ?? "count";
      if (f.value === null || (m !== "count" && m !== "sum")) continue;
      if (m === "sum" && !pop.weights) throw new DeclarationError(`${where}: a sum needs hub weights`);
      let truth = 0;
      const hubs = pop.hub.map((h) => !f.hub || f.hub.includes(h));
      for (const v of f.values ? new Set(f.values) : Object.keys(t.cells)) {
        t.cells[v].forEach((c, h) => {
          if (hubs[h]) truth += m === "sum" ? c * pop.weights![h] : c;
        });
      }
      if (Math.abs(truth - f.value) > 1e-6 * Math.max(1, Math.abs(truth))) {
        throw new DeclarationError(`${where} is published as ${f.value} but its cells in the table by ${t.dimension} hold ${truth}`);
      }
    }
  }

  /** The figure as a vector over the cells (value index * hubs + hub index) of table `t`. */
  private vector<T>(F: Field<T>, pop: Pop, t: TableSpec, values: string[], f: FigureSpec): Vec<T> {
    const H = pop.hub.length;
    const entries: [number, number][] = [];
    const covered = f.dimension && f.values ? new Set(f.values) : null;
    values.forEach((v, d) => {
      if (covered && !covered.has(v)) return;
      pop.hub.forEach((h, k) => {
        if (f.hub && !f.hub.includes(h)) return;
        entries.push([d * H + k, (f.measure ?? "count") === "sum" ? pop.weights![k] : 1]);
      });
    });
    return vecOf(F, entries);
  }

  /**
   * Dominance leaks (`PopulationSpec.dominance`): in each table, every dimension value, and every
   * set of values a figure covers, holding 1..2 × min − 1 units all of one hub value is a
   * candidate; it leaks when the indicator of its cells of the other hub values (all empty) lies in
   * the span of the published figures, cells of every value and hub value as unknowns (no empty
   * cell taken as known), with what the other tables say about the hub alone, found the same way.
   * Remembered per population until its published figures change.
   */
  private dominanceLeaks<T>(F: Field<T>, pop: Pop, tables: TableSpec[], gens: number[], limit: number): Leak[] {
    const H = pop.hub.length;
    if (H < 2) return [];
    const field = F === (COMPACT_FIELD as unknown) ? "number" : "bigint";
    const memoKey = `${field}\u0000dominance\u0000${pop.spec.id}`;
    const sig = gens.join(",");
    if (this.memo.get(memoKey)?.sig === sig) return [];
    const valuesOf = new Map(tables.map((t) => [t.dimension, Object.keys(t.cells).sort()]));
    const own = (t: TableSpec) => gens.filter((i) => !this.figs[i].dimension || this.figs[i].dimension === t.dimension);
    const candidates = (t: TableSpec) => {
      const sets: string[][] = valuesOf.get(t.dimension)!.map((v) => [v]);
      for (const i of own(t)) if (this.figs[i].dimension === t.dimension && this.figs[i].values && this.figs[i].values!.length > 1) sets.push([...this.figs[i].values!].sort());
      const seen = new Set<string>();
      const out: { values: string[]; units: number; hub: number }[] = [];
      for (const values of sets) {
        const key = values.join("\u0000");
        if (seen.has(key)) continue;
        seen.add(key);
        const byHub = pop.hub.map((_, k) => values.reduce((a, v) => a + (t.cells[v]?.[k] ?? 0), 0));
        const units = byHub.reduce((a, c) => a + c, 0);
        const hub = byHub.findIndex((c) => c === units);
        if (units > 0 && units < 2 * this.min && hub >= 0) out.push({ values, units, hub });
      }
      return out;
    };
    const found = tables.map((t) => ({ t, c: candidates(t) }));
    const leaks: Leak[] = [];
    if (found.some((x) => x.c.length)) {
      const ownEchelon = (t: TableSpec) => {
        const values = valuesOf.get(t.dimension)!;
        const e = new Echelon(F);
        for (const i of own(t)) e.add(this.vector(F, pop, t, values, this.figs[i]), i);
        return e;
      };
      const echelons = new Map(tables.map((t) => [t.dimension, ownEchelon(t)]));
      // What each table says about the hub alone (step 1 of the module doc, without empty cells known).
      const pure: { hubCoef: Vec<T>; how: Vec<T>; from: string }[] = [];
      for (const t of tables) {
        const values = valuesOf.get(t.dimension)!;
        const e = echelons.get(t.dimension)!;
        const reductions = pop.hub.map((_, k) => e.reduce(hubVector(F, values.length, H, new Map([[k, F.one]]))));
        for (const mu of kernel(F, reductions.map((r) => r.left))) {
          let how: Vec<T> = new Map();
          for (const [k, c] of mu) how = axpy(F, how, c, reductions[k].how);
          pure.push({ hubCoef: mu, how, from: t.dimension });
        }
      }
      for (const { t, c } of found) {
        if (!c.length || leaks.length >= limit) continue;
        const values = valuesOf.get(t.dimension)!;
        const e = echelons.get(t.dimension)!.clone();
        for (const p of pure) if (p.from !== t.dimension) e.add(hubVector(F, values.length, H, p.hubCoef), p.how);
        for (const cand of c) {
          const index = new Set(cand.values.map((v) => values.indexOf(v)));
          const other = vecOf(F, [...index].flatMap((d) => pop.hub.map((_, k) => k).filter((k) => k !== cand.hub).map((k) => [d * H + k, 1] as [number, number])));
          const { left, how } = e.reduce(other);
          if (left.size) continue;
          leaks.push({
            population: pop.spec.id, dimension: t.dimension, measure: "count", kind: "dominance",
            group: `${t.dimension} ${cand.values.join(", ")} (${pop.spec.hub?.name ?? "hub"} ${pop.hub[cand.hub]})`,
            units: cand.units, unit: pop.spec.unit,
            derivation: [...how].filter(([, x]) => !F.isZero(x)).sort((a, b) => a[0] - b[0]).map(([i, x]) => ({ family: this.figs[i].family, label: this.figs[i].label, coefficient: F.toNumber(x) })),
          });
          if (leaks.length >= limit) break;
        }
      }
    }
    if (!leaks.length) this.memo.set(memoKey, { sig, value: true });
    return leaks;
  }

  private countLeaks<T>(F: Field<T>, pop: Pop, tables: TableSpec[], gens: number[], limit: number): Leak[] {
    const H = pop.hub.length;
    const valuesOf = new Map(tables.map((t) => [t.dimension, Object.keys(t.cells).sort()]));
    const owned = new Map(tables.map((t) => [t.dimension, gens.filter((i) => !this.figs[i].dimension || this.figs[i].dimension === t.dimension)]));
    const own = (t: TableSpec) => owned.get(t.dimension)!;
    // Empty cells are known to be empty (module doc): they leave every vector.
    const project = (t: TableSpec, values: string[], v: Vec<T>) => new Map([...v].filter(([i]) => t.cells[values[Math.floor(i / H)]][i % H] > 0));
    const echelonOf = (t: TableSpec, extra: { hubCoef: Vec<T>; how: Vec<T> }[], start?: Echelon<T>) => {
      const values = valuesOf.get(t.dimension)!;
      // `start`: the echelon of the table's own figures alone, as made below (then copied).
      const e = start ? start.clone() : new Echelon(F);
      if (!start) for (const i of own(t)) e.add(this.vectorOnce(F, `count\u0000${t.dimension}\u0000${i}`, () => project(t, values, this.vector(F, pop, t, values, this.figs[i]))), i);
      for (const x of extra) e.add(project(t, values, hubVector(F, values.length, H, x.hubCoef)), x.how);
      return e;
    };
    // Step 1: what each table says about the hub alone, with how it is made of figures (a
    // function of the table's own figures: remembered under their ids).
    const field = F === (COMPACT_FIELD as unknown) ? "number" : "bigint";
    const key = (what: string, t: TableSpec) => `${field}\u0000${what}\u0000${pop.spec.id}\u0000${t.dimension}`;
    const pureOf = new Map<string, { hubCoef: Vec<T>; how: Vec<T> }[]>();
    const ownEchelon = new Map<string, Echelon<T>>();
    const pure: { hubCoef: Vec<T>; how: Vec<T>; from: string }[] = [];
    for (const t of tables) {
      const { out: mine, e: own0 } = this.remember(key("pure count", t), own(t).join(","), () => {
        const values = valuesOf.get(t.dimension)!;
        const e = echelonOf(t, []);
        const reductions = pop.hub.map((_, k) => e.reduce(project(t, values, hubVector(F, values.length, H, new Map([[k, F.one]])))));
        const out: { hubCoef: Vec<T>; how: Vec<T> }[] = [];
        for (const mu of kernel(F, reductions.map((r) => r.left))) {
          let how: Vec<T> = new Map();
          for (const [k, c] of mu) how = axpy(F, how, c, reductions[k].how);
          out.push({ hubCoef: mu, how });
        }
        return { out, e };
      });
      pureOf.set(t.dimension, mine);
      ownEchelon.set(t.dimension, own0);
      for (const p of mine) pure.push({ ...p, from: t.dimension });
    }
    const sums = !!pop.weights && gens.some((i) => this.figs[i].measure === "sum");
    const leaks: Leak[] = [];
    for (const t of tables) {
      if (leaks.length >= limit) break;
      // Whether the table leaks depends only on the span searched: its own figures and the
      // functions of the hub the other tables give (not on how those are made of figures). A
      // table found without a leak is not searched again until one of those changes.
      const cleanSig = [
        own(t).join(","),
        ...tables.filter((u) => u !== t).map((u) => pureOf.get(u.dimension)!.map((p) => [...p.hubCoef].map(([k, c]) => `${k}:${String(c)}`).join(";")).join("/")),
        String(sums),
      ].join("|");
      const cleanKey = key("clean count", t);
      if (this.memo.get(cleanKey)?.sig === cleanSig) continue;
      const found = leaks.length;
      const values = valuesOf.get(t.dimension)!;
      // A group of 1..min − 1 units (of cells, or of whole values for sums) holds only cells of
      // 1..min − 1 units: a table without one has no leak, whatever the span.
      if (!hasSmallCell(t, this.min)) {
        this.memo.set(cleanKey, { sig: cleanSig, value: true });
        continue;
      }
      const e = echelonOf(t, pure.filter((p) => p.from !== t.dimension), ownEchelon.get(t.dimension));
      const weightOf = (i: number) => t.cells[values[Math.floor(i / H)]][i % H];
      const describe = (v: Vec<T>) => this.describe(pop, values, [...v.keys()]);
      const derive = (v: Vec<T>): Term[] => {
        const { left, how } = e.reduce(v);
        if (left.size) throw new Error("internal: a leak that is not in the span");
        return [...how].filter(([, c]) => !F.isZero(c)).sort((a, b) => a[0] - b[0]).map(([i, c]) => ({ family: this.figs[i].family, label: this.figs[i].label, coefficient: F.toNumber(c) }));
      };
      for (const v of smallZeroOneVectors(F, e.rows().map((r) => r.vec), weightOf, this.min - 1, limit - leaks.length)) {
        leaks.push({ population: pop.spec.id, dimension: t.dimension, measure: "count", group: describe(v), units: [...v.keys()].reduce((s, i) => s + weightOf(i), 0), unit: pop.spec.unit, derivation: derive(v) });
      }
      // Sums of the hub's weights over whole dimension values.
      if (leaks.length >= limit) continue;
      if (!sums) {
        if (leaks.length === found) this.memo.set(cleanKey, { sig: cleanSig, value: true });
        continue;
      }
      const rowSum = (d: number) => project(t, values, vecOf(F, pop.hub.map((_, k) => [d * H + k, pop.weights![k]] as [number, number])));
      const rowUnits = (d: number) => t.cells[values[d]].reduce((a, b) => a + b, 0);
      const rows = values.map((_, d) => d).filter((d) => rowUnits(d) > 0);
      const residuals = rows.map((d) => e.reduce(rowSum(d)).left);
      const kept = kernel(F, residuals).map((k) => new Map([...k].map(([i, c]) => [rows[i], c] as [number, T])));
      for (const r of smallZeroOneVectors(F, kept, rowUnits, this.min - 1, limit - leaks.length)) {
        const rows = [...r.keys()];
        let s: Vec<T> = new Map();
        for (const d of rows) s = axpy(F, s, F.one, rowSum(d));
        leaks.push({ population: pop.spec.id, dimension: t.dimension, measure: "sum", group: rows.map((d) => `${t.dimension} ${values[d]}`).join("; "), units: rows.reduce((a, d) => a + rowUnits(d), 0), unit: pop.spec.unit, derivation: derive(s) });
      }
      if (leaks.length === found) this.memo.set(cleanKey, { sig: cleanSig, value: true });
    }
    return leaks;
  }

  private namedSumLeaks<T>(F: Field<T>, pop: Pop, tables: TableSpec[], gens: number[], m: Measure, limit: number): Leak[] {
    const hubOf = this.figs[gens[0]].hub;
    const hubSig = JSON.stringify(hubOf ?? null);
    const leaks: Leak[] = [];
    const valuesOf = new Map(tables.map((t) => [t.dimension, Object.keys(t.cells).sort()]));
    const unitsIn = (t: TableSpec, v: string) => t.cells[v].reduce((a, c, k) => a + (!hubOf || hubOf.includes(pop.hub[k]) ? c : 0), 0);
    // Values without units are known to be empty (module doc): they leave every vector.
    const vec = (t: TableSpec, values: string[], f: FigureSpec) => {
      const covered = f.dimension && f.values ? new Set(f.values) : null;
      return vecOf(F, values.map((v, d) => [d, (!covered || covered.has(v)) && unitsIn(t, v) > 0 ? 1 : 0] as [number, number]).filter(([, x]) => x));
    };
    const ones = (t: TableSpec, values: string[]) => vecOf(F, values.map((v, d) => [d, unitsIn(t, v) > 0 ? 1 : 0] as [number, number]).filter(([, x]) => x));
    const echelonOf = (t: TableSpec, extra: Vec<T>[], start?: Echelon<T>) => {
      const values = valuesOf.get(t.dimension)!;
      const e = start ? start.clone() : new Echelon(F);
      if (!start) for (const i of gens) if (!this.figs[i].dimension || this.figs[i].dimension === t.dimension) e.add(this.vectorOnce(F, `${m}\u0000${hubSig}\u0000${t.dimension}\u0000${i}`, () => vec(t, values, this.figs[i])), i);
      for (const how of extra) e.add(ones(t, values), how);
      return e;
    };
    // What each table says about the whole population's sum (remembered as in `countLeaks`).
    const field = F === (COMPACT_FIELD as unknown) ? "number" : "bigint";
    const key = (what: string, t: TableSpec) => `${field}\u0000${what}\u0000${m}\u0000${pop.spec.id}\u0000${t.dimension}`;
    const owned = new Map(tables.map((t) => [t.dimension, gens.filter((i) => !this.figs[i].dimension || this.figs[i].dimension === t.dimension)]));
    const own = (t: TableSpec) => owned.get(t.dimension)!;
    const pure: { how: Vec<T>; from: string }[] = [];
    const ownEchelon = new Map<string, Echelon<T>>();
    for (const t of tables) {
      const { how, e } = this.remember(key("pure sum", t), `${hubSig}|${own(t).join(",")}`, () => {
        const values = valuesOf.get(t.dimension)!;
        const e = echelonOf(t, []);
        const r = e.reduce(ones(t, values));
        return { how: r.left.size ? null : r.how, e };
      });
      ownEchelon.set(t.dimension, e);
      if (how) pure.push({ how, from: t.dimension });
    }
    for (const t of tables) {
      // As in `countLeaks`: a table without a leak is searched again only when its span changes.
      const cleanSig = [hubSig, own(t).join(","), pure.filter((p) => p.from !== t.dimension).map((p) => p.from).join("/")].join("|");
      const cleanKey = key("clean sum", t);
      if (leaks.length >= limit) break;
      if (this.memo.get(cleanKey)?.sig === cleanSig) continue;
      const found = leaks.length;
      const values = valuesOf.get(t.dimension)!;
      const units = (d: number) => unitsIn(t, values[d]);
      // As in `countLeaks`: without a value of 1..min − 1 units, no group is small enough.
      if (!values.some((v) => { const u = unitsIn(t, v); return u > 0 && u < this.min; })) {
        this.memo.set(cleanKey, { sig: cleanSig, value: true });
        continue;
      }
      const e = echelonOf(t, pure.filter((p) => p.from !== t.dimension).map((p) => p.how), ownEchelon.get(t.dimension));
      for (const v of smallZeroOneVectors(F, e.rows().map((r) => r.vec), units, this.min - 1, limit - leaks.length)) {
        const { how } = e.reduce(v);
        leaks.push({
          population: pop.spec.id, dimension: t.dimension, measure: m, group: [...v.keys()].map((d) => `${t.dimension} ${values[d]}`).join("; "),
          units: [...v.keys()].reduce((a, d) => a + units(d), 0), unit: pop.spec.unit,
          derivation: [...how].sort((a, b) => a[0] - b[0]).map(([i, c]) => ({ family: this.figs[i].family, label: this.figs[i].label, coefficient: F.toNumber(c) })),
        });
      }
      if (leaks.length === found) this.memo.set(cleanKey, { sig: cleanSig, value: true });
    }
    return leaks;
  }

  /** Names a set of cells: each dimension value, with its hub values when not all of them. */
  private describe(pop: Pop, values: string[], cells: number[]): string {
    const H = pop.hub.length;
    const by = new Map<number, number[]>();
    for (const i of cells.sort((a, b) => a - b)) by.set(Math.floor(i / H), [...(by.get(Math.floor(i / H)) ?? []), i % H]);
    const table = [...pop.tables.values()].find((t) => Object.keys(t.cells).sort().join("\u0000") === values.join("\u0000"));
    const dim = table?.dimension ?? "value";
    return [...by]
      .map(([d, hs]) => `${dim} ${values[d]}${hs.length === H ? "" : ` (${pop.spec.hub?.name ?? "hub"} ${hs.map((h) => pop.hub[h]).join(", ")})`}`)
      .join("; ");
  }
}

/** See `DisclosureAudit.derivationBase`. */
interface DerivationBase<T> {
  tables: TableSpec[];
  valuesOf: Map<string, string[]>;
  /** A count vector without the cells known to be empty. */
  project(t: TableSpec, values: string[], v: Vec<T>): Vec<T>;
  /** A `sum:NAME` figure's vector (values without units left out). */
  vec(t: TableSpec, values: string[], g: FigureSpec): Vec<T>;
  /** Table `t`'s echelon: its own figures and what the other tables say about the whole population. */
  full(t: TableSpec): Echelon<T>;
}

/** True when some cell of `t` holds 1..min − 1 units. */
function hasSmallCell(t: TableSpec, min: number): boolean {
  for (const counts of Object.values(t.cells)) for (const c of counts) if (c > 0 && c < min) return true;
  return false;
}

function keyOf(f: FigureSpec): FigureKey {
  return { population: f.population, family: f.family, label: f.label };
}

function keyString(k: FigureKey): string {
  return `${k.population}\u0000${k.family}\u0000${k.label}`;
}

function measureClass(f: FigureSpec): Measure {
  const m = f.measure ?? "count";
  return m === "sum" ? "count" : m;
}

function sortedCells(cells: Readonly<Record<string, readonly number[]>>): [string, readonly number[]][] {
  return Object.entries(cells).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The vector of a function of the hub alone (`coef` by hub index) over a table of `n` values. */
function hubVector<T>(F: Field<T>, n: number, H: number, coef: Vec<T>): Vec<T> {
  const v: Vec<T> = new Map();
  for (let d = 0; d < n; d++) for (const [k, c] of coef) if (!F.isZero(c)) v.set(d * H + k, c);
  return v;
}
