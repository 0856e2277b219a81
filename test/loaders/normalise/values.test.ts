/** `parseVocab`: a closed vocabulary by folded labels, and the survey tools' "Other (please specify)"; `parseLikert` and the 7-point checks. */
import { describe, expect, it } from "vitest";
import { isSevenPointLabel, parseLikert, parseVocab, sevenPointPair, splitMulti } from "../../../loaders/normalise/values";

describe("parseVocab", () => {
  const SECTORS = { academic: "academic", public: "public", other: "other" } as const;
  it("reads labels case- and spacing-insensitively; blank is null, unknown undefined", () => {
    expect(parseVocab("  Academic ", SECTORS)).toBe("academic");
    expect(parseVocab("   ", SECTORS)).toBeNull();
    expect(parseVocab("Corporate", SECTORS)).toBeUndefined();
  });
  it("reads a tool's label of an Other choice that asks for text as the vocabulary's other, when it has one", () => {
    expect(parseVocab("Other (please specify)", SECTORS)).toBe("other");
    expect(parseVocab("Other - please describe", SECTORS)).toBe("other");
    expect(parseVocab("Other (please specify)", { academic: "academic" })).toBeUndefined();
  });
});

describe("parseLikert: the 5-point scales survey tools ship by default", () => {
  // Each scale as the tool offers it, lowest answer first, so that label i is answer i + 1:
  // Qualtrics' stock 5-point "Agreement" and "Satisfaction" scales (the review's Qualtrics export,
  // /work/briefs/review-flow.md item 6), SurveyMonkey's and ours (SATISFACTION_LABELS /
  // AGREEMENT_LABELS, src/domain/vocabulary.ts), Microsoft Forms' Likert question.
  const SCALES: [string, "agreement" | "satisfaction", string[]][] = [
    ["Qualtrics agreement", "agreement", ["Strongly disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree", "Strongly agree"]],
    ["Qualtrics satisfaction", "satisfaction", ["Extremely dissatisfied", "Somewhat dissatisfied", "Neither satisfied nor dissatisfied", "Somewhat satisfied", "Extremely satisfied"]],
    ["SurveyMonkey / ILN satisfaction", "satisfaction", ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"]],
    ["ILN satisfaction (Neutral)", "satisfaction", ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"]],
    ["SurveyMonkey / ILN agreement", "agreement", ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]],
    ["Microsoft Forms Likert", "agreement", ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]],
  ];
  it.each(SCALES)("reads %s as 1-5 in the scale's order", (_, scale, labels) => {
    expect(labels.map((l) => parseLikert(l, scale))).toEqual([1, 2, 3, 4, 5]);
    expect(labels.map((l) => parseLikert(l.toUpperCase() + ".", scale))).toEqual([1, 2, 3, 4, 5]);
  });
  it("reads a label with its number only when they agree", () => {
    expect(parseLikert("4 - Somewhat agree", "agreement")).toBe(4);
    expect(parseLikert("Extremely satisfied (5)", "satisfaction")).toBe(5);
    expect(parseLikert("5 - Somewhat agree", "agreement")).toBeUndefined();
  });
  it("does not read 7-point labels, and tells them", () => {
    // Qualtrics' 7-point satisfaction scale: Extremely / Moderately / Slightly (dis)satisfied;
    // its 7-point agreement: Strongly / (plain) / Somewhat, with Slightly in SurveyMonkey's.
    for (const l of ["Slightly agree", "Slightly disagree", "Moderately satisfied", "Slightly dissatisfied", "6 - Moderately satisfied"]) {
      expect(parseLikert(l, l.includes("agree") ? "agreement" : "satisfaction")).toBeUndefined();
      expect(isSevenPointLabel(l)).toBe(true);
    }
    expect(isSevenPointLabel("Somewhat agree")).toBe(false);
    expect(parseLikert("6", "agreement")).toBeUndefined();
  });
  it("finds a column that is no 5-point scale by a pair of labels both present", () => {
    // A 7-point agreement column (Strongly disagree ... Strongly agree with Agree and Somewhat agree).
    expect(sevenPointPair(["Agree", "Strongly agree", "somewhat agree ", "Agree"], "agreement")).toEqual(["Agree", "somewhat agree"]);
    expect(sevenPointPair(["Satisfied", "6 - Somewhat satisfied"], "satisfaction")).toEqual(["Satisfied", "6 - Somewhat satisfied"]);
    expect(sevenPointPair(["Somewhat agree", "Strongly agree", "Somewhat disagree", ""], "agreement")).toBeNull();
    expect(sevenPointPair(["Agree", "Disagree", "Neutral"], "agreement")).toBeNull();
  });
});

describe("splitMulti", () => {
  // Qualtrics joins a multiple-answer question's choices with commas; its choice labels hold
  // commas in parentheses (the review's Qualtrics export, /work/briefs/review-flow.md item 7).
  it("splits between choices only, never inside brackets or quotes", () => {
    expect(splitMulti("Other (please specify),Video call (Zoom, Teams, Skype),Social media")).toEqual(["Other (please specify)", "Video call (Zoom, Teams, Skype)", "Social media"]);
    expect(splitMulti("Email,Messaging app (WhatsApp, WeChat)")).toEqual(["Email", "Messaging app (WhatsApp, WeChat)"]);
    expect(splitMulti('Email, "Phone, landline", Tools [Slack, Teams]')).toEqual(["Email", '"Phone, landline"', "Tools [Slack, Teams]"]);
    expect(splitMulti("Video call (Zoom; Teams); Email")).toEqual(["Video call (Zoom; Teams)", "Email"]);
  });
  it("keeps splitting on ; first, then on , and drops blanks and repeats", () => {
    expect(splitMulti("Email; Phone, landline;; Email")).toEqual(["Email", "Phone, landline"]);
    expect(splitMulti("Email, Phone, , Email")).toEqual(["Email", "Phone"]);
  });
  it("splits a cell whose brackets do not balance on every separator", () => {
    expect(splitMulti("Video call (Zoom, Teams")).toEqual(["Video call (Zoom", "Teams"]);
    expect(splitMulti("Zoom), Email")).toEqual(["Zoom)", "Email"]);
  });
});

describe("parseVocab: a choice with its examples in parentheses", () => {
  const METHODS = { "video call": "Video call", messaging: "Messaging", other: "Other" } as const;
  it("maps to the value the words before the parenthetical name", () => {
    expect(parseVocab("Video call (Zoom, Teams, Skype)", METHODS)).toBe("Video call");
    expect(parseVocab("Video call [e.g. Zoom]", METHODS)).toBe("Video call");
  });
  it("does not when the words name nothing, or the parenthetical excludes", () => {
    expect(parseVocab("Carrier pigeon (trained)", METHODS)).toBeUndefined();
    expect(parseVocab("Video call (not Zoom)", METHODS)).toBeUndefined();
    expect(parseVocab("Video call (except Teams)", METHODS)).toBeUndefined();
  });
});
