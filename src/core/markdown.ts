/**
 * The Markdown subset comments may use, parsed into plain data (the view renders it, escaping all
 * text): paragraphs, "- " lists, ``` code blocks, `code`, **bold**, *italic*, [links](https://…)
 * and math, $inline$ and $$display$$. Anything else stays literal text; no HTML passes through.
 */
export type Inline =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "strong"; text: string }
  | { kind: "em"; text: string }
  | { kind: "link"; text: string; href: string }
  | { kind: "math"; tex: string };

export type Block =
  | { kind: "paragraph"; content: Inline[] }
  | { kind: "list"; items: Inline[][] }
  | { kind: "code"; text: string }
  | { kind: "math"; tex: string };

const INLINE =
  /`([^`\n]+)`|\$([^$\n]+)\$|\*\*([^*\n]+)\*\*|\*([^*\s][^*\n]*)\*|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g;

export function parseInline(text: string): Inline[] {
  const parts: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ kind: "text", text: text.slice(last, index) });
    const [, code, math, strong, em, linkText, href] = match;
    if (code !== undefined) parts.push({ kind: "code", text: code });
    else if (math !== undefined) parts.push({ kind: "math", tex: math });
    else if (strong !== undefined) parts.push({ kind: "strong", text: strong });
    else if (em !== undefined) parts.push({ kind: "em", text: em });
    else parts.push({ kind: "link", text: linkText ?? "", href: href ?? "" });
    last = index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: "paragraph", content: parseInline(paragraph.join(" ")) });
    if (list.length > 0) blocks.push({ kind: "list", items: list.map(parseInline) });
    paragraph = [];
    list = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const trimmed = line.trim();
    if (trimmed.startsWith("```")) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? "").trim().startsWith("```"); i++)
        code.push(lines[i] ?? "");
      blocks.push({ kind: "code", text: code.join("\n") });
    } else if (trimmed.startsWith("$$") && trimmed.endsWith("$$") && trimmed.length > 4) {
      flush();
      blocks.push({ kind: "math", tex: trimmed.slice(2, -2).trim() });
    } else if (/^[-*] /.test(trimmed)) {
      if (paragraph.length > 0) flush();
      list.push(trimmed.slice(2));
    } else if (trimmed === "") {
      flush();
    } else {
      if (list.length > 0) flush();
      paragraph.push(trimmed);
    }
  }
  flush();
  return blocks;
}
