import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package root: the nearest folder above this module with a package.json. The same code then runs
 * from src/ (tsx) and from dist/src/ (after tsc).
 */
export function packageRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(folder, "package.json"))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error("package.json not found above the PaperPulse modules");
    folder = parent;
  }
  return folder;
}

/** The package's version, as package.json states it. */
export function packageVersion(): string {
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8"));
  const version = (manifest as { version?: unknown }).version;
  return typeof version === "string" ? version : "0.0.0";
}
