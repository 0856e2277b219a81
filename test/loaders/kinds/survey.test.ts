/**
 * Survey answers as respondents and forms word them: each value below was refused in a real-style
 * export (/work/briefs/review-flow.md item 8, `originals/2024A/survey.csv` and the 2024B Qualtrics
 * export). Expected options: the vocabulary's meanings (docs/formats.md, "Canonical fields"): a
 * video-calling tool is a Video call (as Skype always was), a chat app Messaging, a social network
 * Social media; "Unsure" whether to continue is Undecided, as "not sure" is.
 */
import { describe, expect, it } from "vitest";
import { surveySchema } from "../../../loaders/kinds/survey";

const shape = surveySchema({ dateOrder: {} }).shape;

describe("survey: free wordings of closed answers", () => {
  it("reads the tools respondents name as their methods", () => {
    expect(shape.methods.parse("WhatsApp, Email")).toEqual(["Messaging", "Email"]);
    expect(shape.methods.parse("Email, Zoom")).toEqual(["Email", "Video call"]);
    expect(shape.methods.parse("Zoom, Microsoft Teams, LinkedIn")).toEqual(["Video call", "Social media"]);
  });

  it("reads 'We never connected' as Never and 'Unsure' to continue as Undecided", () => {
    expect(shape.contact_frequency.parse("We never connected")).toBe("Never");
    expect(shape.continue_partnership.parse("Unsure")).toBe("Undecided");
    expect(shape.participate_again.parse("Unsure")).toBe("Maybe");
  });
});
