import type { ComponentChild } from "preact";
import type { Block, Inline } from "../../core/markdown.js";
import { MathMarkup } from "./math.js";

/** Renders parsed comment Markdown; text goes through preact, which escapes it. */
function inlinePart(part: Inline): ComponentChild {
  switch (part.kind) {
    case "text":
      return part.text;
    case "code":
      return <code>{part.text}</code>;
    case "strong":
      return <strong>{part.text}</strong>;
    case "em":
      return <em>{part.text}</em>;
    case "link":
      return (
        <a href={part.href} rel="nofollow ugc noopener">
          {part.text}
        </a>
      );
    case "math":
      return <MathMarkup tex={part.tex} display={false} />;
  }
}

function InlineContent({ parts }: { parts: Inline[] }) {
  return <>{parts.map(inlinePart)}</>;
}

function blockPart(block: Block): ComponentChild {
  switch (block.kind) {
    case "paragraph":
      return (
        <p>
          <InlineContent parts={block.content} />
        </p>
      );
    case "list":
      return (
        <ul>
          {block.items.map((item) => (
            <li>
              <InlineContent parts={item} />
            </li>
          ))}
        </ul>
      );
    case "code":
      return (
        <pre>
          <code>{block.text}</code>
        </pre>
      );
    case "math":
      return <MathMarkup tex={block.tex} display={true} />;
  }
}

export function RichText({ blocks }: { blocks: Block[] }) {
  return <>{blocks.map(blockPart)}</>;
}
