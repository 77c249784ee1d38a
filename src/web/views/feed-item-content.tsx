import { renderToString } from "preact-render-to-string";
import type { FeedItem } from "../presenters/paper-feed.js";

/** The HTML a feed reader shows for a paper: abstract, authors, links and votes (escaped by preact). */
export function renderFeedItemContent(item: FeedItem): string {
  return renderToString(
    <div>
      <p>{item.abstract}</p>
      {item.authors.length > 0 && <p>{item.authors.join(", ")}</p>}
      <p>
        <a href={item.link}>PaperPulse</a> · <a href={item.pdfLink}>PDF</a> · ▲ {item.upvotes}
      </p>
    </div>,
  );
}
