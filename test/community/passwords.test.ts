import * as crypto from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword, passwordMatches } from "../../src/community/passwords.js";

vi.mock("node:crypto", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:crypto")>();
  const scrypt = (...args: Parameters<typeof original.scrypt>) => original.scrypt(...args);
  return { ...original, scrypt: vi.fn(scrypt) };
});

describe("passwordMatches", () => {
  beforeEach(() => {
    vi.mocked(crypto.scrypt).mockClear();
  });

  it("matches the stored hash of the password, and no other password", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await passwordMatches("correct horse battery", stored)).toBe(true);
    expect(await passwordMatches("correct horse battery!", stored)).toBe(false);
  });

  it("derives a key as a real check does when there is no hash, so refusals take as long", async () => {
    const stored = await hashPassword("correct horse battery");
    vi.mocked(crypto.scrypt).mockClear();
    expect(await passwordMatches("correct horse battery", stored)).toBe(true);
    const real = vi.mocked(crypto.scrypt).mock.calls.map((call) => call[3]);

    vi.mocked(crypto.scrypt).mockClear();
    for (const missing of [null, undefined]) {
      expect(await passwordMatches("correct horse battery", missing)).toBe(false);
    }
    const decoys = vi.mocked(crypto.scrypt).mock.calls.map((call) => call[3]);
    // Same work: one derivation each, with the same cost parameters.
    expect(decoys).toEqual([real[0], real[0]]);
  });
});
