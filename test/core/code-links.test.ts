import { describe, expect, it } from "vitest";
import { findCodeLinks } from "../../src/core/code-links.js";

describe("code links", () => {
  it("finds GitHub and GitLab repositories in abstracts and comments, once each", () => {
    expect(
      findCodeLinks(
        "Code is at https://github.com/ada/engine. See also https://github.com/ada/engine/tree/main/src.",
        "12 pages; data at https://gitlab.com/lab-x/data-set.git, mirror http://www.github.com/Ada/Engine2)",
      ),
    ).toEqual([
      "https://github.com/ada/engine",
      "https://gitlab.com/lab-x/data-set",
      "https://github.com/Ada/Engine2",
    ]);
  });

  it("ignores other hosts, pages that are not repositories, and empty fields", () => {
    expect(
      findCodeLinks(
        "https://example.org/ada/engine https://github.com/orgs/ada https://github.com/ada",
        null,
      ),
    ).toEqual([]);
    expect(findCodeLinks("mail me@github.com/x/y or see example.github.com/ada/engine")).toEqual([]);
    expect(findCodeLinks("Code: github.com/ada/engine")).toEqual(["https://github.com/ada/engine"]);
  });
});
