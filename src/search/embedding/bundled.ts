import path from "node:path";
import type { Config } from "../../config.js";
import { packageRoot } from "../../package-info.js";
import { readStaticModel } from "./model-files.js";
import { StaticEmbedder } from "./static-embedder.js";

/** The model shipped with PaperPulse, relative to the package root. */
export const BUNDLED_MODEL_DIR = path.join("models", "paperpulse-arxiv-static");

export function loadStaticEmbedder(modelDir: string): StaticEmbedder {
  return new StaticEmbedder(readStaticModel(modelDir));
}

export function loadBundledEmbedder(): StaticEmbedder {
  return loadStaticEmbedder(path.join(packageRoot(), BUNDLED_MODEL_DIR));
}

/** The model PAPERPULSE_MODEL_PATH names, else the bundled one. */
export function loadConfiguredEmbedder(config: Pick<Config, "modelPath">): StaticEmbedder {
  return config.modelPath === "" ? loadBundledEmbedder() : loadStaticEmbedder(path.resolve(config.modelPath));
}
