// `npx tsx bench/tsx-names.ts`: what esbuild's keepNames (tsx, which runs the server) costs a
// closure created per call: a named one (`const f = () => …`) is wrapped in `__name(f, "f")`, an
// Object.defineProperty at run time; an anonymous one (an argument, a returned arrow) is not.
import { loadavg } from 'node:os';

const sink: unknown[] = [];
function named(i: number) {
  const f = (x: number) => x + i;
  return f;
}
function anonymous(i: number) {
  return (x: number) => x + i;
}
const n = 2_000_000;
for (let round = 0; round < 4; round++) {
  const parts: string[] = [];
  for (const [label, make] of [
    ['named', named],
    ['anonymous', anonymous],
  ] as const) {
    const start = process.cpuUsage();
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const f = make(i);
      acc += f(1);
      if ((i & 1023) === 0) sink.push(f);
    }
    const used = process.cpuUsage(start);
    parts.push(`${label} ${(((used.user + used.system) * 1000) / n).toFixed(1)} ns (${acc % 2})`);
  }
  sink.length = 0;
  console.log(`round ${round}: CPU per closure created and called: ${parts.join(', ')}; load ${loadavg()[0]!.toFixed(2)}`);
}
