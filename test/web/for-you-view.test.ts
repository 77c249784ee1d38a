import { afterEach, describe, expect, it } from "vitest";
import { toPaper } from "../../src/core/merge-paper.js";
import { presentForYouPage } from "../../src/web/presenters/for-you-page.js";
import { renderForYouPage } from "../../src/web/views/for-you-page.js";
import { setSiteFeatures } from "../../src/web/views/site-features.js";
import { makePaperInput } from "../support/paper-factory.js";

const READY = presentForYouPage(
  {
    status: "ready",
    liked: 1,
    from: "2025-09-05",
    to: "2025-09-11",
    picks: [
      {
        paper: toPaper(makePaperInput({ id: "hep-th/9901001", title: "Strings, again" })),
        similarity: 0.8,
        closestLiked: { id: "hep-th/9812001", title: "Strings" },
      },
    ],
  },
  "week",
);

describe("the for-you page", () => {
  afterEach(() => setSiteFeatures({ digests: false }));

  it("points to the personal digest where digests exist and there is something to send", () => {
    setSiteFeatures({ digests: true });
    expect(renderForYouPage(READY, null)).toContain('<a href="/me/digest">email digest</a>');
    const empty = presentForYouPage({ status: "no-taste", liked: 0 }, "week");
    expect(renderForYouPage(empty, null)).not.toContain("/me/digest");
    setSiteFeatures({ digests: false });
    expect(renderForYouPage(READY, null)).not.toContain("/me/digest");
  });

  it("links old-style ids of picks and of the liked paper they are like", () => {
    const html = renderForYouPage(READY, null);
    expect(html).toContain('href="/papers/hep-th/9901001"');
    expect(html).toContain('Like <a href="/papers/hep-th/9812001">Strings</a>');
  });
});
