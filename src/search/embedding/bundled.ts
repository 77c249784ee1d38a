import path from "node:path";
import type { Config } from "../../config.js";
import { packageRoot } from "../../package-info.js";
import { readStaticModel } from "./model-files.js";
import { StaticEmbedder } from "./static-embedder.js";

/** The document model shipped with PaperPulse, relative to the package root. */
export const BUNDLED_MODEL_DIR = path.join("models", "paperpulse-arxiv-static");
/** The title model shipped with PaperPulse (hybrid ranking's title similarity), relative to the package root. */
export const BUNDLED_TITLE_MODEL_DIR = path.join("models", "paperpulse-arxiv-titles");

export function loadStaticEmbedder(modelDir: string): StaticEmbedder {
  return new StaticEmbedder(readStaticModel(modelDir));
}

export function loadBundledEmbedder(): StaticEmbedder {
  return loadStaticEmbedder(path.join(packageRoot(), BUNDLED_MODEL_DIR));
}

export function loadBundledTitleEmbedder(): StaticEmbedder {
  return loadStaticEmbedder(path.join(packageRoot(), BUNDLED_TITLE_MODEL_DIR));
}

/** The model PAPERPULSE_MODEL_PATH names, else the bundled one. */
export function loadConfiguredEmbedder(config: Pick<Config, "modelPath">): StaticEmbedder {
  return config.modelPath === "" ? loadBundledEmbedder() : loadStaticEmbedder(path.resolve(config.modelPath));
}

/** The title model PAPERPULSE_TITLE_MODEL_PATH names, else the bundled one. */
export function loadConfiguredTitleEmbedder(config: Pick<Config, "titleModelPath">): StaticEmbedder {
  return config.titleModelPath === ""
    ? loadBundledTitleEmbedder()
    : loadStaticEmbedder(path.resolve(config.titleModelPath));
}
