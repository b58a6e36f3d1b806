// Runs a Relata server as a child process (as it is deployed), so that its CPU and memory are
// measured apart from the load generator's.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { RelataClient } from './relata-client.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ProcessUsage {
  cpuSeconds: number;
  rssMiB: number;
}

export interface ServerProcess {
  address: string;
  pid: number;
  usage(): ProcessUsage;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function usageOf(pid: number): ProcessUsage {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuSeconds: ticks / 100, rssMiB: rss ? Number(rss[1]) / 1024 : 0 };
}

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, RELATA_GRPC_ADDR: address, RELATA_METRICS_ADDR: '127.0.0.1:0', RELATA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const probe = new RelataClient(address);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await probe.ping();
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`Relata did not start on ${address}`, { cause: error });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  probe.close();
  return {
    address,
    pid: child.pid!,
    usage: () => usageOf(child.pid!),
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
