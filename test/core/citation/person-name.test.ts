import { describe, expect, it } from "vitest";
import { parsePersonName } from "../../../src/core/citation/person-name.js";

describe("parsePersonName", () => {
  it.each([
    ["Ada Lovelace", { given: "Ada", particle: "", family: "Lovelace", suffix: "" }],
    ["Hans Müller Jr.", { given: "Hans", particle: "", family: "Müller", suffix: "Jr." }],
    ["Hans Müller, Sr", { given: "Hans", particle: "", family: "Müller", suffix: "Sr" }],
    ["John Smith IV", { given: "John", particle: "", family: "Smith", suffix: "IV" }],
    ["Anne-Marie van der Berg", { given: "Anne-Marie", particle: "van der", family: "Berg", suffix: "" }],
    ["Maria della Rosa II", { given: "Maria", particle: "della", family: "Rosa", suffix: "II" }],
    ["van Rossum", { given: "", particle: "van", family: "Rossum", suffix: "" }],
    ["Müller Jr.", { given: "", particle: "", family: "Müller", suffix: "Jr." }],
    ["Eddie Van Halen", { given: "Eddie Van", particle: "", family: "Halen", suffix: "" }],
    ["Quoc V. Le", { given: "Quoc V.", particle: "", family: "Le", suffix: "" }],
    ["Jr.", { given: "", particle: "", family: "Jr.", suffix: "" }],
    // Family name first, as BibTeX writes names and some records store them.
    ["O'Brien, Pat", { given: "Pat", particle: "", family: "O'Brien", suffix: "" }],
    ["van der Berg, Anne-Marie", { given: "Anne-Marie", particle: "van der", family: "Berg", suffix: "" }],
    ["Müller, Jr., Hans", { given: "Hans", particle: "", family: "Müller", suffix: "Jr." }],
  ])("reads %s", (name, parts) => {
    expect(parsePersonName(name)).toEqual(parts);
  });
});
