// Preloaded into the server by `bench/uncached.ts --profile DIR` (NODE_OPTIONS=--import, where
// Node 20 refuses --cpu-prof): profiles the whole process and writes DIR/relata-<pid>.cpuprofile
// on SIGTERM, before the server's own graceful shutdown runs.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const dir = process.env.RELATA_BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.prependOnceListener('SIGTERM', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(`${dir}/relata-${process.pid}.cpuprofile`, JSON.stringify(result.profile));
    });
  });
}
