/**
 * The Qualtrics layout's sub-columns: a multiple-answer question split into a column per choice,
 * and a choice's text box (`Q3_6_TEXT`), labelled as Qualtrics labels them ("<question> - <choice>",
 * the box's label ending " - Text"; the tags and labels of Qualtrics' own exports).
 */
import { describe, expect, it } from "vitest";
import { qualtrics } from "../../../loaders/formats/qualtrics";
import { isOtherSpecify } from "../../../loaders/normalise/values";

const header = (tags: string[], labels: string[]) => [tags, labels, tags.map((t) => `{"ImportId":"${t.replace(/^Q/, "QID")}"}`)];
const Q = "How did you communicate with your partner?";

describe("qualtrics layout: sub-columns", () => {
  it("gives a split question's columns their question and choice, and marks the Other choice's text box", () => {
    const tags = ["Q1", "Q3_1", "Q3_2", "Q3_6", "Q3_6_TEXT"];
    const cols = qualtrics.columns(header(tags, ["Overall?", `${Q} - Email`, `${Q} - Video call`, `${Q} - Other (please specify)`, `${Q} - Other (please specify) - Text`]), tags.length);
    expect(cols.map((c) => [c.question, c.option, c.otherText ?? false])).toEqual([
      [undefined, null, false],
      [Q, "Email", false],
      [Q, "Video call", false],
      [Q, "Other (please specify)", false],
      [Q, "Other (please specify)", true],
    ]);
    // the headers stay the labels: a choice never matches a field by its own name ("Email")
    expect(cols[1].header).toBe(`${Q} - Email`);
  });

  it("takes the question from the column tagged with the sub-columns' base, even when the question holds ' - '", () => {
    const q = "Contact - how did you communicate?";
    const tags = ["Q3", "Q3_6_TEXT"];
    const cols = qualtrics.columns(header(tags, [q, `${q} - Other, please specify - Text`]), 2);
    expect([cols[1].question, cols[1].option, cols[1].otherText]).toEqual([q, "Other, please specify", true]);
  });

  it("leaves a text box that is not an Other choice's, and a label that does not start with its question, unmarked", () => {
    const tags = ["Q3", "Q3_2_TEXT", "Q3_4"];
    const cols = qualtrics.columns(header(tags, [Q, `${Q} - Video call (which tool?) - Text`, "Something else entirely"]), 3);
    expect([cols[1].question, cols[1].otherText]).toEqual([Q, undefined]);
    expect([cols[2].question, cols[2].option]).toEqual([undefined, null]);
  });
});

describe("qualtrics layout: '- Selected Choice'", () => {
  it("lets an answer column labelled '<question> - Selected Choice' answer to the bare question, and reads its text box and split choices", () => {
    const tags = ["Q2", "Q2_4_TEXT", "Q3_1", "Q3_6", "Q3_6_TEXT"];
    const labels = ["How often? - Selected Choice", "How often? - Other (please specify) - Text", `${Q} - Selected Choice - Email`, `${Q} - Selected Choice - Other (please specify)`, `${Q} - Other (please specify) - Text`];
    const cols = qualtrics.columns(header(tags, labels), tags.length);
    expect(cols[0].aliases).toContain("How often?");
    expect([cols[1].question, cols[1].otherText]).toEqual(["How often?", true]);
    expect(cols.slice(2).map((c) => [c.question, c.option, c.otherText ?? false])).toEqual([
      [Q, "Email", false],
      [Q, "Other (please specify)", false],
      [Q, "Other (please specify)", true],
    ]);
  });
});

describe("isOtherSpecify", () => {
  it("knows the survey tools' labels of an Other choice that asks for text", () => {
    for (const s of ["Other (please specify)", "other (specify)", "Other - please specify", "Other, please describe:", "OTHER: please specify", "Other (please specify):"]) expect(isOtherSpecify(s), s).toBe(true);
    for (const s of ["Other", "Others (please specify)", "Another (please specify)", "Please specify", "Other people"]) expect(isOtherSpecify(s), s).toBe(false);
  });
});
