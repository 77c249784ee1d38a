import type { DigestSettingsModel } from "../../presenters/digest-settings.js";
import { CsrfField } from "../account/csrf-field.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";
import type { Visitor } from "../visitor-context.js";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function TextList({
  name,
  label,
  value,
  hint,
}: {
  name: string;
  label: string;
  value: string;
  hint: string;
}) {
  return (
    <p>
      <label for={`digest-${name}`}>{label}</label>
      <br />
      <textarea id={`digest-${name}`} name={name} rows={2} cols={60} maxLength={4_000}>
        {value}
      </textarea>
      <br />
      <span class="muted">{hint}</span>
    </p>
  );
}

/** GET /me/digest — the signed-in person's digest: schedule, kind, size and topics. */
export function renderDigestSettingsPage(model: DigestSettingsModel, visitor: Visitor): string {
  return renderDocument(
    <Layout title="Email digest">
      <div class="page-head">
        <h1>Email digest</h1>
        <p class="page-subtitle muted">
          {model.status} · sent to {model.email}
        </p>
      </div>
      {model.notice && (
        <p class="notice" role="status">
          {model.notice}
        </p>
      )}
      {model.error && (
        <p class="form-error" role="alert">
          {model.error}
        </p>
      )}
      <form method="post" action="/me/digest" class="digest-settings">
        <CsrfField token={visitor.csrfToken} />
        <fieldset>
          <legend>When</legend>
          <label>
            <input type="radio" name="frequency" value="daily" checked={model.frequency === "daily"} /> Daily
          </label>{" "}
          <label>
            <input type="radio" name="frequency" value="weekly" checked={model.frequency === "weekly"} />{" "}
            Weekly, on{" "}
          </label>
          <select name="weekday" aria-label="Weekday">
            {WEEKDAYS.map((name, index) => (
              <option value={String(index + 1)} selected={model.weekday === index + 1}>
                {name}
              </option>
            ))}
          </select>{" "}
          <label>
            at{" "}
            <select name="hour" aria-label="Hour">
              {Array.from({ length: 24 }, (_, hour) => (
                <option value={String(hour)} selected={model.hour === hour}>
                  {`${String(hour).padStart(2, "0")}:00`}
                </option>
              ))}
            </select>
          </label>{" "}
          <label>
            time zone{" "}
            <input name="timeZone" value={model.timeZone} maxLength={64} placeholder="Europe/Berlin" />
          </label>
        </fieldset>
        <fieldset>
          <legend>What</legend>
          <label>
            <input type="radio" name="kind" value="trending" checked={model.kind === "trending"} /> Trending:
            the most upvoted papers
          </label>
          <br />
          <label>
            <input type="radio" name="kind" value="personal" checked={model.kind === "personal"} /> Personal:
            new papers on my topics
          </label>
          <br />
          <label>
            Papers per digest <input name="size" type="number" min={1} max={50} value={String(model.size)} />
          </label>
        </fieldset>
        <fieldset>
          <legend>My topics (personal digests)</legend>
          <TextList
            name="categories"
            label="arXiv categories"
            value={model.categories}
            hint="e.g. cs.CL, stat.ML, math"
          />
          <TextList
            name="keywords"
            label="Keywords"
            value={model.keywords}
            hint="Words or phrases, comma-separated"
          />
          <TextList name="authors" label="Authors" value={model.authors} hint="Names, comma-separated" />
          <TextList
            name="negativeKeywords"
            label="Leave out papers mentioning"
            value={model.negativeKeywords}
            hint="Words or phrases, comma-separated"
          />
          <TextList
            name="savedSearches"
            label="Saved searches"
            value={model.savedSearches}
            hint='One per line, as in the search box: author:hinton, cat:cs.LG, "exact phrase", -word'
          />
          <label>
            <input type="checkbox" name="likeMyPapers" value="on" checked={model.likeMyPapers} /> Papers like
            the ones I upvoted or saved
          </label>
          {model.likeMyPapers && model.likedNothingYet && (
            <>
              <br />
              <span class="muted" id="digest-liked-nothing-yet">
                You have not upvoted or saved a paper yet: this picks papers once you do.
              </span>
            </>
          )}
        </fieldset>
        <button class="button" type="submit">
          Save digest settings
        </button>
      </form>
      {model.active && (
        <form method="post" action="/me/digest/stop">
          <CsrfField token={visitor.csrfToken} />
          <button class="button button-secondary" type="submit">
            Stop my digest
          </button>
        </form>
      )}
    </Layout>,
    visitor,
  );
}
