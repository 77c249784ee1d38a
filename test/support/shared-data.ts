import path from "node:path";
import { fileURLToPath } from "node:url";

/** The shared data folder that sits beside the repository (never copied into it). */
export const SHARED_DATA = path.resolve(fileURLToPath(new URL("../../", import.meta.url)), "../shared/data");

export function sharedDataPath(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}
