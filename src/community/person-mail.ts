import type { Mailer, MailMessage } from "../mail/mailer.js";
import { MailSendError } from "../mail/mailer.js";
import { classifySmtpFailure, describeSmtpFailure } from "../mail/smtp-failure.js";
import { CommunityError } from "./errors.js";

/**
 * Sends a mail a person waits for on the page (a sign-in link, a confirmation): a refused address
 * says so, so that they can correct it (400); any other SMTP failure asks them to try again later (503),
 * where it was a bare 500.
 */
export async function sendToPerson(mailer: Mailer, message: MailMessage): Promise<void> {
  try {
    await mailer.send(message);
  } catch (error) {
    if (!(error instanceof MailSendError)) throw error;
    if (classifySmtpFailure(error) === "recipient-refused")
      throw new CommunityError(
        "invalid",
        `The mail server refused ${message.to} (${describeSmtpFailure(error)}): check the address.`,
      );
    throw new CommunityError(
      "unavailable",
      "The mail could not be sent just now; try again in a few minutes.",
    );
  }
}
