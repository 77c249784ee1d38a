import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/core/paper.js";
import { mathAsText } from "../../src/digest/math-text.js";
import { renderDigest } from "../../src/digest/render.js";
import { LinkSigner } from "../../src/digest/signed-links.js";
import { makePaperInput } from "../support/paper-factory.js";

const signer = new LinkSigner("k".repeat(64));
const links = { publicUrl: "https://papers.example.org", signer, unsubscribeMailbox: "digest@example.org" };

function paper(overrides: Partial<Paper>): Paper {
  return { ...makePaperInput(overrides), day: "2025-09-11", latestVersion: 1, ...overrides };
}

describe("math as text", () => {
  it("turns common LaTeX into readable characters", () => {
    expect(mathAsText("$\\alpha$-divergence in $O(n^2)$")).toBe("α-divergence in O(n²)");
    expect(mathAsText("on $\\mathbb{R}^{d}$ with $x_{t+1} \\leq \\epsilon$")).toBe("on R^d with xₜ₊₁ ≤ ε");
    expect(mathAsText("cost $\\frac{1}{2}$ and \\(\\sqrt{n}\\)")).toBe("cost (1)/(2) and √n");
    expect(mathAsText("No math here.")).toBe("No math here.");
  });

  it("finds formulas as the site does: dollars of prices stay prose, accents and delimiters read right", () => {
    expect(mathAsText("Training LLMs for under \\$100: a \\$5 recipe")).toBe(
      "Training LLMs for under $100: a $5 recipe",
    );
    expect(mathAsText("Costs of $5 and $10 per $n$")).toBe("Costs of $5 and $10 per n");
    expect(mathAsText("$\\hat{\\theta}$ and $\\tilde x$")).toBe("θ\u0302 and x\u0303");
    expect(mathAsText("the set $\\left\\{x_i\\right\\}$")).toBe("the set {xᵢ}");
    // Commands that only begin like an accent stay themselves.
    expect(mathAsText("$x_1, \\dots, x_n$ and $\\barwedge$")).toBe("x₁, …, xₙ and barwedge");
  });

  it("drops text-mode emphasis outside math, as abstracts write it", () => {
    expect(mathAsText("a \\emph{zero-shot} and \\textbf{fast} method, \\textit {really}")).toBe(
      "a zero-shot and fast method, really",
    );
    expect(mathAsText("\\texttt{pip install x} on $\\textbf{x}_1$")).toBe("pip install x on x₁");
  });
});

describe("a rendered digest", () => {
  const picks = [
    {
      paper: paper({
        id: "2509.01234",
        title: "Scaling $\\beta$-VAEs <fast>",
        abstract: "We show $x^2$ works.",
        upvotes: 7,
      }),
      score: 5,
      reasons: ["keyword: vae"],
    },
  ];
  const message = renderDigest(
    {
      to: "reader@example.org",
      subscriberId: "sub-1",
      kind: "personal",
      frequency: "daily",
      coverage: "2025-09-11",
      picks,
    },
    links,
  );

  it("has a subject naming the first paper, cut when long", () => {
    expect(message.subject).toBe("Your papers: Scaling β-VAEs <fast>");
    const long = renderDigest(
      {
        to: "reader@example.org",
        subscriberId: "sub-1",
        kind: "trending",
        frequency: "weekly",
        coverage: "2025-W37",
        picks: [...picks, { ...picks[0]!, paper: { ...picks[0]!.paper, id: "2509.09999" } }].map((pick) => ({
          ...pick,
          paper: { ...pick.paper, title: "word ".repeat(60) },
        })),
      },
      links,
    );
    expect(long.subject.length).toBeLessThan(130);
    expect(long.subject).toMatch(/^Trending papers: word word .*… and 1 more$/);
    const none = renderDigest(
      {
        to: "reader@example.org",
        subscriberId: "sub-1",
        kind: "trending",
        frequency: "weekly",
        coverage: "2025-W37",
        picks: [],
      },
      links,
    );
    expect(none.subject).toBe("Trending papers: none for 2025-W37");
  });

  it("has both parts, with the paper's page, arXiv and why it was picked", () => {
    expect(message.text).toContain("Scaling β-VAEs <fast>");
    expect(message.text).toContain("https://papers.example.org/papers/2509.01234");
    expect(message.text).toContain("https://arxiv.org/abs/2509.01234");
    expect(message.text).toContain("Why: keyword: vae");
    // "Change what you receive" opens the digest's own settings (after signing in), not the profile.
    expect(message.text).toContain("Change what you receive: https://papers.example.org/me/digest\n");
    expect(message.html).toContain('href="https://papers.example.org/me/digest"');
    expect(message.text).toContain("7 upvotes · https://papers.example.org/papers/2509.01234");
    expect(message.html).toContain("Scaling β-VAEs &lt;fast&gt;");
    expect(message.html).not.toContain("<fast>");
    expect(message.html).not.toMatch(/<style|<link|<script|class=/);
    expect(message.html).toContain('style="');
  });

  it("says 1 upvote, not 1 upvotes, in both parts", () => {
    const one = renderDigest(
      {
        to: "reader@example.org",
        subscriberId: "sub-1",
        kind: "trending",
        frequency: "daily",
        coverage: "2025-09-11",
        picks: [{ ...picks[0]!, paper: { ...picks[0]!.paper, upvotes: 1 } }],
      },
      links,
    );
    expect(one.text).toContain("   1 upvote · https://papers.example.org/papers/2509.01234");
    expect(one.html).toContain(">1 upvote · <a");
    expect(`${one.text}${one.html}`).not.toContain("1 upvotes");
  });

  it("carries one-click unsubscribe headers and a signed visible link", () => {
    const unsubscribe = `https://papers.example.org/digest/unsubscribe?s=sub-1&t=${signer.sign("unsubscribe", "sub-1")}`;
    expect(message.headers["List-Unsubscribe"]).toBe(
      `<${unsubscribe}>, <mailto:digest@example.org?subject=unsubscribe%20sub-1>`,
    );
    expect(message.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(message.text).toContain(unsubscribe);
    expect(message.html).toContain(unsubscribe.replaceAll("&", "&amp;"));
  });

  it("signs feedback links per subscriber, paper and direction", () => {
    const more = `a=more&t=${signer.sign("more", "sub-1", "2509.01234")}`;
    expect(message.text).toContain(`/digest/feedback?s=sub-1&p=2509.01234&${more}`);
    expect(signer.verify("more", "sub-1", signer.sign("more", "sub-1", "2509.01234"), "2509.01234")).toBe(
      true,
    );
    expect(signer.verify("less", "sub-1", signer.sign("more", "sub-1", "2509.01234"), "2509.01234")).toBe(
      false,
    );
    expect(signer.verify("more", "sub-2", signer.sign("more", "sub-1", "2509.01234"), "2509.01234")).toBe(
      false,
    );
  });
});
