// The bench runs Relata as a child process with the tests' helper (one implementation).
export { freePort, processCpuSeconds, startServer, type LoopDelay, type ProcessUsage, type ServerProcess } from '../../test/helpers/server-process.js';
