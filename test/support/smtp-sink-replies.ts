import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on 127.0.0.1 whose answer to each recipient a test decides: accept (null) or a
 * reply code such as 451 (try again later) or 550 (no such user). Keeps the accepted messages, parsed,
 * and counts every RCPT it saw per address.
 */
export type RecipientReply = (address: string, attempt: number) => number | null;

export interface ScriptedSmtpSink {
  port: number;
  messages: ParsedMail[];
  attempts: Map<string, number>;
  close(): Promise<void>;
}

export async function startScriptedSmtpSink(reply: RecipientReply): Promise<ScriptedSmtpSink> {
  const messages: ParsedMail[] = [];
  const attempts = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const attempt = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, attempt);
      const code = reply(address.address, attempt);
      if (code === null) return callback();
      const error = new Error(code >= 500 ? "5.1.1 No such user here" : "4.7.1 Try again later") as Error & {
        responseCode: number;
      };
      error.responseCode = code;
      return callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
