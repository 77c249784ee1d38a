import type { AuditEntryView } from "../../store/comments-store.js";

export interface AuditRowModel {
  at: string;
  actor: string;
  action: string;
  target: string;
  reason: string;
}

export function presentAuditRows(entries: AuditEntryView[]): AuditRowModel[] {
  return entries.map((entry) => ({
    at: entry.at.replace("T", " ").slice(0, 16),
    actor: entry.actorEmail ?? "deleted user",
    action: entry.action,
    target: `${entry.targetType} ${entry.targetId}`,
    reason: entry.reason,
  }));
}
