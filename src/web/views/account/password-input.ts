import { PASSWORD_MAX_CHARS } from "../../../community/passwords.js";

/**
 * A password field's maxlength. Browsers count it in UTF-16 units, the server counts characters, and a
 * character takes at most two units: with the server's number here, a browser would stop a password of
 * emoji at half the length the server allows. The server still refuses what is too long, and says so.
 */
export const PASSWORD_INPUT_MAX_LENGTH = PASSWORD_MAX_CHARS * 2;
