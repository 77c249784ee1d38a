import type { ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import type { ViewerModel } from "../presenters/viewer.js";
import { ASSETS } from "../static-assets.js";
import { SubscribeForm } from "./digest/subscribe-form.js";
import { siteFeatures } from "./site-features.js";
import { VisitorContext } from "./visitor-context.js";

export type NavSection = "today" | "week" | "month" | "trending" | null;

export interface LayoutProps {
  title: string;
  description?: string;
  /** The search box's current text. */
  query?: string;
  section?: NavSection;
  /** The page's canonical URL path when several URLs show the same content. */
  canonicalPath?: string;
  /** Feeds of this page's list, advertised to feed readers besides the daily feed. */
  feeds?: FeedLink[];
  /** The signed-in visitor; absent on pages shared by every anonymous visitor. */
  viewer?: ViewerModel | null;
  children: ComponentChildren;
}

const NAV: { section: NavSection; href: string; label: string }[] = [
  { section: "today", href: "/", label: "Today" },
  { section: "week", href: "/weeks", label: "This week" },
  { section: "month", href: "/months", label: "This month" },
  { section: "trending", href: "/trending", label: "Trending" },
];

export interface FeedLink {
  title: string;
  /** Path and query without the format: "/feeds/search" + ".rss" or ".atom" + query. */
  base: string;
  query?: string;
}

const DAILY_FEED: FeedLink = { title: "PaperPulse daily papers", base: "/feeds/daily" };

function FeedAlternates({ feeds }: { feeds: FeedLink[] }) {
  return (
    <>
      {feeds.flatMap((feed) => {
        const query = feed.query ? `?${feed.query}` : "";
        return [
          <link
            rel="alternate"
            type="application/rss+xml"
            title={`${feed.title} (RSS)`}
            href={`${feed.base}.rss${query}`}
          />,
          <link
            rel="alternate"
            type="application/atom+xml"
            title={`${feed.title} (Atom)`}
            href={`${feed.base}.atom${query}`}
          />,
        ];
      })}
    </>
  );
}

function AccountNav({ viewer }: { viewer: ViewerModel | null }) {
  if (!viewer) {
    return (
      <nav class="account-nav" aria-label="Account">
        <a href="/login">Sign in</a>
      </nav>
    );
  }
  return (
    <nav class="account-nav" aria-label="Account">
      <a href="/for-you">For you</a>
      <a href="/submit">Submit</a>
      <a href="/collections">Collections</a>
      {viewer.isModerator && <a href="/admin/audit">Moderation</a>}
      {viewer.isModerator && <a href="/admin/ingest">Ingestion</a>}
      {viewer.isAdmin && siteFeatures().digests && <a href="/admin/digests">Digests</a>}
      <a href="/me" title={viewer.email}>
        {viewer.name}
      </a>
      <a href="/logout">Sign out</a>
    </nav>
  );
}

export function Layout({
  title,
  description,
  query,
  section = null,
  canonicalPath,
  feeds = [],
  viewer,
  children,
}: LayoutProps) {
  const visitor = useContext(VisitorContext);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === "PaperPulse" ? title : `${title} · PaperPulse`}</title>
        <meta
          name="description"
          content={description ?? "Daily arXiv papers, ranked by the research community."}
        />
        {canonicalPath && <link rel="canonical" href={canonicalPath} />}
        <FeedAlternates feeds={[...feeds, DAILY_FEED]} />
        <link rel="stylesheet" href={ASSETS.style} />
        <link rel="icon" href={ASSETS.icon} type="image/svg+xml" />
        {/* Not deferred: it sets the chosen theme before the first paint. */}
        <script src={ASSETS.siteScript} />
        {visitor && <script src={ASSETS.voteScript} defer />}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="wrap header-inner">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true" />
              PaperPulse
            </a>
            <search class="site-search">
              <form class="search-form" action="/search" method="get">
                <label class="visually-hidden" for="site-search">
                  Search papers
                </label>
                <input
                  id="site-search"
                  type="search"
                  name="q"
                  value={query ?? ""}
                  placeholder="Search papers…"
                  autocomplete="off"
                  maxLength={500}
                />
                <button type="submit">Search</button>
              </form>
            </search>
            <nav class="site-nav" aria-label="Main">
              {NAV.map((item) => (
                <a href={item.href} aria-current={item.section === section ? "page" : undefined}>
                  {item.label}
                </a>
              ))}
            </nav>
            <AccountNav viewer={viewer ?? visitor?.viewer ?? null} />
            <button class="theme-toggle" type="button" aria-pressed="false" title="Dark mode">
              <span aria-hidden="true">◐</span>
              <span class="visually-hidden">Dark mode</span>
            </button>
          </div>
        </header>
        <main id="main" class="wrap site-main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              PaperPulse — daily papers from <a href="https://arxiv.org/">arXiv</a>, ranked by the community.
              Thank you to arXiv for use of its open access interoperability.
            </p>
            <SubscribeForm id="footer-subscribe-email" />
            <p>
              <a href="/docs">JSON API</a> · <a href="/healthz">Status</a>
            </p>
            <p class="keyboard-help muted">
              Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous paper, <kbd>o</kbd> open, <kbd>u</kbd> upvote,{" "}
              <kbd>/</kbd> search
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
