import nodemailer from "nodemailer";

/**
 * Outgoing mail. One SMTP transport (nodemailer) shared by sign-in links and digests; without an SMTP
 * host (the embedded demo) messages go to the server log instead, and callers can tell (`delivers`).
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra raw headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** False when messages only reach the log, so pages can say where to look. */
  readonly delivers: boolean;
  send(message: MailMessage): Promise<void>;
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
  from: string;
}

export function smtpMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
  });
  return {
    delivers: true,
    async send(message) {
      // Prepared: the values go out as given (List-Unsubscribe must stay one raw header, RFC 8058).
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, value]) => [name, { prepared: true, value }]),
      );
      await transport.sendMail({ from: settings.from, ...message, headers });
    },
  };
}

export interface LogSink {
  info(object: Record<string, unknown>, message: string): void;
}

export function logMailer(log: LogSink): Mailer {
  return {
    delivers: false,
    async send(message) {
      log.info(
        { to: message.to, subject: message.subject },
        `mail not sent (no SMTP configured):\n${message.text}`,
      );
    },
  };
}

/** The mailer the configuration asks for: SMTP when a host is set, the log otherwise. */
export function configuredMailer(settings: SmtpSettings, log: LogSink): Mailer {
  return settings.host === "" ? logMailer(log) : smtpMailer(settings);
}
