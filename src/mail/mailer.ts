import nodemailer, { type SendMailOptions } from "nodemailer";

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
  /** Closes pooled connections; a mailer without any resolves at once. */
  close(): Promise<void>;
}

/**
 * A send that failed, and whether the whole message had gone out to the server before it did: a
 * connection lost after that may have delivered it, so sending it again could deliver it twice.
 */
export class MailSendError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly messageHandedOver: boolean,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "MailSendError";
  }
}

/** How far one message got: set once the SMTP transport has read the whole of it (the DATA phase). */
interface HandOver {
  done: boolean;
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

/**
 * `pooled` keeps up to `connections` SMTP connections open and sends many messages over each (bulk
 * sending: digests); otherwise every message opens its own connection (an occasional sign-in link).
 */
export function smtpMailer(settings: SmtpSettings, pool: { connections: number } | null = null): Mailer {
  const auth = settings.user ? { user: settings.user, pass: settings.password } : undefined;
  const server = { host: settings.host, port: settings.port, secure: settings.secure, auth };
  const transport = pool
    ? nodemailer.createTransport({
        ...server,
        pool: true,
        maxConnections: pool.connections,
        maxMessages: Infinity,
      })
    : nodemailer.createTransport(server);
  // The message's final stream is read only once the server has accepted the envelope (its 354 to
  // DATA): its end marks the point after which a failure leaves the delivery unknown. (A transform's
  // flush would not do: a small message passes through every transform before MAIL FROM is sent.)
  transport.use("stream", (mail, done) => {
    const handOver = (mail.data as { handOver?: HandOver }).handOver;
    if (handOver)
      mail.message.processFunc((message) => {
        message.once("end", () => {
          handOver.done = true;
        });
        return message;
      });
    done();
  });
  return {
    delivers: true,
    async send(message) {
      // Prepared: the values go out as given (List-Unsubscribe must stay one raw header, RFC 8058).
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, value]) => [name, { prepared: true, value }]),
      );
      const handOver: HandOver = { done: false };
      try {
        await transport.sendMail({ from: settings.from, ...message, headers, handOver } as SendMailOptions);
      } catch (error) {
        throw new MailSendError(error, handOver.done);
      }
    },
    async close() {
      transport.close();
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
    async close() {},
  };
}

/** The mailer the configuration asks for: SMTP when a host is set (pooled for bulk sending), the log otherwise. */
export function configuredMailer(
  settings: SmtpSettings,
  log: LogSink,
  pool: { connections: number } | null = null,
): Mailer {
  return settings.host === "" ? logMailer(log) : smtpMailer(settings, pool);
}
