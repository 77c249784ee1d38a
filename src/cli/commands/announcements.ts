import { Command, InvalidArgumentError } from "commander";
import { categoryList } from "../../config.js";
import {
  type AnnouncementCounts,
  type AnnouncementsSummary,
  type CategoryOutcome,
  fetchAnnouncements,
  totalAnnouncementCounts,
} from "../../ingest/arxiv/announcements.js";
import { startArxivCommand } from "../arxiv-command.js";
import { EXIT } from "../exit-codes.js";
import { formatCount, formatSeconds } from "../format-numbers.js";
import { withStore } from "../open-store.js";

interface AnnouncementsCommandOptions {
  category?: string[];
  quiet?: boolean;
}

const HELP_AFTER = `
Reads today's announcement feed of each category (PAPERPULSE_ARXIV_FEED_URL/<category>), politely:
one request at a time, PAPERPULSE_ARXIV_INTERVAL_MS apart, with PAPERPULSE_CONTACT_EMAIL in the
User-Agent. Categories default to PAPERPULSE_CATEGORIES.

New submissions and cross-lists are stored and listed on the feed's announcement day (a New York
date), so the daily page matches arXiv's own list; replacements update papers already stored to their
new version. Weekends and holidays have empty feeds: nothing to do. Running again on the same day
changes nothing.

Exit codes:
  0    every feed was read (empty ones included)
  1    failure: a category's feed kept failing or was unreadable (the other categories still ran),
       a bad option, a database error
  2    read, but some entries were rejected (listed as category entry: reason)
  130  interrupted by Ctrl-C after storing the category in progress`;

/** Collects --category values, repeated or comma-separated, each checked against arXiv's taxonomy. */
function collectCategories(raw: string, previous: string[] = []): string[] {
  try {
    return [...new Set([...previous, ...categoryList(raw)])];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function countsText(counts: AnnouncementCounts): string {
  const parts = [
    `${formatCount(counts.new)} new, ${formatCount(counts.cross)} cross, ${formatCount(counts.replace)} replaced`,
    `${formatCount(counts.inserted)} inserted, ${formatCount(counts.updated)} updated, ${formatCount(counts.unchanged)} unchanged`,
    `${formatCount(counts.listed)} listed, ${formatCount(counts.rejected)} rejected`,
  ];
  if (counts.notStored > 0)
    parts.push(`skipped (replaced, not stored here): ${formatCount(counts.notStored)}`);
  return parts.join("; ");
}

export function categoryProgressLine(outcome: CategoryOutcome): string {
  if (outcome.status === "failed") return `${outcome.category}: failed: ${outcome.error}`;
  if (outcome.status === "empty")
    return `${outcome.category}: no announcements${outcome.day ? ` on ${outcome.day}` : ""} (weekend or holiday)`;
  const seen = outcome.seenBefore ? ", seen before" : "";
  return `${outcome.category} ${outcome.day}${seen}: ${countsText(outcome)}`;
}

function formatAnnouncementsSummary(summary: AnnouncementsSummary, elapsedMs: number): string {
  const outcomes = summary.categories;
  const days = [...new Set(outcomes.map((outcome) => outcome.day).filter((day) => day !== null))].sort();
  const by = (status: CategoryOutcome["status"]) => outcomes.filter((o) => o.status === status).length;
  const feeds = `${formatCount(outcomes.length)} feed${outcomes.length === 1 ? "" : "s"} (${by("announced")} announced, ${by("empty")} empty, ${by("failed")} failed)`;
  return `announcements ${days.join(", ") || "(no day)"}: ${feeds}; ${countsText(totalAnnouncementCounts(outcomes))}; in ${formatSeconds(elapsedMs)}`;
}

function exitCode(summary: AnnouncementsSummary): number {
  if (summary.interrupted) return EXIT.interrupted;
  if (summary.categories.some((outcome) => outcome.status === "failed")) return EXIT.failure;
  return summary.categories.some((outcome) => outcome.rejected > 0) ? EXIT.finishedWithRejects : EXIT.ok;
}

async function runAnnouncements(options: AnnouncementsCommandOptions): Promise<number> {
  const { config, client, log, signal, close } = startArxivCommand("category", options.quiet ?? false);
  const started = performance.now();
  try {
    const summary = await withStore((store) =>
      fetchAnnouncements(store, client, {
        feedUrl: config.arxivFeedUrl,
        categories: options.category ?? config.categories,
        signal: signal,
        onCategory: (outcome) => {
          if (outcome.status === "failed")
            process.stderr.write(`paperpulse announcements: ${categoryProgressLine(outcome)}\n`);
          else log(categoryProgressLine(outcome));
          for (const reject of outcome.rejects) {
            process.stderr.write(
              `${outcome.category} entry ${reject.position} (${reject.entryId ?? "no id"}): ${reject.reason}\n`,
            );
          }
        },
      }),
    );
    process.stdout.write(`${formatAnnouncementsSummary(summary, performance.now() - started)}\n`);
    return exitCode(summary);
  } finally {
    close();
  }
}

export function announcementsCommand(): Command {
  return new Command("announcements")
    .description(
      "Fetch today's arXiv announcements (new, cross-lists, replacements) of the configured categories",
    )
    .option(
      "--category <codes...>",
      "arXiv categories, repeated or comma-separated (default: PAPERPULSE_CATEGORIES)",
      collectCategories,
    )
    .option("-q, --quiet", "no progress lines")
    .addHelpText("after", HELP_AFTER)
    .action(async (options: AnnouncementsCommandOptions) => {
      process.exitCode = await runAnnouncements(options);
    });
}
