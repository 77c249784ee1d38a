import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BinaryCopyColumn } from "../../src/store/postgres/binary-copy-column.js";

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

function int16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeInt16BE(value);
  return buffer;
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}

/** A one-column binary COPY output as PostgreSQL writes it, with an optional header extension. */
function copyOutput(values: (Buffer | null)[], extension = Buffer.alloc(0)): Buffer {
  return Buffer.concat([
    SIGNATURE,
    int32(0),
    int32(extension.length),
    extension,
    ...values.flatMap((value) => [
      int16(1),
      value === null ? int32(-1) : int32(value.length),
      value ?? Buffer.alloc(0),
    ]),
    int16(-1),
  ]);
}

async function decode(chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of Readable.from(chunks).pipe(new BinaryCopyColumn())) out.push(piece as Buffer);
  return Buffer.concat(out);
}

/** Cuts `bytes` at the given offsets. */
function cut(bytes: Buffer, offsets: number[]): Buffer[] {
  const bounds = [0, ...offsets, bytes.length];
  return bounds.slice(1).map((end, i) => bytes.subarray(bounds[i], end));
}

// Bytes that text-mode reads escape or that UTF-8 decoding mangles, at the values' edges.
const VALUES = [
  Buffer.from([0x00, 0xff, 0x5c, 0x0a, 0x80]),
  Buffer.alloc(0),
  Buffer.from([0x5c, 0x5c, 0xff, 0x00]),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
];

describe("the values of a one-column binary COPY", () => {
  it("comes out byte-exact, concatenated, however the input is cut", async () => {
    const input = copyOutput(VALUES);
    const expected = Buffer.concat(VALUES);
    expect(await decode([input])).toEqual(expected);
    expect(
      await decode(
        cut(
          input,
          Array.from({ length: input.length - 1 }, (_, i) => i + 1),
        ),
      ),
    ).toEqual(expected);
    for (let at = 1; at < input.length; at++) expect(await decode(cut(input, [at]))).toEqual(expected);
  });

  it("skips a header extension", async () => {
    const input = copyOutput([Buffer.from("graph")], Buffer.from("future header fields"));
    expect((await decode(cut(input, [5, 21, 30]))).toString()).toBe("graph");
  });

  it("gives nothing for no rows", async () => {
    expect(await decode([copyOutput([])])).toEqual(Buffer.alloc(0));
  });

  it("fails on input that is not one whole column of non-NULL values", async () => {
    const whole = copyOutput(VALUES);
    await expect(decode([whole.subarray(0, whole.length - 2)])).rejects.toThrow(/ended before its trailer/);
    await expect(decode([whole.subarray(0, 40)])).rejects.toThrow(/ended before its trailer/);
    await expect(decode([copyOutput([Buffer.from("a"), null])])).rejects.toThrow(/NULL/);
    const twoColumns = Buffer.concat([SIGNATURE, int32(0), int32(0), int16(2), int32(1), Buffer.from("a")]);
    await expect(decode([twoColumns])).rejects.toThrow(/2 columns/);
    await expect(decode([Buffer.from("id\tbytes\n1\t\\\\x00ff\n\\.\n")])).rejects.toThrow(/not binary COPY/);
    await expect(decode([whole, Buffer.from([0])])).rejects.toThrow(/after the COPY data's trailer/);
  });
});
