import type { ErrorLink } from "../errors.js";
import type { ViewerModel } from "../presenters/viewer.js";
import { Layout } from "./layout.js";
import { renderDocument } from "./render.js";

const TITLES: Record<number, string> = {
  400: "That request doesn’t look right",
  404: "Page not found",
  405: "This address doesn’t take that request",
};

export interface ErrorPageOptions {
  /** Where to sign in, offered first when signing in is the way forward (a 401). */
  signIn?: string;
  /** Other ways forward the error knows of (a paper not here yet: arXiv, submitting it), before the way home. */
  links?: ErrorLink[];
  /** The signed-in visitor, for the header. */
  viewer?: ViewerModel | null;
}

export function renderErrorPage(
  statusCode: number,
  message: string,
  { signIn, links = [], viewer = null }: ErrorPageOptions = {},
): string {
  const title = TITLES[statusCode] ?? (statusCode >= 500 ? "Something went wrong" : "Request not accepted");
  return renderDocument(
    <Layout title={title} viewer={viewer}>
      <section class="error-page" aria-labelledby="error-heading">
        <p class="error-code">{statusCode}</p>
        <h1 id="error-heading">{title}</h1>
        <p>{message}</p>
        <p>
          {signIn && (
            <>
              <a class="button" href={signIn}>
                Sign in
              </a>{" "}
            </>
          )}
          {links.map((link, index) => (
            <>
              <a class={signIn || index > 0 ? "button button-secondary" : "button"} href={link.href}>
                {link.label}
              </a>{" "}
            </>
          ))}
          <a class={signIn || links.length > 0 ? "button button-secondary" : "button"} href="/">
            Today’s papers
          </a>
        </p>
      </section>
    </Layout>,
  );
}
