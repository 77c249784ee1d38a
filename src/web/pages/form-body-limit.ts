/**
 * The body limit of a form whose longest field may hold `maxChars` characters, whatever the script:
 * a character is up to 4 bytes of UTF-8, each sent as a 3-byte %XX escape, plus room for the other
 * fields. The site-wide 64 KiB would refuse a comment of 6,000 emoji with a bare 413.
 */
export function formBodyLimit(maxChars: number): number {
  return maxChars * 4 * 3 + 8 * 1024;
}
