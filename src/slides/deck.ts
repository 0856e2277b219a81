/**
 * The conference deck (`iln slides`, docs/README.md "Slides"): a title slide, one slide per key
 * finding (src/findings: the takeaway sentence as the title, its chart as a PNG, n and interval
 * in the footer with the source line, the method in the speaker notes), and a closing methods
 * slide; "SYNTHETIC DATA" on every slide when any round is synthetic. Built with pptxgenjs from
 * the published documents only (src/slides/published.ts), so it holds what the site holds.
 *
 * With a round, the deck is about that round: findings are that round's, and the charts show the
 * rounds up to it, the round itself highlighted where a chart can.
 */
import PptxGenJS from "pptxgenjs";
import { xmlSafeDeep, xmlSafeText } from "./xml-safe";
import {
  coverageFinding,
  healthFinding,
  networkFinding,
  nextRoundReturn,
  outcomesFinding,
  OUTCOME_LABELS,
  reachFinding,
  retentionFinding,
  satisfactionFinding,
  themeLabel,
  themesFinding,
  type Finding,
  type HealthDoc,
  type MetricsDoc,
  type NetworkDoc,
  type RetentionDoc,
  type ThemesDoc,
  isMatched,
} from "../findings/findings";
import { basis, count, range } from "../findings/format";
import { barsAndLineSvg, COLORS, countBarsSvg, shareDotsSvg, shareTrendSvg, stackedSharesSvg } from "./charts";
import { svgToPng } from "./raster";

/** The documents a deck is built from (published JSON of the site's loaders). */
export interface DeckInput {
  metrics: MetricsDoc;
  retention: RetentionDoc;
  health: HealthDoc;
  themes: ThemesDoc;
  network: NetworkDoc;
}

/** Options of {@link buildDeck}. */
export interface DeckOptions {
  /** Round id the deck is about; default the latest round. */
  round?: string;
  /** Build date shown in every source line (YYYY-MM-DD); default today. */
  builtOn?: string;
}

/** A finding slide as built: its finding and its chart (PNG). */
export interface FindingSlide {
  finding: Finding;
  png: Buffer;
  alt: string;
}

/** What {@link buildDeck} made, for the CLI's summary and the tests. */
export interface Deck {
  pptx: Buffer;
  slides: number;
  findings: FindingSlide[];
  /** Topics left out because the documents hold nothing publishable for them. */
  skipped: string[];
  synthetic: boolean;
  /** Rounds the deck covers (first to last shown). */
  rounds: string[];
}

/** The label every slide carries when the data are synthetic. */
export const SYNTHETIC_LABEL = "SYNTHETIC DATA";

const HEALTH_CLASSES = [
  { key: "thriving", label: "Thriving", color: COLORS.green },
  { key: "ok", label: "OK", color: COLORS.sky },
  { key: "no_information", label: "No information", color: "#c8c8c8" },
  { key: "at_risk", label: "At risk", color: COLORS.orange },
  { key: "failed", label: "Failed", color: COLORS.vermillion },
];

/** Width over height of a standalone SVG, from its width and height attributes. */
function aspectOf(svg: string): number {
  const w = Number(/\bwidth="([\d.]+)"/.exec(svg)?.[1]);
  const h = Number(/\bheight="([\d.]+)"/.exec(svg)?.[1]);
  return w > 0 && h > 0 ? w / h : 16 / 7;
}

/** The charts of each finding, from the documents, for the rounds `shown`. */
function chartFor(f: Finding, input: DeckInput, shown: readonly string[], focus: string): { svg: string; alt: string } | null {
  const { metrics } = input;
  // Rounds not matched yet have no figure of their own: trends end at the last matched round.
  const rounds = metrics.rounds.filter((r) => shown.includes(r.round) && isMatched(r));
  switch (f.id) {
    case "reach":
      return {
        svg: countBarsSvg(rounds.map((r) => ({ round: r.round, value: r.participants, note: `${r.countries} countries` })), { yLabel: "People matched per round", highlight: focus }),
        alt: "Bar chart: people matched per round, with the number of countries above each bar.",
      };
    case "satisfaction": {
      const series = [
        { label: "Program", color: COLORS.blue, key: "program_satisfaction" as const },
        { label: "Partner", color: COLORS.orange, key: "partner_satisfaction" as const },
      ].map((s) => ({ label: s.label, color: s.color, points: rounds.filter((r) => r[s.key].top2 != null).map((r) => ({ round: r.round, share: r[s.key].top2 as number, ci: r[s.key].top2_ci })) }));
      return { svg: shareTrendSvg(rounds.map((r) => r.round), series, { yLabel: "Respondents answering 4 or 5 of 5", highlight: focus }), alt: "Line chart: share satisfied with the program and with the partner per round, with 95% intervals." };
    }
    case "outcomes": {
      const r = metrics.rounds.find((x) => x.round === f.round)!;
      const rows = Object.entries(r.outcomes)
        .filter(([, s]) => s.top2 != null)
        .map(([k, s]) => ({ label: (OUTCOME_LABELS[k] ?? k).replace(/^gained/, "Gained"), share: s.top2 as number, ci: s.top2_ci, n: s.n }))
        .sort((a, b) => b.share - a.share);
      return { svg: shareDotsSvg(rows, { xLabel: `Respondents agreeing, ${r.round}` }), alt: "Dot chart: share of respondents agreeing with each outcome statement, with 95% intervals." };
    }
    case "retention": {
      const next = nextRoundReturn(input.retention, metrics.rounds.map((r) => r.round)).filter((c) => shown.includes(c.round));
      return {
        svg: shareTrendSvg(next.map((c) => c.cohort), [{ label: "Came back next round", color: COLORS.blue, points: next.map((c) => ({ round: c.cohort, share: c.share, ci: c.ci })) }], { yLabel: "Share of the cohort matched again in the very next round", xLabel: "Cohort (round first matched)", domain: [0, Math.min(1, Math.ceil(Math.max(...next.map((c) => c.ci?.[1] ?? c.share)) * 10) / 10)] }),
        alt: "Line chart: share of each cohort (people first matched in a round) matched again in the very next round, with 95% intervals.",
      };
    }
    case "coverage":
      return {
        svg: countBarsSvg(rounds.map((r) => ({ round: r.round, value: r.countries, note: r.new_countries > 0 ? `+${r.new_countries} new` : undefined })), { yLabel: "Countries of matched participants", color: COLORS.green, highlight: focus }),
        alt: "Bar chart: countries per round, with the number of new countries above each bar.",
      };
    case "health": {
      const rows = input.health.classes.filter((c) => shown.includes(c.round) && c.share != null).map((c) => ({ round: c.round, key: c.health, share: c.share as number }));
      const hr = shown.filter((r) => rows.some((x) => x.round === r));
      return { svg: stackedSharesSvg(rows, HEALTH_CLASSES.filter((c) => rows.some((r) => r.key === c.key)), { rounds: hr }), alt: "Stacked bars: share of partnerships thriving, OK, at risk and failed, per round." };
    }
    case "themes": {
      const r = input.themes.rounds.find((x) => x.round === f.round)!;
      const rows = r.themes
        .filter((t) => t.share != null)
        .sort((a, b) => (b.share as number) - (a.share as number))
        .slice(0, 6)
        .map((t) => ({ label: themeLabel(input.themes, t.theme), share: t.share as number, ci: t.ci }));
      return { svg: shareDotsSvg(rows, { xLabel: `Commenting respondents, ${r.round}`, color: COLORS.purple }), alt: "Dot chart: the six most common comment themes, share of commenting respondents with 95% intervals." };
    }
    case "network": {
      const rows = input.network.rounds.filter((r) => shown.includes(r.round)).map((r) => ({ round: r.round, bars: r.new_pairs, line: r.to_date.pairs }));
      return { svg: barsAndLineSvg(rows, { barsLabel: "New pairs", lineLabel: "Pairs to date", yLabel: "Country pairs linked by a partnership" }), alt: "Bars: country pairs linked for the first time each round; line: distinct country pairs to date." };
    }
    default:
      return null;
  }
}

/** The footer of a finding slide: n and interval, then the source line. */
export function footerOf(f: Finding, source: string): string {
  const figures = [f.n != null ? `n = ${count(f.n)}` : "", f.ci ? `95% CI ${range(f.ci)}` : ""].filter(Boolean).join(", ");
  return [figures, source].filter(Boolean).join("  ·  ");
}

/**
 * Builds the deck (module doc). Every string of the documents (and `options.round`) is made
 * XML-safe first (`xmlSafeDeep`: control characters become spaces, lone surrogates U+FFFD), so the
 * file is always well-formed.
 * @throws Error when `options.round` is not a round of the documents.
 */
export async function buildDeck(rawInput: DeckInput, rawOptions: DeckOptions = {}): Promise<Deck> {
  // Every text of the deck comes from these documents or from this file: made XML-safe once here,
  // so no slide, note or chart can hold a character that makes the file ill-formed (xml-safe.ts).
  const input = xmlSafeDeep(rawInput);
  const options: DeckOptions = { ...rawOptions, round: rawOptions.round === undefined ? undefined : xmlSafeText(rawOptions.round) };
  const { metrics } = input;
  const order = metrics.rounds.map((r) => r.round);
  if (!order.length) throw new Error("the database has no rounds: nothing to present");
  if (options.round !== undefined && !order.includes(options.round)) throw new Error(`unknown round ${options.round}; rounds: ${order.join(", ")}`);
  // By default the deck is about the latest round with partnerships (one still registering has no findings yet).
  const focus = options.round ?? metrics.rounds.filter(isMatched).at(-1)?.round ?? order[order.length - 1];
  const shown = order.slice(0, order.indexOf(focus) + 1);
  const builtOn = options.builtOn ?? new Date().toISOString().slice(0, 10);
  const synthetic = metrics.synthetic === true;
  const name = (id: string) => metrics.rounds.find((r) => r.round === id)?.name ?? id;
  const round = options.round;
  const candidates = [
    reachFinding(metrics, round),
    satisfactionFinding(metrics, round),
    outcomesFinding(metrics, round),
    retentionFinding({ cohorts: input.retention.cohorts.filter((c) => shown.includes(c.round)) }, { ...metrics, rounds: metrics.rounds.filter((r) => shown.includes(r.round)) }),
    coverageFinding(metrics, round),
    healthFinding(input.health, metrics, round),
    themesFinding(input.themes, metrics, round),
    networkFinding(input.network, metrics, round),
  ];
  const findings: FindingSlide[] = [];
  const skipped: string[] = [];
  for (const f of candidates) {
    const chart = f.available ? chartFor(f, input, shown, focus) : null;
    if (!chart) {
      skipped.push(f.id);
      continue;
    }
    const png = svgToPng(chart.svg, 1.25);
    findings.push({ finding: { ...f, sentence: f.sentence }, png, alt: chart.alt, ...{ aspect: aspectOf(chart.svg) } } as FindingSlide & { aspect: number });
  }

  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE"; // 13.33 x 7.5 in
  pptx.title = `International Librarians Network outcomes, ${name(shown[0])} to ${name(focus)}`;
  pptx.author = "ILN outcomes toolkit";
  pptx.subject = synthetic ? "Synthetic demo data" : "Published aggregates";
  const FONT = "Liberation Sans";
  const source = (about: string) => `Source: ILN outcomes toolkit, ${about}, built ${builtOn}${synthetic ? " (synthetic data)" : ""}`;
  const stamp = (slide: PptxGenJS.Slide) => {
    if (!synthetic) return;
    slide.addText(SYNTHETIC_LABEL, { x: 10.3, y: 0.15, w: 2.85, h: 0.45, fontFace: FONT, fontSize: 16, bold: true, color: "8A3A00", fill: { color: "FFF4D6" }, line: { color: "E69F00", width: 1.5 }, align: "center", valign: "middle" });
  };

  // Title slide.
  const title = pptx.addSlide();
  stamp(title);
  title.addText("International Librarians Network", { x: 0.8, y: 1.6, w: 11.7, h: 0.9, fontFace: FONT, fontSize: 40, bold: true, color: "1B1E23" });
  title.addText(shown.length > 1 ? `What the program achieved, ${name(shown[0])} to ${name(focus)}` : `What the program achieved in ${name(focus)}`, { x: 0.8, y: 2.5, w: 11.7, h: 0.7, fontFace: FONT, fontSize: 26, color: "0072B2" });
  const reach = findings.find((s) => s.finding.id === "reach")?.finding.sentence ?? "";
  title.addText(reach, { x: 0.8, y: 3.5, w: 11.7, h: 1.0, fontFace: FONT, fontSize: 20, color: "444444" });
  title.addText(`${synthetic ? "Every figure comes from the generated demo history, not from real ILN participants. " : ""}Only published aggregates: groups of fewer than ${metrics.min_cell} people are suppressed.`, { x: 0.8, y: 5.6, w: 11.7, h: 0.7, fontFace: FONT, fontSize: 14, color: "555555" });
  title.addText(source(shown.length > 1 ? `${name(shown[0])} to ${name(focus)}` : name(focus)), { x: 0.8, y: 6.8, w: 11.7, h: 0.4, fontFace: FONT, fontSize: 12, color: "666666" });
  title.addNotes(`This deck holds only what the published dashboards hold: the same documents, with groups of fewer than ${metrics.min_cell} people suppressed.${synthetic ? " The data are synthetic (iln demo)." : ""}`);

  // One slide per finding.
  for (const s of findings as (FindingSlide & { aspect: number })[]) {
    const f = s.finding;
    const slide = pptx.addSlide();
    stamp(slide);
    slide.addText(f.sentence, { x: 0.6, y: synthetic ? 0.65 : 0.3, w: 12.1, h: synthetic ? 1.15 : 1.4, fontFace: FONT, fontSize: f.sentence.length > 170 ? 20 : 24, bold: true, color: "1B1E23", valign: "top", fit: "shrink" });
    const top = 1.9;
    const maxW = 12.1;
    const maxH = 4.85;
    let w = maxW;
    let h = w / s.aspect;
    if (h > maxH) {
      h = maxH;
      w = h * s.aspect;
    }
    slide.addImage({ data: `image/png;base64,${s.png.toString("base64")}`, x: 0.6 + (maxW - w) / 2, y: top, w, h, altText: s.alt });
    const about = f.round ? name(f.round) : `${name(shown[0])} to ${name(focus)}`;
    slide.addText(footerOf(f, source(about)), { x: 0.6, y: 6.9, w: 12.1, h: 0.4, fontFace: FONT, fontSize: 12, color: "555555" });
    slide.addNotes([f.sentence, "", `Method: ${f.method}`, f.n != null ? `Figures: ${basis(f.n, f.ci)}.` : "", `Only published aggregates: groups of fewer than ${metrics.min_cell} people are suppressed.`, synthetic ? "Synthetic data: generated by iln demo, not real participants." : ""].filter((x) => x !== undefined).join("\n"));
  }

  // Closing methods slide.
  const methods = pptx.addSlide();
  stamp(methods);
  methods.addText("How these figures were made", { x: 0.6, y: synthetic ? 0.65 : 0.3, w: 12.1, h: 0.8, fontFace: FONT, fontSize: 30, bold: true, color: "1B1E23" });
  const bullets = [
    `Data: ${synthetic ? "the synthetic demo history (iln demo), not real participants" : "the program's registration, partnership, coordinator-log and survey exports"}, ${name(shown[0])} to ${name(focus)}.`,
    "Shares from a sample carry n and a 95% Wilson interval; satisfaction counts answers of 4 or 5 on a 1-5 scale, blanks excluded, and speaks for those who answered.",
    "Retention: a cohort is everyone first matched in a round; return is the share matched again in the very next round.",
    "Partnership health: the first documented rule that holds gives the class, from the partnership's status and the coordinators' log.",
    "Network: two countries are linked when a partnership joined a participant of each.",
    `Privacy: only aggregates; any group of fewer than ${metrics.min_cell} people is suppressed or merged, as on the published dashboards. No names, emails or comments.`,
    ...(skipped.length ? [`Not shown (nothing publishable): ${skipped.join(", ")}.`] : []),
  ];
  methods.addText(
    bullets.map((b) => ({ text: b, options: { bullet: true, breakLine: true } })),
    { x: 0.6, y: 1.6, w: 12.1, h: 5.0, fontFace: FONT, fontSize: 18, color: "1B1E23", valign: "top", paraSpaceAfter: 8 },
  );
  methods.addText(source(`${name(shown[0])} to ${name(focus)}`), { x: 0.6, y: 6.9, w: 12.1, h: 0.4, fontFace: FONT, fontSize: 12, color: "555555" });
  methods.addNotes("Definitions in full: the dashboards' methods page and docs/metrics.md of the toolkit.");

  const out = (await pptx.write({ outputType: "nodebuffer", compression: true })) as Buffer;
  return { pptx: Buffer.from(out), slides: findings.length + 2, findings, skipped, synthetic, rounds: shown };
}
