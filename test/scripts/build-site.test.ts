/**
 * `npm run build` (scripts/build-site.ts): the loader cache is cleared but the content-keyed
 * caches kept; the disclosure audit across pages fails the build naming the group, the figures
 * and the derivation (here a deliberately leaking pair of pages: issue 12's example); the new
 * site is swapped in whole, and leftovers of killed builds are cleaned or put back.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { auditBuild, cleanLeftovers, cleanLoaderCache, swapIn, whileChildRuns } from "../../scripts/build-site";
import { DisclosureAudit } from "../../src/privacy/disclosure";
import { tempDir } from "../helpers/rounds";

describe("cleanLoaderCache", () => {
  it("removes loader output and keeps the npm cache and the replay cache", () => {
    const cache = tempDir();
    for (const d of ["_npm", "_replays", "data", "_file"]) {
      mkdirSync(path.join(cache, d));
      writeFileSync(path.join(cache, d, "x.json"), "{}");
    }
    writeFileSync(path.join(cache, "stray.json"), "{}");
    cleanLoaderCache(cache);
    expect(readdirSync(cache).sort()).toEqual(["_npm", "_replays"]);
    expect(readdirSync(path.join(cache, "_replays"))).toEqual(["x.json"]);
  });
});

/** Issue 12's round: overall n 24 and mean 82/24 on one page, Americas (13, sum 46) and Oceania (10, sum 35) on another. */
function leakingPages(dir: string): void {
  const P = "answers R1 program_satisfaction";
  const declare = (family: string, figures: (a: DisclosureAudit) => void) => {
    const a = new DisclosureAudit(5);
    a.population({ id: P, unit: "respondent", hub: { name: "answer", values: ["1", "2", "3", "4", "5"], weights: [1, 2, 3, 4, 5] } });
    a.table({ population: P, dimension: "region", cells: { Americas: [0, 2, 5, 3, 3], Oceania: [0, 1, 4, 4, 1], Europe: [1, 0, 0, 0, 0] } });
    figures(a);
    writeFileSync(path.join(dir, `${family}.audit.json`), JSON.stringify({ loader: family, undeclared: null, ...a.toJSON() }));
  };
  declare("metrics.json", (a) => {
    a.figure({ family: "metrics.json", label: "R1 program satisfaction: n", population: P, value: 24 });
    a.figure({ family: "metrics.json", label: "R1 program satisfaction: mean", population: P, measure: "sum", value: 82 });
  });
  declare("satisfaction.json", (a) => {
    for (const [region, n, sum] of [["Americas", 13, 46], ["Oceania", 10, 35]] as const) {
      a.figure({ family: "satisfaction.json", label: `R1 region ${region}: n`, population: P, dimension: "region", values: [region], value: n });
      a.figure({ family: "satisfaction.json", label: `R1 region ${region}: mean`, population: P, dimension: "region", values: [region], measure: "sum", value: sum });
    }
  });
}

describe("auditBuild", () => {
  it("fails naming the group, its size and the derivation when pages leak together", () => {
    const dir = tempDir();
    leakingPages(dir);
    let message = "";
    try {
      auditBuild(dir, ["metrics.json", "satisfaction.json", "world.json"], 5);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^disclosure audit failed: 2 group\(s\) of fewer than 5 can be worked out/);
    expect(message).toContain('answers R1 program_satisfaction, by region: the number of region Europe (answer 1) (1 respondent, fewer than 5) follows from metrics.json "R1 program satisfaction: n" − satisfaction.json "R1 region Americas: n" − satisfaction.json "R1 region Oceania: n"');
    expect(message).toContain("the sum of answers of region Europe (1 respondent, fewer than 5)");
  });

  it("passes the same pages once the smaller region is hidden", () => {
    const dir = tempDir();
    leakingPages(dir);
    const file = path.join(dir, "satisfaction.json.audit.json");
    const doc = JSON.parse(readFileSync(file, "utf8"));
    for (const f of doc.figures) if (f.label.includes("Oceania")) f.value = null;
    writeFileSync(file, JSON.stringify(doc));
    expect(auditBuild(dir, ["metrics.json", "satisfaction.json"], 5)).toBe(6);
  });

  it("fails when a data loader wrote no declarations, or declared nothing without saying why", () => {
    const dir = tempDir();
    leakingPages(dir);
    expect(() => auditBuild(dir, ["metrics.json", "satisfaction.json", "network.json"], 5)).toThrow(/network\.json wrote no declarations/);
    writeFileSync(path.join(dir, "network.json.audit.json"), JSON.stringify({ loader: "network.json", undeclared: null, populations: [], tables: [], figures: [] }));
    expect(() => auditBuild(dir, ["network.json"], 5)).toThrow(/network\.json declared no figure to the disclosure audit and did not say why/);
    writeFileSync(path.join(dir, "network.json.audit.json"), JSON.stringify({ loader: "network.json", undeclared: "publishes no count of people", populations: [], tables: [], figures: [] }));
    expect(auditBuild(dir, ["network.json"], 5)).toBe(0);
  });
});

describe("swapIn and cleanLeftovers", () => {
  it("replaces the output folder whole", () => {
    const dir = tempDir();
    const out = path.join(dir, "dist");
    mkdirSync(out);
    writeFileSync(path.join(out, "old.html"), "old");
    const built = path.join(dir, ".dist.build-1-ab");
    mkdirSync(built);
    writeFileSync(path.join(built, "new.html"), "new");
    swapIn(built, out);
    expect(readdirSync(out)).toEqual(["new.html"]);
    expect(readdirSync(dir)).toEqual(["dist"]);
  });

  it("puts back an output folder a killed swap left aside, and removes what dead builds left", () => {
    const dir = tempDir();
    const out = path.join(dir, "dist");
    const dead = 2 ** 22 + 17; // above Linux's default pid_max: no such process
    mkdirSync(path.join(dir, `.dist.old-${dead}-0a`));
    writeFileSync(path.join(dir, `.dist.old-${dead}-0a`, "index.html"), "site");
    mkdirSync(path.join(dir, `.dist.build-${dead}-0b`));
    mkdirSync(path.join(dir, `.dist.build-${process.pid}-0c`)); // a live build's: kept
    cleanLeftovers(out);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("site");
    expect(readdirSync(dir).sort()).toEqual([`.dist.build-${process.pid}-0c`, "dist"]);
    expect(existsSync(path.join(dir, `.dist.build-${dead}-0b`))).toBe(false);
  });
});

describe("whileChildRuns", () => {
  it("returns the check's value and the child's exit code once the child has ended", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => process.exit(3), 300)"]);
    const t0 = Date.now();
    const r = await whileChildRuns(child, () => 42);
    expect(r).toEqual({ value: 42, code: 3 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  });

  it("kills the child when the check throws, and rethrows once it has ended", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    const t0 = Date.now();
    await expect(
      whileChildRuns(child, () => {
        throw new Error("disclosure audit failed: a leak");
      }),
    ).rejects.toThrow(/a leak/);
    expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });
});
