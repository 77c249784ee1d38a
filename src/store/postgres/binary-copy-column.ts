import { Transform, type TransformCallback } from "node:stream";

/** What every `COPY … (FORMAT binary)` output starts with. */
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** The signature, the flags field and the header extension's length. */
const HEADER_BYTES = SIGNATURE.length + 8;

type Expecting = "header" | "extension" | "field count" | "field length" | "value" | "nothing";

/**
 * The values of a one-column `COPY … TO STDOUT (FORMAT binary)`, row after row, as raw bytes: a bytea
 * column arrives as it is stored, where a text-mode read doubles it into hex on both sides. Values
 * are passed on as views of the incoming chunks, so nothing is held beyond the chunk being read.
 */
export class BinaryCopyColumn extends Transform {
  private expecting: Expecting = "header";
  /** The part of a header or length field that arrived at the end of the previous chunk. */
  private pending: Buffer = Buffer.alloc(0);
  /** Bytes still to come of the value (or of the header extension) being read. */
  private remaining = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.decode(chunk);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    done(this.expecting === "nothing" ? null : new Error("the COPY data ended before its trailer"));
  }

  private decode(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.expecting === "value" || this.expecting === "extension") {
        const take = Math.min(this.remaining, chunk.length - at);
        if (this.expecting === "value") this.push(chunk.subarray(at, at + take));
        at += take;
        this.remaining -= take;
        if (this.remaining === 0) this.expecting = "field count";
        continue;
      }
      if (this.expecting === "nothing") throw new Error("bytes after the COPY data's trailer");
      const size = this.expecting === "header" ? HEADER_BYTES : this.expecting === "field count" ? 2 : 4;
      const take = Math.min(size - this.pending.length, chunk.length - at);
      this.pending = Buffer.concat([this.pending, chunk.subarray(at, at + take)]);
      at += take;
      if (this.pending.length < size) return;
      const field = this.pending;
      this.pending = Buffer.alloc(0);
      this.takeField(field);
    }
  }

  /** Acts on a whole fixed-size field: the header, a row's field count or a value's length. */
  private takeField(field: Buffer): void {
    switch (this.expecting) {
      case "header":
        if (!field.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error("not binary COPY data");
        this.remaining = field.readUInt32BE(SIGNATURE.length + 4);
        this.expecting = this.remaining > 0 ? "extension" : "field count";
        return;
      case "field count": {
        const count = field.readInt16BE(0);
        if (count === -1) this.expecting = "nothing";
        else if (count === 1) this.expecting = "field length";
        else throw new Error(`a COPY row of ${count} columns where one was expected`);
        return;
      }
      case "field length": {
        const length = field.readInt32BE(0);
        if (length < 0) throw new Error("a NULL value in the COPY data");
        this.remaining = length;
        this.expecting = length > 0 ? "value" : "field count";
        return;
      }
      default:
        throw new Error(`unexpected COPY field while expecting ${this.expecting}`);
    }
  }
}
