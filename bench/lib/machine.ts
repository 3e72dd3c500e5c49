import { cpus, release, totalmem, type } from 'node:os';

/** What a figure was measured on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  totalMemoryBytes: number;
  node: string;
  os: string;
}

export function describeMachine(): MachineInfo {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    totalMemoryBytes: totalmem(),
    node: process.version,
    os: `${type()} ${release()}`,
  };
}

/** `AMD EPYC 7B13, 2 cores, 7.8 GiB, Node v20.20.2, Linux 6.1.0` */
export function formatMachine(machine: MachineInfo): string {
  const gib = (machine.totalMemoryBytes / 2 ** 30).toFixed(1);
  return `${machine.cpuModel}, ${machine.cores} cores, ${gib} GiB, Node ${machine.node}, ${machine.os}`;
}
