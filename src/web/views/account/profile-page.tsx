import { PASSWORD_FIELD_MAX_LENGTH, PASSWORD_MIN_CHARS } from "../../../community/passwords.js";
import { PUBLIC_NAME_MAX_CHARS } from "../../../community/public-names.js";
import type { ProfilePageModel } from "../../presenters/profile.js";
import { Layout } from "../layout.js";
import { MathText } from "../math.js";
import { renderDocument } from "../render.js";
import { CsrfField } from "./csrf-field.js";

interface PaperLinksProps {
  id: string;
  title: string;
  empty: string;
  papers: ProfilePageModel["upvoted"];
}

function PaperLinks({ id, title, empty, papers }: PaperLinksProps) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {papers.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ul>
          {papers.map((paper) => (
            <li>
              <a href={paper.href}>
                <MathText text={paper.title} inline />
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ApiTokens({ model }: { model: ProfilePageModel }) {
  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p class="muted">
        For scripts: send <code>Authorization: Bearer TOKEN</code>. A token acts as you until you revoke it.
      </p>
      {model.newToken && (
        <p class="notice" role="status">
          Your new token (copy it now, it is not shown again): <code class="new-token">{model.newToken}</code>
        </p>
      )}
      {model.tokens.length > 0 && (
        <ul class="token-list">
          {model.tokens.map((token) => (
            <li>
              <strong>{token.name}</strong>{" "}
              <span class="muted">
                created {token.created}, last used {token.lastUsed}
              </span>
              <form class="inline-form" method="post" action={token.revokeAction}>
                <CsrfField token={model.csrfToken} />
                <button class="button button-secondary" type="submit">
                  Revoke
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form" method="post" action="/me/tokens">
        <CsrfField token={model.csrfToken} />
        <label for="token-name">Name</label>
        <input id="token-name" name="name" maxLength={100} required />
        <button class="button" type="submit">
          Create token
        </button>
      </form>
    </section>
  );
}

function PublicNameSection({ model }: { model: ProfilePageModel }) {
  return (
    <section aria-labelledby="name-heading">
      <h2 id="name-heading">Public name</h2>
      <p class="muted">
        Your comments show <strong>{model.shownName}</strong>. Nothing of your address is shown; leave the
        name empty to go back to a pseudonym.
      </p>
      <form class="inline-form" method="post" action="/me/name">
        <CsrfField token={model.csrfToken} />
        <label for="public-name">Name</label>{" "}
        <input
          id="public-name"
          name="name"
          value={model.publicName}
          maxLength={2 * PUBLIC_NAME_MAX_CHARS}
          autocomplete="nickname"
        />{" "}
        <button class="button" type="submit">
          Save name
        </button>
      </form>
    </section>
  );
}

function PasswordSection({ model }: { model: ProfilePageModel }) {
  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p class="muted">
        {!model.hasPassword
          ? "Optional: sign in with a password as well as by emailed link."
          : model.needsCurrentPassword
            ? "To change your password, type the current one (forgot it? sign in again by emailed link). Your other sessions are signed out; this one stays."
            : "You signed in just now, so a new password needs no current one. Your other sessions are signed out; this one stays."}
      </p>
      <form class="inline-form" method="post" action="/me/password">
        <CsrfField token={model.csrfToken} />
        {model.needsCurrentPassword && (
          <>
            <label for="current-password">Current password</label>
            <input
              id="current-password"
              type="password"
              name="current"
              maxLength={PASSWORD_FIELD_MAX_LENGTH}
              required
              autocomplete="current-password"
            />
          </>
        )}
        <label for="new-password">New password</label>
        <input
          id="new-password"
          type="password"
          name="password"
          minLength={PASSWORD_MIN_CHARS}
          maxLength={PASSWORD_FIELD_MAX_LENGTH}
          required
          autocomplete="new-password"
        />
        <button class="button" type="submit">
          {model.hasPassword ? "Change password" : "Set password"}
        </button>
      </form>
    </section>
  );
}

function DeleteAccount({ model }: { model: ProfilePageModel }) {
  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete account</h2>
      <p>
        Deleting your account cannot be undone. It removes your account, sessions, API tokens, password,
        collections (public ones too), submissions and email digest subscription. Your upvotes are taken back,
        so the papers' counts drop by one. Your comments stay in their threads so that replies keep their
        place, but their text is erased and they are shown as deleted, with no author.{" "}
        <a href="/me/export.json" download>
          Download your data
        </a>{" "}
        first if you want to keep it.
      </p>
      <form class="stack-form" method="post" action="/me/delete">
        <CsrfField token={model.csrfToken} />
        <label for="delete-confirm">
          Type your email address, <strong>{model.viewer.email}</strong>, to confirm
        </label>
        <input id="delete-confirm" name="confirm" type="email" maxLength={254} required autocomplete="off" />
        <button class="button button-danger" type="submit">
          Delete my account
        </button>
      </form>
    </section>
  );
}

export function renderProfilePage(model: ProfilePageModel): string {
  return renderDocument(
    <Layout title="Your profile" viewer={model.viewer}>
      <div class="page-head">
        <h1>Your profile</h1>
        <p class="page-subtitle">
          {model.viewer.email} <span class="tag">{model.role}</span>
        </p>
      </div>
      {model.notice && (
        <p class="notice" role="status">
          {model.notice}
        </p>
      )}
      <PaperLinks id="upvoted-heading" title="Your upvotes" empty="No upvotes yet." papers={model.upvoted} />
      <PaperLinks
        id="submitted-heading"
        title="Your submissions"
        empty="Nothing submitted yet."
        papers={model.submitted}
      />
      <p>
        <a href="/collections">Your collections</a> · <a href="/submit">Submit a paper</a> ·{" "}
        <a href="/me/export.json" download>
          Download your data (JSON)
        </a>
        {" · "}
        <a href="/me/digest">Your email digest</a>
      </p>
      <PublicNameSection model={model} />
      <PasswordSection model={model} />
      <ApiTokens model={model} />
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        <form class="inline-form" method="post" action="/logout">
          <CsrfField token={model.csrfToken} />
          <button class="button button-secondary" type="submit" name="scope" value="everywhere">
            Sign out everywhere
          </button>
        </form>
      </section>
      <DeleteAccount model={model} />
    </Layout>,
  );
}
