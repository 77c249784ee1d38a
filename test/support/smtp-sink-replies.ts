import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on 127.0.0.1 whose answer to each recipient a test decides: accept (null) or a
 * reply code such as 451 (try again later) or 550 (no such user). Keeps the accepted messages, parsed,
 * and counts every RCPT it saw per address.
 */
export type RecipientReply = (address: string, attempt: number) => number | null;

/** smtp-server's connection, as far as closing one mid-transaction needs it. */
interface SinkConnection {
  session?: { id: string };
  _socket: { destroy(): void };
}

/** Beyond the recipients: what to answer MAIL FROM, and what to do once a message's data arrived. */
export interface SinkScript {
  /** A reply code for MAIL FROM (530: the relay wants a login), or null to accept. */
  mailFrom?: () => number | null;
  /** After the data: a reply code (552: too large), "drop" (close the connection without replying), or null to accept. */
  afterData?: (attempt: number) => number | "drop" | null;
  /** Close the connection instead of answering RCPT TO for the nth recipient seen (1-based). */
  dropAtRecipient?: (attempt: number) => boolean;
}

export interface ScriptedSmtpSink {
  port: number;
  messages: ParsedMail[];
  attempts: Map<string, number>;
  /** Messages whose data arrived, kept or not. */
  dataReceived: number;
  close(): Promise<void>;
}

function replyError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

export async function startScriptedSmtpSink(
  reply: RecipientReply,
  script: SinkScript = {},
): Promise<ScriptedSmtpSink> {
  const messages: ParsedMail[] = [];
  const attempts = new Map<string, number>();
  let dataReceived = 0;
  const dropConnection = (sessionId: string) => {
    for (const connection of (server as unknown as { connections: Set<SinkConnection> }).connections)
      if (connection.session?.id === sessionId) connection._socket.destroy();
  };
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onMailFrom(_address, _session, callback) {
      const code = script.mailFrom?.() ?? null;
      return callback(code === null ? undefined : replyError(code, "5.7.0 Authentication required"));
    },
    onRcptTo(address, session, callback) {
      const attempt = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, attempt);
      if (script.dropAtRecipient?.(attempt)) return dropConnection(session.id);
      const code = reply(address.address, attempt);
      if (code === null) return callback();
      return callback(replyError(code, code >= 500 ? "5.1.1 No such user here" : "4.7.1 Try again later"));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          dataReceived++;
          const after = script.afterData?.(dataReceived) ?? null;
          // The whole message arrived, and the connection ends before the reply that accepts it.
          if (after === "drop") return dropConnection(session.id);
          if (after !== null) return callback(replyError(after, "5.3.4 Message size exceeds fixed limit"));
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    messages,
    attempts,
    get dataReceived() {
      return dataReceived;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
