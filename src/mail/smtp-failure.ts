import { MailSendError } from "./mailer.js";

/**
 * What a failed send means for its delivery, from the SMTP reply and how far the transaction got:
 * - `recipient-refused`: a 5xx to RCPT TO (no such user): permanent, and a bounce of the address;
 * - `message-refused`: a 5xx after DATA (its size or content): this digest fails, the address is fine;
 * - `outcome-unknown`: the connection failed without a reply after the whole message had gone out:
 *   the server may have taken it, so it is never sent again (a second copy is worse than none);
 * - `temporary`: everything else may pass later: a 4xx, a connection failing before the message, or
 *   a 5xx to AUTH or MAIL FROM, which is the relay's own configuration refusing every recipient alike
 *   and must not count as their bounces.
 */
export type SmtpFailure = "recipient-refused" | "message-refused" | "outcome-unknown" | "temporary";

interface SmtpErrorFields {
  responseCode?: unknown;
  command?: unknown;
  response?: unknown;
}

function smtpFields(error: unknown): SmtpErrorFields {
  const cause = error instanceof MailSendError ? error.cause : error;
  return typeof cause === "object" && cause !== null ? (cause as SmtpErrorFields) : {};
}

export function classifySmtpFailure(error: unknown): SmtpFailure {
  const { responseCode, command } = smtpFields(error);
  if (typeof responseCode !== "number")
    return error instanceof MailSendError && error.messageHandedOver ? "outcome-unknown" : "temporary";
  if (responseCode < 500 || responseCode >= 600) return "temporary";
  if (command === "RCPT TO") return "recipient-refused";
  if (command === "DATA") return "message-refused";
  return "temporary";
}

export function describeSmtpFailure(error: unknown): string {
  const { response } = smtpFields(error);
  if (typeof response === "string") return response;
  return error instanceof Error ? error.message : String(error);
}
