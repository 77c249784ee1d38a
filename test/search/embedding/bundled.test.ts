import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import {
  loadConfiguredEmbedder,
  loadConfiguredTitleEmbedder,
} from "../../../src/search/embedding/bundled.js";
import { ModelFileError } from "../../../src/search/embedding/model-files.js";
import { TINY, writeTinyModel } from "./tiny-model.js";

describe("loadConfiguredEmbedder", () => {
  const dir = writeTinyModel(TINY, "tiny@222222222222");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("loads the bundled model when PAPERPULSE_MODEL_PATH is not set", () => {
    expect(loadConfiguredEmbedder(loadConfig({})).modelId).toMatch(/^paperpulse-arxiv-static@/);
  });

  it("loads the model directory PAPERPULSE_MODEL_PATH names", () => {
    const embedder = loadConfiguredEmbedder(loadConfig({ PAPERPULSE_MODEL_PATH: dir }));
    expect(embedder.modelId).toBe("tiny@222222222222");
    expect(embedder.dimensions).toBe(3);
  });

  it("fails with a ModelFileError naming the path when that directory holds no model", () => {
    const missing = `${dir}/nothing-here`;
    expect(() => loadConfiguredEmbedder(loadConfig({ PAPERPULSE_MODEL_PATH: missing }))).toThrow(
      ModelFileError,
    );
    expect(() => loadConfiguredEmbedder(loadConfig({ PAPERPULSE_MODEL_PATH: missing }))).toThrow(
      /nothing-here/,
    );
  });
});

describe("loadConfiguredTitleEmbedder", () => {
  const dir = writeTinyModel(TINY, "tiny-titles@333333333333");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("loads the bundled title model when PAPERPULSE_TITLE_MODEL_PATH is not set, whatever the document model", () => {
    expect(loadConfiguredTitleEmbedder(loadConfig({})).modelId).toMatch(/^paperpulse-arxiv-titles@/);
    expect(loadConfiguredTitleEmbedder(loadConfig({ PAPERPULSE_MODEL_PATH: dir })).modelId).toMatch(
      /^paperpulse-arxiv-titles@/,
    );
  });

  it("loads the model directory PAPERPULSE_TITLE_MODEL_PATH names, or fails naming it", () => {
    expect(loadConfiguredTitleEmbedder(loadConfig({ PAPERPULSE_TITLE_MODEL_PATH: dir })).modelId).toBe(
      "tiny-titles@333333333333",
    );
    const missing = `${dir}/no-title-model`;
    expect(() => loadConfiguredTitleEmbedder(loadConfig({ PAPERPULSE_TITLE_MODEL_PATH: missing }))).toThrow(
      /no-title-model/,
    );
  });
});
