// The side-index worker's entry when running from TypeScript source (tsx, vitest). On Node 20, tsx registers
// its loader in the main thread only, so the worker registers it before loading the .ts module.
import { register } from "tsx/esm/api";

register();
await import("./search-index-worker.ts");
