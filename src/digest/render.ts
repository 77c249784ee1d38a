import type { DigestKind, StoredMessage } from "../store/digest-store.js";
import { mathAsText } from "./math-text.js";
import type { Pick } from "./selection.js";
import type { LinkSigner } from "./signed-links.js";

/**
 * A digest as a mail: HTML with inline CSS only (mail clients drop style sheets), a plain-text part
 * with the same content, links to each paper's PaperPulse page and arXiv, "why picked" in personal
 * digests, signed "more / less like this" links, and one-click unsubscribe (RFC 8058): one raw
 * List-Unsubscribe header with an https and a mailto address, List-Unsubscribe-Post, and a visible link.
 */
export interface DigestLinks {
  /** Where the instance is reached, without a trailing slash. */
  publicUrl: string;
  signer: LinkSigner;
  /** The mailbox of mailto: unsubscribe requests (the sender address). */
  unsubscribeMailbox: string;
}

export interface DigestContent {
  to: string;
  subscriberId: string;
  kind: DigestKind;
  /** "daily" or "weekly", for the subject line. */
  frequency: string;
  /** What the digest covers, e.g. "2026-03-02 – 2026-03-06". */
  coverage: string;
  picks: Pick[];
}

const ABSTRACT_CHARS = 300;
/** Subjects longer than this are cut (clients show about 60–80 characters anyway). */
const SUBJECT_TITLE_CHARS = 100;

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), limit - 20))}…`;
}

function authorLine(authors: string[]): string {
  if (authors.length <= 4) return authors.join(", ");
  return `${authors.slice(0, 3).join(", ")} and ${authors.length - 3} more`;
}

export function signedUrl(links: DigestLinks, path: string, params: Record<string, string>): string {
  return `${links.publicUrl}${path}?${new URLSearchParams(params)}`;
}

export function unsubscribeUrl(links: DigestLinks, subscriberId: string): string {
  return signedUrl(links, "/digest/unsubscribe", {
    s: subscriberId,
    t: links.signer.sign("unsubscribe", subscriberId),
  });
}

function feedbackUrl(links: DigestLinks, subscriberId: string, paperId: string, action: "more" | "less") {
  return signedUrl(links, "/digest/feedback", {
    s: subscriberId,
    p: paperId,
    a: action,
    t: links.signer.sign(action, subscriberId, paperId),
  });
}

interface PaperView {
  title: string;
  authors: string;
  summary: string;
  pageUrl: string;
  arxivUrl: string;
  upvotes: number;
  reasons: string[];
  moreUrl: string;
  lessUrl: string;
}

function paperView(links: DigestLinks, content: DigestContent, pick: Pick): PaperView {
  const { paper } = pick;
  return {
    title: mathAsText(paper.title),
    authors: authorLine(paper.authors),
    summary: shorten(mathAsText(paper.abstract), ABSTRACT_CHARS),
    pageUrl: `${links.publicUrl}/papers/${paper.id}`,
    arxivUrl: `https://arxiv.org/abs/${paper.id}`,
    upvotes: paper.upvotes,
    reasons: pick.reasons,
    moreUrl: feedbackUrl(links, content.subscriberId, paper.id, "more"),
    lessUrl: feedbackUrl(links, content.subscriberId, paper.id, "less"),
  };
}

function upvotesText(count: number): string {
  return count === 1 ? "1 upvote" : `${count} upvotes`;
}

function textPart(content: DigestContent, papers: PaperView[], unsubscribe: string, manage: string): string {
  const lines = [
    `PaperPulse ${content.kind === "personal" ? "personal" : "trending"} ${content.frequency} digest, ${content.coverage}`,
    "",
  ];
  papers.forEach((paper, index) => {
    lines.push(`${index + 1}. ${paper.title}`);
    if (paper.authors) lines.push(`   ${paper.authors}`);
    if (paper.reasons.length > 0) lines.push(`   Why: ${paper.reasons.join("; ")}`);
    lines.push(
      `   ${paper.summary}`,
      `   ${upvotesText(paper.upvotes)} · ${paper.pageUrl} · ${paper.arxivUrl}`,
    );
    lines.push(`   More like this: ${paper.moreUrl}`, `   Less like this: ${paper.lessUrl}`, "");
  });
  lines.push(`Change what you receive: ${manage}`, `Unsubscribe: ${unsubscribe}`);
  return lines.join("\n");
}

const STYLE = {
  body: "margin:0;padding:16px;background:#f6f7f9;font-family:Helvetica,Arial,sans-serif;color:#1f2328;",
  box: "max-width:640px;margin:0 auto;background:#ffffff;border:1px solid #d8dee4;border-radius:8px;padding:20px;",
  heading: "margin:0 0 4px;font-size:20px;",
  sub: "margin:0 0 16px;color:#59636e;font-size:13px;",
  paper: "margin:0 0 20px;padding:0 0 16px;border-bottom:1px solid #eaeef2;",
  title: "font-size:16px;font-weight:bold;color:#0969da;text-decoration:none;",
  authors: "margin:4px 0;color:#59636e;font-size:13px;",
  why: "margin:4px 0;font-size:13px;color:#1a7f37;",
  summary: "margin:6px 0;font-size:14px;line-height:1.45;",
  links: "margin:6px 0 0;font-size:13px;color:#59636e;",
  link: "color:#0969da;",
  footer: "margin:16px 0 0;font-size:12px;color:#59636e;",
};

function htmlPart(content: DigestContent, papers: PaperView[], unsubscribe: string, manage: string): string {
  const title = `Your ${content.frequency} ${content.kind === "personal" ? "personal" : "trending"} papers`;
  const items = papers
    .map(
      (paper) => `<div style="${STYLE.paper}">
<a href="${escapeHtml(paper.pageUrl)}" style="${STYLE.title}">${escapeHtml(paper.title)}</a>
${paper.authors ? `<p style="${STYLE.authors}">${escapeHtml(paper.authors)}</p>` : ""}
${paper.reasons.length > 0 ? `<p style="${STYLE.why}">Why: ${escapeHtml(paper.reasons.join("; "))}</p>` : ""}
<p style="${STYLE.summary}">${escapeHtml(paper.summary)}</p>
<p style="${STYLE.links}">${upvotesText(paper.upvotes)} · <a href="${escapeHtml(paper.pageUrl)}" style="${STYLE.link}">PaperPulse</a> · <a href="${escapeHtml(paper.arxivUrl)}" style="${STYLE.link}">arXiv</a> · <a href="${escapeHtml(paper.moreUrl)}" style="${STYLE.link}">More like this</a> · <a href="${escapeHtml(paper.lessUrl)}" style="${STYLE.link}">Less like this</a></p>
</div>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="${STYLE.body}"><div style="${STYLE.box}">
<h1 style="${STYLE.heading}">${escapeHtml(title)}</h1>
<p style="${STYLE.sub}">${escapeHtml(content.coverage)} · ${papers.length} papers</p>
${items}
<p style="${STYLE.footer}">You receive this because you subscribed to PaperPulse digests. <a href="${escapeHtml(manage)}" style="${STYLE.link}">Change what you receive</a> · <a href="${escapeHtml(unsubscribe)}" style="${STYLE.link}">Unsubscribe</a></p>
</div></body></html>`;
}

/** The first paper's title and how many follow; a digest with none (a preview of one that is skipped) says so. */
function subjectOf(kind: string, coverage: string, papers: readonly { title: string }[]): string {
  const [first] = papers;
  if (!first) return `${kind}: none for ${coverage}`;
  return `${kind}: ${shorten(first.title, SUBJECT_TITLE_CHARS)}${papers.length > 1 ? ` and ${papers.length - 1} more` : ""}`;
}

export function renderDigest(content: DigestContent, links: DigestLinks): StoredMessage {
  const papers = content.picks.map((pick) => paperView(links, content, pick));
  const unsubscribe = unsubscribeUrl(links, content.subscriberId);
  const manage = `${links.publicUrl}/me/digest`;
  const mailto = `mailto:${links.unsubscribeMailbox}?subject=${encodeURIComponent(`unsubscribe ${content.subscriberId}`)}`;
  const kind = content.kind === "personal" ? "Your papers" : "Trending papers";
  return {
    to: content.to,
    subject: subjectOf(kind, content.coverage, papers),
    text: textPart(content, papers, unsubscribe, manage),
    html: htmlPart(content, papers, unsubscribe, manage),
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>, <${mailto}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
