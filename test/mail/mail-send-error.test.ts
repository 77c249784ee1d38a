import { afterEach, describe, expect, it } from "vitest";
import { MailSendError, smtpMailer } from "../../src/mail/mailer.js";
import { classifySmtpFailure } from "../../src/mail/smtp-failure.js";
import {
  type ScriptedSmtpSink,
  type SinkScript,
  startScriptedSmtpSink,
} from "../support/smtp-sink-replies.js";

let sink: ScriptedSmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

/** What sending one plain message of about 12 KB fails with, through a single or a pooled connection. */
async function failureOf(script: SinkScript, pooled: boolean): Promise<unknown> {
  sink = await startScriptedSmtpSink(() => null, script);
  const mailer = smtpMailer(
    { host: "127.0.0.1", port: sink.port, secure: false, user: "", password: "", from: "a@example.org" },
    pooled ? { connections: 1 } : null,
  );
  try {
    await mailer.send({ to: "x@example.org", subject: "digest", text: "paper ".repeat(2_000) });
    return null;
  } catch (error) {
    return error;
  } finally {
    await mailer.close();
  }
}

describe("a failed send says whether the whole message had gone out", () => {
  it.each([false, true])("not when the connection ends at RCPT TO (pooled: %s): retried", async (pooled) => {
    const error = await failureOf({ dropAtRecipient: () => true }, pooled);
    expect(error).toBeInstanceOf(MailSendError);
    expect((error as MailSendError).messageHandedOver).toBe(false);
    expect(classifySmtpFailure(error)).toBe("temporary");
  });

  it.each([false, true])("yes when it ends after the data (pooled: %s): never sent again", async (pooled) => {
    const error = await failureOf({ afterData: () => "drop" }, pooled);
    expect((error as MailSendError).messageHandedOver).toBe(true);
    expect(classifySmtpFailure(error)).toBe("outcome-unknown");
  });

  it("classifies refusals by the command they answer", async () => {
    expect(classifySmtpFailure(await failureOf({ mailFrom: () => 530 }, false))).toBe("temporary");
    await sink?.close();
    expect(classifySmtpFailure(await failureOf({ afterData: () => 552 }, false))).toBe("message-refused");
  });
});
