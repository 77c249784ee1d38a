import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * Serves public/ under /static/. Asset URLs carry a content hash (?v=…), so browsers may cache them
 * for a year and still see a new stylesheet the moment it changes.
 */
export const STATIC_PREFIX = "/static/";

/** public/ sits at the repository root, two levels above src/web and three above dist/src/web. */
function findPublicDir(): string {
  for (const relative of ["../../public/", "../../../public/"]) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(`${dir}style.css`)) return dir;
  }
  throw new Error("public/style.css not found next to the application");
}

export const PUBLIC_DIR = findPublicDir();

function versionedHref(file: string): string {
  const hash = createHash("sha256")
    .update(readFileSync(`${PUBLIC_DIR}${file}`))
    .digest("hex")
    .slice(0, 12);
  return `${STATIC_PREFIX}${file}?v=${hash}`;
}

export const ASSETS = {
  style: versionedHref("style.css"),
  icon: versionedHref("favicon.svg"),
  voteScript: versionedHref("vote.js"),
  siteScript: versionedHref("site.js"),
};

/** KaTeX's stylesheet and fonts, served from the installed package (no CDN): math in comments. */
const KATEX_DIR = path.dirname(createRequire(import.meta.url).resolve("katex"));
const KATEX_PREFIX = "/static/katex/";
const katexVersion = (
  JSON.parse(readFileSync(path.join(KATEX_DIR, "..", "package.json"), "utf8")) as { version: string }
).version;
export const KATEX_STYLESHEET = `${KATEX_PREFIX}katex.min.css?v=${katexVersion}`;

export async function staticAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: KATEX_DIR,
    prefix: KATEX_PREFIX,
    decorateReply: false,
    index: false,
    list: false,
    maxAge: "365d",
    immutable: true,
    allowedPath: (pathName) => pathName === "/katex.min.css" || pathName.startsWith("/fonts/"),
  });
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: STATIC_PREFIX,
    index: false,
    list: false,
    maxAge: "365d",
    immutable: true,
  });
}
