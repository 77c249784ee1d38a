import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";
import { CsrfField } from "./csrf-field.js";
import { PASSWORD_INPUT_MAX_LENGTH } from "./password-input.js";

export interface LoginPageModel {
  csrfToken: string;
  next: string;
  email: string;
  /** Shown above the form after a failed attempt. */
  error: string | null;
}

export function renderLoginPage(model: LoginPageModel): string {
  return renderDocument(
    <Layout title="Sign in">
      <section class="account-box" aria-labelledby="login-heading">
        <h1 id="login-heading">Sign in</h1>
        <p class="muted">
          Enter your email and we send you a sign-in link. No account yet? The link creates one. If you have
          set a password, you can use it instead.
        </p>
        {model.error && (
          <p class="notice" role="alert">
            {model.error}
          </p>
        )}
        <form class="stack-form" method="post" action="/login">
          <CsrfField token={model.csrfToken} />
          <input type="hidden" name="next" value={model.next} />
          <label for="login-email">Email</label>
          <input id="login-email" type="email" name="email" required maxLength={254} value={model.email} />
          <label for="login-password">
            Password <span class="muted">(optional)</span>
          </label>
          <input
            id="login-password"
            type="password"
            name="password"
            maxLength={PASSWORD_INPUT_MAX_LENGTH}
            autocomplete="current-password"
          />
          <button class="button" type="submit">
            Sign in
          </button>
        </form>
      </section>
    </Layout>,
  );
}

export function renderLoginSentPage(email: string, delivered: boolean): string {
  return renderDocument(
    <Layout title="Check your email">
      <section class="account-box" aria-labelledby="sent-heading">
        <h1 id="sent-heading">Check your email</h1>
        {delivered ? (
          <p>
            We sent a sign-in link to <strong>{email}</strong>. It works once, for 15 minutes.
          </p>
        ) : (
          <p class="notice">
            This instance has no mail server configured (PAPERPULSE_SMTP_HOST), so the sign-in link for{" "}
            <strong>{email}</strong> was written to the server log. Open it from there; it works once, for 15
            minutes.
          </p>
        )}
      </section>
    </Layout>,
  );
}

export interface LoginVerifyModel {
  csrfToken: string;
  token: string;
  next: string;
}

/** Mail scanners open links: signing in takes a click, so a prefetch cannot use up the link. */
export function renderLoginVerifyPage(model: LoginVerifyModel): string {
  return renderDocument(
    <Layout title="Sign in">
      <section class="account-box" aria-labelledby="verify-heading">
        <h1 id="verify-heading">Sign in to PaperPulse</h1>
        <form class="stack-form" method="post" action="/login/verify">
          <CsrfField token={model.csrfToken} />
          <input type="hidden" name="token" value={model.token} />
          <input type="hidden" name="next" value={model.next} />
          <button class="button" type="submit">
            Sign in
          </button>
        </form>
      </section>
    </Layout>,
  );
}
