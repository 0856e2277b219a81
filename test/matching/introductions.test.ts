/**
 * The introductions of a proposal: shared languages and interests, the time-zone gap and "why
 * this pair" in words. Expected sentences are written by hand from the profiles below; the
 * time-zone gaps come from src/domain/countries/timezones.ts (AU +10, US -5: 15 hours one way,
 * 9 the other; BR -3, ES +1: 4 hours).
 */
import { describe, expect, it } from "vitest";
import { FEATURE_NAMES, type PairFeatures } from "../../src/matching/features";
import { INTRODUCTION_COLUMNS, introductions, languageLabel, listWords, sharedInterests, sharedLanguages, whyThisPair, type IntroducedPerson } from "../../src/matching/introductions";
import type { PairQuality } from "../../src/matching/quality";
import type { PoolPerson } from "../../src/matching/score";

const person = (p: Partial<PoolPerson> & Pick<PoolPerson, "id" | "country">, name: string | null, countryName: string): IntroducedPerson => ({
  profile: {
    sector: "academic", years: 4, stage: "early", interests: [], languages: ["english"], prefSector: "any", prefCareer: "any",
    prefCountries: [], returning: false, ...p,
  },
  name,
  email: `${p.id}@example.org`,
  countryName,
});

const features = (x: Partial<PairFeatures>): PairFeatures => ({ ...Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])), ...x }) as PairFeatures;

const ana = person({ id: "ana", country: "BR", years: 2, stage: "early", languages: ["english", "spanish", "portuguese"], interests: ["Cataloguing", "Outreach and marketing"], prefSector: "same", prefCareer: "different" }, "Ana Lima", "Brazil");
const eva = person({ id: "eva", country: "ES", years: 15, stage: "mid", languages: ["Spanish", "catalan"], interests: ["outreach and marketing"], prefSector: "same", prefCareer: "any" }, "Eva Puig", "Spain");

describe("shared languages and interests", () => {
  it("compares case-insensitively, keeps the first partner's order and writes languages capitalised", () => {
    expect(sharedLanguages(ana.profile, eva.profile)).toEqual(["Spanish"]);
    expect(sharedInterests(ana.profile, eva.profile)).toEqual(["Outreach and marketing"]);
    expect(languageLabel("bahasa melayu")).toBe("Bahasa Melayu");
    expect(listWords(["a"])).toBe("a");
    expect(listWords(["a", "b", "c"])).toBe("a, b and c");
  });
});

describe("whyThisPair", () => {
  it("says the sector and career wishes met, the shared language and interest, the gap and who is new", () => {
    expect(whyThisPair(ana, eva, features({ timezone_gap: 4, both_new: 1 }))).toBe(
      "same sector (academic) as both asked; different career stages (2 and 15 years) as Ana asked; share Spanish; both interested in Outreach and marketing; 4 h apart; both new to ILN",
    );
  });

  it("says a wish the pair does not meet, country wishes by name, a lock, and who took part before", () => {
    const ben = person({ id: "ben", country: "US", sector: "public", years: 4, stage: "early", prefCareer: "different", prefCountries: ["AU"], returning: true, interests: ["a", "b"] }, "Ben Cole", "United States");
    const dev = person({ id: "dev", country: "AU", sector: "special", years: 5, stage: "early", prefSector: "same", prefCountries: ["GB", "IE"], interests: ["b", "a"], languages: ["french"] }, null, "Australia");
    const names: Record<string, string> = { GB: "United Kingdom", IE: "Ireland" };
    expect(whyThisPair(ben, dev, features({ timezone_gap: 9 }), { locked: true, countryName: (c) => names[c] ?? c })).toBe(
      "locked by a coordinator; different sectors (public and special), although partner B asked for the same sector; " +
        "same career stage (early, 4 and 5 years), although Ben asked for a different stage; Ben asked for a partner from Australia; " +
        "partner B's wish for a partner from United Kingdom and Ireland not met; no working language in common listed; 2 interests in common; " +
        "9 h apart; Ben has taken part before",
    );
  });

  it("same time zone, fractional hours, both returning", () => {
    const a = person({ id: "a", country: "IN", returning: true }, "A", "India");
    const b = person({ id: "b", country: "NP", returning: true }, "B", "Nepal");
    expect(whyThisPair(a, b, features({ timezone_gap: 0.25 }))).toMatch(/; 0\.25 h apart; both have taken part before$/);
    expect(whyThisPair(a, b, features({ timezone_gap: 0 }))).toMatch(/; same time zone; both have taken part before$/);
  });
});

describe("introductions", () => {
  it("one row per pair in the proposal's order, every column filled, the locks first", () => {
    const q = (a: number, b: number, score: number | null, gap: number): PairQuality => ({
      a, b, score, features: features({ timezone_gap: gap, both_new: 1 }),
      principles: { another_country: true, similar_sector: true, different_stage: true },
      preferences: { sector_pref: true, career_pref: true, country_pref: true }, violation: null, predicted_completion: null,
    });
    const rows = introductions([q(1, 0, 12.5, 4), q(0, 1, null, 5.5)], [ana, eva], ["R-1", "R-2"], { locked: 1 });
    expect(Object.keys(rows[0])).toEqual([...INTRODUCTION_COLUMNS]);
    expect(rows[0]).toMatchObject({
      pair: 1, partnership_id: "R-1", name_a: "Eva Puig", email_a: "eva@example.org", country_a: "Spain", sector_a: "academic",
      name_b: "Ana Lima", email_b: "ana@example.org", country_b: "Brazil", shared_languages: "Spanish",
      shared_interests: "outreach and marketing", timezone_gap_hours: "4", score: "12.500", locked: "yes",
    });
    expect(rows[0].why).toMatch(/^locked by a coordinator; same sector \(academic\) as both asked/);
    expect(rows[1]).toMatchObject({ pair: 2, partnership_id: "R-2", timezone_gap_hours: "5.5", score: "", locked: "no" });
  });
});
