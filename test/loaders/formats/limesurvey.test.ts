/** `splitLimeHeader`. Headers copied from the SSI RSE 2017 South Africa LimeSurvey export. */
import { describe, expect, it } from "vitest";
import { splitLimeHeader } from "../../../loaders/formats/limesurvey";

describe("splitLimeHeader", () => {
  it("splits code, question text and sub-question", () => {
    expect(splitLimeHeader("socio1. In which country do you work?")).toEqual({ header: "In which country do you work?", option: null, code: "socio1" });
    expect(splitLimeHeader("currentEmp13[2]. In which disciplines do you work (select as many as apply) [Aeronautical & Manufacturing Engineering]"))
      .toEqual({ header: "In which disciplines do you work (select as many as apply)", option: "Aeronautical & Manufacturing Engineering", code: "currentEmp13[2]" });
    expect(splitLimeHeader("rse3[SQ001]. Who uses the code that you write? []")).toEqual({ header: "Who uses the code that you write?", option: null, code: "rse3[SQ001]" });
  });

  it("uses the sub-question text when the question text is empty", () => {
    expect(splitLimeHeader("likert3[satisGen2]. [In general, how satisfied are you with your career]"))
      .toEqual({ header: "In general, how satisfied are you with your career", option: null, code: "likert3[satisGen2]" });
  });

  it("leaves other headers as they are", () => {
    expect(splitLimeHeader(" submitdate ")).toEqual({ header: "submitdate", option: null, code: "" });
    expect(splitLimeHeader("")).toEqual({ header: "", option: null, code: "" });
    expect(splitLimeHeader("What is your role?")).toEqual({ header: "What is your role?", option: null, code: "" });
    // a code starts with a letter, and the dot must be followed by a space
    expect(splitLimeHeader("1. First question")).toEqual({ header: "1. First question", option: null, code: "" });
    expect(splitLimeHeader("v1.2 score")).toEqual({ header: "v1.2 score", option: null, code: "" });
  });
});
