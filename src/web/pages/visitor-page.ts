import type { FastifyReply, FastifyRequest } from "fastify";
import { type RenderedPage, renderedPage } from "../page-cache.js";
import type { Visitor } from "../views/visitor-context.js";
import type { PageDeps } from "./deps.js";

/** Gives a render the visitor for the papers it shows; null for anonymous visitors. */
export type VisitorFor = (paperIds: string[]) => Promise<Visitor | null>;

const ANONYMOUS: VisitorFor = async () => null;

/**
 * A public page for whoever asks. Anonymous visitors share the micro-cache; a signed-in visitor's page
 * shows their own state (header, vote buttons), so it is rendered for them alone and marked private.
 */
export async function pageForVisitor(
  request: FastifyRequest,
  reply: FastifyReply,
  { cache, visitors }: PageDeps,
  key: string,
  render: (visitorFor: VisitorFor) => Promise<string>,
): Promise<RenderedPage> {
  const viewer = request.viewer;
  if (!viewer || !visitors) return cache.getOrRender(key, () => render(ANONYMOUS));
  reply.header("cache-control", "private, no-store");
  const html = await render((paperIds) => visitors.visitorFor(viewer, paperIds));
  return renderedPage(html, false);
}
