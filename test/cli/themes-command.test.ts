import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main";
import { sql } from "../../src/db";
import { historyDb } from "../metrics/fixture";

let dbPath: string;
let dir: string;
beforeAll(async () => {
  const db = await historyDb();
  await db.run(sql`UPDATE survey_responses SET comments = 'Thank you so much, I made a good friend.' WHERE round_id = 'A1' AND pid = 'p1'`);
  await db.run(sql`UPDATE survey_responses SET comments = 'My partner never replied.' WHERE round_id = 'A1' AND pid = 'p5'`);
  dbPath = db.path;
  db.close();
  dir = mkdtempSync(path.join(os.tmpdir(), "iln-themes-cli-"));
});
afterEach(() => vi.restoreAllMocks());

/** Runs `iln ...args` in process: exit code, stdout, stderr. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, out, err };
}

const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("iln themes", () => {
  it("--json prints the themes document; the default output is a table of shares", async () => {
    const j = await run(["themes", "--db", dbPath, "--json"]);
    expect(j.code).toBe(0);
    const doc = JSON.parse(j.out);
    const a1 = doc.rounds.find((r: { round: string }) => r.round === "A1");
    expect(a1.n).toBe(2);
    expect(a1.themes.find((t: { theme: string }) => t.theme === "partner_unresponsive")).toMatchObject({ count: 1, share: 0.5 });
    const t = await run(["themes", "--db", dbPath, "--round", "A1"]);
    expect(t.out).toMatch(/^gratitude\s+50% \[9%-91%\]$/m);
    expect(t.out).toMatch(/^n \(commenting respondents\)\s+2$/m);
  });

  it("themes code writes id,themes,sentiment,triggers; themes agree scores it against a reference", async () => {
    const input = file("in.csv", 'id,text\n1,"Thanks! I made a friend."\n2,My partner never replied.\n3,"=cmd|\' /C calc\'!A0"\n');
    const coded = path.join(dir, "coded.csv");
    const c = await run(["themes", "code", input, "--out", coded]);
    expect(c.code).toBe(0);
    const text = readFileSync(coded, "utf8");
    expect(text.split(/\r?\n/)[0]).toBe("id,themes,sentiment,triggers");
    expect(text).toMatch(/^1,connection;gratitude,[-0-9.]+,connection: made a friend \| friend; gratitude: Thanks/m);
    expect(text).toMatch(/^2,partner_unresponsive,/m);
    const human = file("human.csv", "id,themes\n1,gratitude\n2,partner_unresponsive\n3,\n");
    const a = await run(["themes", "agree", human, coded, "--json", "--min-support", "1"]);
    expect(a.code).toBe(0);
    const ag = JSON.parse(a.out);
    expect(ag.n).toBe(3);
    expect(ag.themes.find((t: { theme: string }) => t.theme === "connection")).toMatchObject({ tp: 0, fp: 1, fn: 0, tn: 2 });
    expect(ag.macroThemes).toEqual(["gratitude", "partner_unresponsive"]);
    const readable = await run(["themes", "agree", human, coded]);
    expect(readable.out).toMatch(/^gratitude\s+1\s+1\s+1\.00\s+1\.00\s+1\.00\s+1\.00$/m);
  });

  it("bad input is a located error with exit 1; wrong usage exits 2", async () => {
    const bad = file("bad.csv", "id,themes\n1,gratitude\n2,joy\n1,\n");
    const coded = file("c.csv", "id,themes\n1,gratitude\n2,\n");
    const r = await run(["themes", "agree", bad, coded]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}:3:themes: unknown theme "joy"`);
    expect(r.err).toContain(`${bad}:4:id: id "1" already on row 2`);
    const noText = file("notext.csv", "id,comment\n1,hi\n");
    expect((await run(["themes", "code", noText, "--out", path.join(dir, "x.csv")])).err).toContain(`${noText}:1:text: missing column "text"`);
    const other = file("other.csv", "id,themes\n9,\n");
    expect((await run(["themes", "agree", coded, other])).code).toBe(2);
    expect((await run(["themes", "--db", dbPath, "--round", "nope"])).code).toBe(2);
    expect((await run(["themes", "code", noText])).code).toBe(2);
    // --out is checked like every output: never the database, its key or the command's input.
    const input = file("in.csv", "id,text\n1,My partner never replied.\n");
    const dbBytes = readFileSync(dbPath);
    const ontoDb = await run(["themes", "--db", dbPath, "code", input, "--out", dbPath]);
    expect(ontoDb.code).toBe(2);
    expect(ontoDb.err).toMatch(/--out .*: is the database; give another file name/);
    expect(readFileSync(dbPath).equals(dbBytes)).toBe(true);
    const key = file("k.duckdb.key", `${"cd".repeat(32)}\n`);
    expect((await run(["themes", "code", input, "--out", key])).err).toMatch(/is a pseudonym key file, which an output never replaces/);
    expect(readFileSync(key, "utf8")).toBe(`${"cd".repeat(32)}\n`);
    expect((await run(["themes", "code", input, "--out", input])).err).toMatch(/is this command's FILE file/);
    const cb = file("cb.yaml", "version: 1\nthemes: []\n");
    const e = await run(["themes", "--db", dbPath, "--codebook", cb]);
    expect(e.code).toBe(1);
    expect(e.err).toMatch(new RegExp(`${cb.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:`));
    expect(e.err).not.toMatch(/\n\s+at /);
  });

  it("refuses a FIFO or a device as codebook or comments file at once (exit 1), never waiting on it or reading it", () => {
    const fifo = path.join(dir, "cb-fifo.yaml");
    execFileSync("mkfifo", [fifo]);
    const input = file("fifo-in.csv", "id,text\n1,hi\n");
    const iln = (args: string[]) => spawnSync(process.execPath, [path.join(__dirname, "../../bin/iln.js"), ...args], { encoding: "utf8", timeout: 30_000 });
    const c = iln(["themes", "code", input, "--out", path.join(dir, "o.csv"), "--codebook", fifo]);
    expect(c.status).toBe(1);
    expect(c.stderr).toContain(`${fifo}:0:*: cannot read the codebook: it is not a regular file`);
    const z = iln(["themes", "code", "/dev/zero", "--out", path.join(dir, "o.csv")]);
    expect(z.status).toBe(1);
    expect(z.stderr).toContain("/dev/zero:0:*: cannot read the CSV file: it is not a regular file");
  }, 60_000);

  it("a bad ILN_MIN_CELL is a usage error (exit 2) naming the variable, in themes and metrics alike", async () => {
    vi.stubEnv("ILN_MIN_CELL", "abc");
    try {
      for (const args of [["themes", "--db", dbPath], ["metrics", "--db", dbPath]]) {
        const r = await run(args);
        expect(r.code).toBe(2);
        expect(r.err).toBe('iln: ILN_MIN_CELL must be a whole number of at least 1 written in digits (default 5), got "abc"\n');
      }
      vi.stubEnv("ILN_MIN_CELL", "0x10");
      expect((await run(["themes", "--db", dbPath])).code).toBe(2);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
