/**
 * Whether a failed send may succeed later. SMTP says so in its reply code: 4xx is temporary (greylisting,
 * a full mailbox, a busy server), 5xx permanent (no such user, rejected). A failure without a reply
 * (connection refused or lost, time-out) is temporary: the server never judged the message.
 */
export function isPermanentSmtpFailure(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

export function describeSmtpFailure(error: unknown): string {
  if (error instanceof Error) {
    const response = (error as { response?: unknown }).response;
    return typeof response === "string" ? response : error.message;
  }
  return String(error);
}
