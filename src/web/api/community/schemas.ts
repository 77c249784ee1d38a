import { Type } from "@fastify/type-provider-typebox";
import { ErrorJson } from "../schemas.js";

/** The community API's contract (votes, for now). */
const errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 429: ErrorJson };

export const VoteJson = Type.Object({
  paperId: Type.String(),
  voted: Type.Boolean({ description: "Whether the caller's upvote is there after the call" }),
  changed: Type.Boolean({ description: "False when the call found it already so (idempotent retries)" }),
  upvotes: Type.Integer({ description: "The paper's count: the sources' baseline plus community votes" }),
});

const voteParams = Type.Object({ "*": Type.String({ description: "<arXiv id>/vote" }) });

export const voteCreateSchema = {
  summary: "Upvote a paper (once per user; repeating it changes nothing)",
  description:
    "Signed-in browsers send the x-csrf-token header; scripts send Authorization: Bearer <API token>.",
  params: voteParams,
  response: { 200: VoteJson, ...errors },
};

export const voteDeleteSchema = {
  summary: "Remove your upvote from a paper",
  params: voteParams,
  response: { 200: VoteJson, ...errors },
};
