/**
 * The publication plan of partnerships (docs/privacy.md, "Disclosure audit"): every partnership
 * of every round, one table whose dimension is a partnership's *profile* (round, status, rematch,
 * continued, both partners registered, cross-sector, cross-career, health class and reasons), so
 * that the round counts of metrics.json (partnerships, rematches, completed, dissolved,
 * continued, cross-sector and cross-career pairs), the overall total and the health classes and
 * reasons of health.json are all sets of profiles and every overlap between them is audited.
 * Also each round's partner-sides (a participant in a partnership) by their stated preferences
 * and whether the pair meets them (metrics.json's pairing shares). Profiles nobody has are taken
 * as known to be empty (safe).
 */
import { sql, type Db } from "../../../../src/db";
import { careerStageTable } from "../../../../src/metrics/base";
import { HEALTH_CLASSES, partnershipHealth } from "../../../../src/metrics";
import type { Plan } from "../plan";
import { shareAllowed } from "../../../../src/privacy/suppress";

interface Profile {
  round: string;
  status: string;
  rematch: boolean;
  continued: boolean;
  paired: boolean;
  xs: boolean;
  xc: boolean;
  health: string;
  /** The deciding reason only (the first `classifyPartnership` gives: the rule that decided the class), so no reason contradicts the rules table. */
  reasons: string[];
  n: number;
}

/** Figure ids of one round's partnerships. */
export interface PartnershipRound {
  partnerships: number;
  rematches: number;
  completed: number;
  dissolved: number;
  continued: number;
  paired: number;
  crossSector: number;
  crossCareer: number;
  /** health.json: the round's partnerships, and per class and per (class, reason). */
  health: { partnerships: number; classes: Map<string, number>; reasons: { health: string; reason: string; id: number }[] };
}

/** Figure ids of one round's partner-sides. */
export interface SidesRound {
  sides: number;
  askedAnySector: number;
  askedDifferentCareer: number;
  sectorAsked: number;
  sectorMet: number;
  careerAsked: number;
  careerMet: number;
}

const key = (p: Profile) => JSON.stringify([p.round, p.status, p.rematch, p.continued, p.paired, p.xs, p.xc, p.health, p.reasons]);

/** Adds partnerships and partner-sides to `plan` (protect it afterwards). */
export async function addPartnerships(db: Db, plan: Plan, min: number): Promise<{ rounds: Map<string, PartnershipRound>; overall: number | null; sides: Map<string, SidesRound> }> {
  const stages = await careerStageTable(db);
  const facts = await db.all<{ round: string; id: string; status: string; rematch: boolean; continued: boolean; paired: boolean; xs: boolean | null; xc: boolean | null }>(sql`WITH ${stages},
    said_yes AS (SELECT DISTINCT round_id, pid FROM survey_responses WHERE continue_partnership = 'Yes'),
    who AS (SELECT g.round_id, g.pid, g.sector, cs.stage FROM registrations g JOIN career_stage cs ON cs.years IS NOT DISTINCT FROM g.years_experience)
    SELECT p.round_id AS round, p.partnership_id AS id, p.status, p.replaces IS NOT NULL AS rematch,
      coalesce(p.status = 'completed' AND (p.continued = 'yes' OR ya.pid IS NOT NULL OR yb.pid IS NOT NULL), false) AS continued,
      (a.pid IS NOT NULL AND b.pid IS NOT NULL) AS paired, a.sector <> b.sector AS xs, a.stage <> b.stage AS xc
    FROM partnerships p
    LEFT JOIN said_yes ya ON ya.round_id = p.round_id AND ya.pid = p.pid_a
    LEFT JOIN said_yes yb ON yb.round_id = p.round_id AND yb.pid = p.pid_b
    LEFT JOIN who a ON a.round_id = p.round_id AND a.pid = p.pid_a
    LEFT JOIN who b ON b.round_id = p.round_id AND b.pid = p.pid_b`);
  const health = new Map((await partnershipHealth(db)).map((h) => [`${h.round}\u0000${h.partnership_id}`, h]));
  const profiles = new Map<string, Profile>();
  for (const f of facts) {
    const h = health.get(`${f.round}\u0000${f.id}`)!;
    const p: Profile = { round: f.round, status: f.status, rematch: f.rematch, continued: f.continued, paired: f.paired, xs: f.paired && f.xs === true, xc: f.paired && f.xc === true, health: h.health, reasons: h.reasons.slice(0, 1), n: 1 };
    const k = key(p);
    const known = profiles.get(k);
    if (known) known.n++;
    else profiles.set(k, p);
  }
  const all = [...profiles.values()];
  const P = "partnerships";
  const rounds = new Map<string, PartnershipRound>();
  let overall: number | null = null;
  if (all.length) {
    plan.population({ id: P, unit: "partnership" });
    plan.table({ population: P, dimension: "profile", cells: Object.fromEntries(all.map((p) => [key(p), [p.n]])) });
    const fig = (family: string, label: string, keep: (p: Profile) => boolean, priority = 0, hidden = false) => {
      const set = all.filter(keep);
      return plan.figure({ family, label, population: P, dimension: "profile", values: set.map(key), value: set.reduce((a, p) => a + p.n, 0), priority }, hidden);
    };
    const count = (keep: (p: Profile) => boolean) => all.filter(keep).reduce((a, p) => a + p.n, 0);
    for (const round of [...new Set(all.map((p) => p.round))].sort()) {
      const inR = (p: Profile) => p.round === round;
      const n = count(inR);
      const completedN = count((p) => inR(p) && p.status === "completed");
      const pairedN = count((p) => inR(p) && p.paired);
      const share = (label: string, keep: (p: Profile) => boolean, base: number, priority = 0) => fig("metrics.json", `${round}: ${label}`, (p) => inR(p) && keep(p), priority, !shareAllowed(count((p) => inR(p) && keep(p)), base, min));
      const partnerships = fig("metrics.json", `${round}: partnerships`, inR, 3);
      const completed = share("completed partnerships", (p) => p.status === "completed", n, 1);
      const paired = fig("metrics.json", `${round}: partnerships of two registered partners`, (p) => inR(p) && p.paired, 1);
      const ids: PartnershipRound = {
        partnerships,
        rematches: fig("metrics.json", `${round}: rematches`, (p) => inR(p) && p.rematch),
        completed,
        dissolved: share("dissolved or withdrawn partnerships", (p) => p.status === "dissolved" || p.status === "withdrawn", n, 1),
        continued: share("continued partnerships", (p) => p.continued, completedN),
        paired,
        crossSector: share("cross-sector pairs", (p) => p.xs, pairedN),
        crossCareer: share("cross-career pairs", (p) => p.xc, pairedN),
        health: {
          partnerships: fig("health.json", `${round}: partnerships`, inR, 3),
          classes: new Map(HEALTH_CLASSES.map((c) => [c, fig("health.json", `${round}: ${c}`, (p) => inR(p) && p.health === c)])),
          reasons: [],
        },
      };
      for (const c of HEALTH_CLASSES) {
        for (const reason of [...new Set(all.filter((p) => inR(p) && p.health === c).flatMap((p) => p.reasons))].sort()) {
          ids.health.reasons.push({ health: c, reason, id: fig("health.json", `${round}: ${c}, ${reason}`, (p) => inR(p) && p.health === c && p.reasons.includes(reason)) });
        }
      }
      plan.follow(partnerships, [ids.completed, ids.dissolved]);
      plan.follow(completed, [ids.continued]);
      plan.follow(paired, [ids.crossSector, ids.crossCareer]);
      plan.follow(ids.health.partnerships, [...ids.health.classes.values()]);
      rounds.set(round, ids);
    }
    overall = fig("metrics.json", "all rounds: partnerships", () => true, 4);
  }
  // Partner-sides by stated preference and whether the pair meets it (as pairMix defines them).
  const sideRows = await db.all<{ round: string; ps: string; pc: string; got_s: boolean; got_c: boolean; n: number }>(sql`WITH ${stages},
    who AS (SELECT g.round_id, g.pid, g.sector, g.pref_sector, g.pref_career, cs.stage FROM registrations g
            JOIN career_stage cs ON cs.years IS NOT DISTINCT FROM g.years_experience),
    pairs AS (SELECT p.round_id, a.sector AS sa, b.sector AS sb, a.stage AS ta, b.stage AS tb, a.pref_sector AS psa, b.pref_sector AS psb, a.pref_career AS pca, b.pref_career AS pcb
              FROM partnerships p JOIN who a ON a.round_id = p.round_id AND a.pid = p.pid_a JOIN who b ON b.round_id = p.round_id AND b.pid = p.pid_b),
    sides AS (SELECT round_id, sa AS s, sb AS partner_s, ta AS t, tb AS partner_t, psa AS ps, pca AS pc FROM pairs
              UNION ALL SELECT round_id, sb, sa, tb, ta, psb, pcb FROM pairs)
    SELECT round_id AS round, ps, pc, coalesce(ps = 'same' AND s = partner_s, false) AS got_s,
      coalesce((pc = 'different' AND t <> partner_t) OR (pc = 'similar' AND t = partner_t), false) AS got_c, count(*) AS n
    FROM sides GROUP BY ALL`);
  const sides = new Map<string, SidesRound>();
  for (const round of [...new Set(sideRows.map((r) => r.round))].sort()) {
    const rows = sideRows.filter((r) => r.round === round).map((r) => ({ ...r, key: JSON.stringify([r.ps, r.pc, r.got_s, r.got_c]) }));
    const S = `partner-sides ${round}`;
    plan.population({ id: S, unit: "partner-side" });
    plan.table({ population: S, dimension: "preferences", cells: Object.fromEntries(rows.map((r) => [r.key, [r.n]])) });
    const total = (keep: (r: (typeof rows)[number]) => boolean) => rows.filter(keep).reduce((a, r) => a + r.n, 0);
    const fig = (label: string, keep: (r: (typeof rows)[number]) => boolean, base: number | null, priority = 0) => {
      const set = rows.filter(keep);
      return plan.figure(
        { family: "metrics.json", label: `${round}: ${label}`, population: S, dimension: "preferences", values: set.map((r) => r.key), value: total(keep), priority },
        base !== null && !shareAllowed(total(keep), base, min),
      );
    };
    const all = total(() => true);
    const sectorAskedN = total((r) => r.ps === "same");
    const careerAskedN = total((r) => r.pc === "different" || r.pc === "similar");
    const ids: SidesRound = {
      sides: fig("partner-sides", () => true, null, 2),
      askedAnySector: fig("partner-sides open to any sector", (r) => r.ps === "any", all),
      askedDifferentCareer: fig("partner-sides asking for a different career stage", (r) => r.pc === "different", all),
      sectorAsked: fig("partner-sides asking for the same sector", (r) => r.ps === "same", null, 1),
      sectorMet: fig("partner-sides whose same-sector preference is met", (r) => r.ps === "same" && r.got_s, sectorAskedN),
      careerAsked: fig("partner-sides asking for a career stage", (r) => r.pc === "different" || r.pc === "similar", null, 1),
      careerMet: fig("partner-sides whose career-stage preference is met", (r) => (r.pc === "different" || r.pc === "similar") && r.got_c, careerAskedN),
    };
    plan.follow(ids.sides, [ids.askedAnySector, ids.askedDifferentCareer]);
    plan.follow(ids.sectorAsked, [ids.sectorMet]);
    plan.follow(ids.careerAsked, [ids.careerMet]);
    sides.set(round, ids);
  }
  return { rounds, overall, sides };
}
