import { readFileSync } from "node:fs";
import os from "node:os";

/** The machine a run was measured on, as the report shows it. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
}

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return fallback;
  }
}

function osName(): string {
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readOr("/etc/os-release", ""))?.[1];
  return `${pretty ?? os.type()} (${os.type()} ${os.release()})`;
}

export function describeMachine(): MachineInfo {
  const cpuinfoModel = /^model name\s*:\s*(.+)$/m.exec(readOr("/proc/cpuinfo", ""))?.[1];
  return {
    cores: os.cpus().length,
    cpuModel: (cpuinfoModel ?? os.cpus()[0]?.model ?? "unknown").trim(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: osName(),
  };
}

/** 1, 5 and 15 minute load averages: others may share this machine, so every part records them. */
export function loadAverage(): string {
  const fields = readOr("/proc/loadavg", "").trim().split(/\s+/).slice(0, 3);
  return fields.length === 3
    ? fields.join(" ")
    : os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ");
}
