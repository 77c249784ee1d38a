import { LineRejected } from "./record-fields.js";

/**
 * Reads a Python list-of-strings literal, which some scrapers wrote instead of a JSON array:
 * "['Ana Lopez', \"D'Angelo Rossi\", 'J\\u00f6rg']". Only string items are accepted; anything else
 * (a bare name, numbers, nested lists) rejects the line rather than storing the raw text as a name.
 */
const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "\n": "",
};

class PythonListReader {
  private position = 0;

  constructor(private readonly text: string) {}

  read(): string[] {
    this.skipSpaces();
    this.expect("[");
    const items: string[] = [];
    this.skipSpaces();
    while (this.peek() !== "]") {
      items.push(this.readString());
      this.skipSpaces();
      if (this.peek() === ",") {
        this.position++;
        this.skipSpaces();
      } else if (this.peek() !== "]") {
        this.fail("expected , or ]");
      }
    }
    this.position++;
    this.skipSpaces();
    if (this.position !== this.text.length) this.fail("unexpected text after ]");
    return items;
  }

  private readString(): string {
    const quote = this.peek();
    if (quote !== "'" && quote !== '"') this.fail("expected a quoted string");
    this.position++;
    let value = "";
    for (;;) {
      const char = this.text[this.position++];
      if (char === undefined) this.fail("unterminated string");
      if (char === quote) return value;
      if (char !== "\\") {
        value += char;
        continue;
      }
      value += this.readEscape();
    }
  }

  private readEscape(): string {
    const char = this.text[this.position++] ?? "";
    const simple = ESCAPES[char];
    if (simple !== undefined) return simple;
    const hexDigits = { x: 2, u: 4, U: 8 }[char];
    if (hexDigits === undefined) return `\\${char}`; // Python keeps unknown escapes as written.
    const hex = this.text.slice(this.position, this.position + hexDigits);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexDigits) this.fail(`bad \\${char} escape`);
    this.position += hexDigits;
    const codePoint = Number.parseInt(hex, 16);
    if (codePoint > 0x10ffff) this.fail(`bad \\${char} escape`);
    return String.fromCodePoint(codePoint);
  }

  private peek(): string | undefined {
    return this.text[this.position];
  }

  private expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected ${char}`);
    this.position++;
  }

  private skipSpaces(): void {
    while (/\s/.test(this.text[this.position] ?? "")) this.position++;
  }

  private fail(problem: string): never {
    throw new LineRejected(`not a list of names (${problem} at character ${this.position + 1})`);
  }
}

export function parsePythonStringList(text: string): string[] {
  return new PythonListReader(text).read();
}
