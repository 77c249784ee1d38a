/**
 * The tables a whole instance consists of, beside the papers themselves (copied through the paper
 * row types, since the PostgreSQL row has derived columns): their columns, with the kind that says
 * how a value crosses from SQLite to PostgreSQL and how it is compared afterwards. Listed in an order
 * that satisfies the foreign keys.
 */
export type ColumnKind = "text" | "int" | "real" | "json" | "bool" | "bytes";

export interface TableSpec {
  name: string;
  columns: Record<string, ColumnKind>;
  /** The primary key: rows are compared by it, and paged by it unless `copyOrder` says otherwise. */
  key: string[];
  /** SQLite's row order when it matters to the copy (parents before replies, the audit log in order). */
  copyOrder?: "rowid";
  /**
   * A row the target's migrations already wrote that the source's must replace (the digest signing
   * key: links in mails already sent must keep working). Other tables keep a row the target has.
   */
  replaceExisting?: true;
}

const PAPER_VECTORS: TableSpec = {
  name: "paper_vectors",
  columns: { seq: "int", paper_key: "int", model_id: "text", scale: "real", components: "bytes" },
  key: ["seq"],
};

export const LISTINGS: TableSpec = {
  name: "listings",
  columns: { paper_id: "text", day: "text" },
  key: ["paper_id", "day"],
};

/** After the papers (listings go before them: a paper's day follows its earliest listing). */
export const TABLES_AFTER_PAPERS: readonly TableSpec[] = [
  PAPER_VECTORS,
  {
    name: "import_checkpoints",
    columns: { key: "text", line: "int", rejected: "int", saved_at: "text" },
    key: ["key"],
  },
  { name: "source_state", columns: { key: "text", value: "text", saved_at: "text" }, key: ["key"] },
  {
    name: "scheduled_runs",
    columns: { job: "text", occurrence: "text", claimed_at: "text" },
    key: ["job", "occurrence"],
  },
  {
    name: "ingest_runs",
    columns: {
      id: "text",
      source: "text",
      started_at: "text",
      finished_at: "text",
      status: "text",
      summary: "json",
      error: "text",
    },
    key: ["id"],
    copyOrder: "rowid",
  },
  {
    name: "users",
    columns: {
      id: "text",
      email: "text",
      role: "text",
      password_hash: "text",
      suspended_at: "text",
      created_at: "text",
      public_name: "text",
      public_name_key: "text",
    },
    key: ["id"],
  },
  {
    name: "login_tokens",
    columns: { token_hash: "text", email: "text", expires_at: "text" },
    key: ["token_hash"],
  },
  {
    name: "sessions",
    columns: { token_hash: "text", user_id: "text", created_at: "text", expires_at: "text" },
    key: ["token_hash"],
  },
  {
    name: "api_tokens",
    columns: {
      id: "text",
      user_id: "text",
      name: "text",
      token_hash: "text",
      created_at: "text",
      last_used_at: "text",
    },
    key: ["id"],
  },
  {
    name: "votes",
    columns: { user_id: "text", paper_id: "text", voted_at: "text" },
    key: ["user_id", "paper_id"],
  },
  {
    name: "submissions",
    columns: { id: "text", user_id: "text", paper_id: "text", day: "text", submitted_at: "text" },
    key: ["id"],
  },
  {
    name: "comments",
    columns: {
      id: "text",
      paper_id: "text",
      user_id: "text",
      parent_id: "text",
      body: "text",
      created_at: "text",
      edited_at: "text",
      deleted_at: "text",
      hidden_at: "text",
    },
    key: ["id"],
    copyOrder: "rowid",
  },
  {
    name: "audit_log",
    columns: {
      id: "text",
      actor_id: "text",
      action: "text",
      target_type: "text",
      target_id: "text",
      reason: "text",
      at: "text",
    },
    key: ["id"],
    copyOrder: "rowid",
  },
  {
    name: "collections",
    columns: { id: "text", user_id: "text", name: "text", public: "bool", created_at: "text" },
    key: ["id"],
  },
  {
    name: "collection_papers",
    columns: { collection_id: "text", paper_id: "text", added_at: "text", read_at: "text", note: "text" },
    key: ["collection_id", "paper_id"],
  },
  {
    name: "hidden_papers",
    columns: { paper_key: "int", hidden_at: "text", merged_into: "text" },
    key: ["paper_key"],
  },
  { name: "digest_signing_key", columns: { id: "int", key: "text" }, key: ["id"], replaceExisting: true },
  {
    name: "digest_subscribers",
    columns: {
      id: "text",
      email: "text",
      user_id: "text",
      status: "text",
      frequency: "text",
      weekday: "int",
      hour: "int",
      time_zone: "text",
      kind: "text",
      size: "int",
      topics: "text",
      bounces: "int",
      created_at: "text",
      confirmed_at: "text",
      unsubscribed_at: "text",
    },
    key: ["id"],
  },
  {
    name: "digest_feedback",
    columns: { subscriber_id: "text", paper_id: "text", signal: "int", at: "text" },
    key: ["subscriber_id", "paper_id"],
  },
  // Digest jobs are not copied: the next digest run re-enqueues every prepared delivery (ADR 0009).
  {
    name: "digest_deliveries",
    columns: {
      subscriber_id: "text",
      period_key: "text",
      run_id: "text",
      state: "text",
      digest: "text",
      papers: "int",
      attempts: "int",
      error: "text",
      prepared_at: "text",
      sent_at: "text",
      covered_through: "text",
    },
    key: ["subscriber_id", "period_key"],
  },
  {
    name: "digest_runs",
    columns: {
      id: "text",
      started_at: "text",
      finished_at: "text",
      dry_run: "bool",
      due: "int",
      prepared: "int",
      skipped: "int",
      sent: "int",
      failed: "int",
    },
    key: ["id"],
  },
  // Without it, a period whose deliveries were forgotten could be planned again on the target.
  { name: "digest_retention", columns: { id: "int", pruned_through: "text" }, key: ["id"] },
];
