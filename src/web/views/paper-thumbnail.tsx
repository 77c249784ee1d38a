import { renderToString } from "preact-render-to-string";

const WIDTH = 1200;
const HEIGHT = 630;
const CHARS_PER_LINE = 34;
const MAX_LINES = 5;

/** Breaks a title into at most MAX_LINES lines of whole words, the last one ellipsised when cut. */
function titleLines(title: string): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of title.replace(/\s+/g, " ").trim().split(" ")) {
    if (current && `${current} ${word}`.length > CHARS_PER_LINE) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES - 1), `${lines[MAX_LINES - 1]}…`];
}

/** A social card (1200×630 SVG) with the paper's title, id and votes; text escaped by preact. */
export function renderPaperThumbnail(paper: { id: string; title: string; upvotes: number }): string {
  const lines = titleLines(paper.title);
  return renderToString(
    <svg xmlns="http://www.w3.org/2000/svg" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`}>
      <title>{paper.title}</title>
      <rect width={WIDTH} height={HEIGHT} fill="#eef2ff" />
      <rect x="40" y="40" width={WIDTH - 80} height={HEIGHT - 80} rx="28" fill="#ffffff" />
      <text
        x="90"
        y="130"
        font-family="system-ui, sans-serif"
        font-size="34"
        fill="#4f46e5"
        font-weight="700"
      >
        PaperPulse · arXiv:{paper.id} · ▲ {paper.upvotes}
      </text>
      {lines.map((line, index) => (
        <text
          x="90"
          y={215 + index * 68}
          font-family="system-ui, sans-serif"
          font-size="54"
          fill="#0f172a"
          font-weight="700"
        >
          {line}
        </text>
      ))}
    </svg>,
  );
}
