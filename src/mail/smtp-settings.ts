import type { Config } from "../config.js";
import type { SmtpSettings } from "./mailer.js";

export function smtpSettings(config: Config): SmtpSettings {
  return {
    host: config.smtpHost,
    port: config.smtpPort,
    secure: config.smtpSecure,
    user: config.smtpUser,
    password: config.smtpPassword,
    from: config.mailFrom,
  };
}
