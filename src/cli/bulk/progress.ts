// A one-line progress bar on stderr, redrawn at most a few times a second.
export interface ProgressOptions {
  /** Total bytes of the input (0 = unknown: no bar, counts only). */
  totalBytes: number;
  stream?: NodeJS.WritableStream;
  now?: () => number;
}

export class ProgressBar {
  private bytes = 0;
  private tuples = 0;
  private lastDraw = 0;
  private readonly started: number;
  private readonly stream: NodeJS.WritableStream;
  private readonly now: () => number;

  constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
  }

  addBytes(bytes: number): void {
    this.bytes += bytes;
  }

  /** Tuples committed so far; redraws when the last draw is old enough. */
  committed(tuples: number): void {
    this.tuples = tuples;
    const now = this.now();
    if (now - this.lastDraw >= 200) this.draw(now);
  }

  finish(): void {
    this.draw(this.now());
    this.stream.write('\n');
  }

  private draw(now: number): void {
    this.lastDraw = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = Math.round(this.tuples / seconds);
    const total = this.options.totalBytes;
    const bar = total > 0 ? `${renderBar(Math.min(this.bytes / total, 1))} ` : '';
    this.stream.write(`\r${bar}${this.tuples} tuples, ${rate}/s, ${seconds.toFixed(1)}s`);
  }
}

function renderBar(fraction: number): string {
  const width = 30;
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(fraction * 100)}%`;
}
