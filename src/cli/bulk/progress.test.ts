import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress.js';

describe('ProgressBar', () => {
  it('redraws one line at most every 200 ms with the share of bytes read and the rate', () => {
    const stream = new PassThrough();
    let now = 0;
    const bar = new ProgressBar({ totalBytes: 1000, stream, now: () => now });
    bar.addBytes(500);
    now = 1000;
    bar.committed(5000);
    now = 1100;
    bar.committed(6000); // too soon: not drawn
    bar.addBytes(500);
    now = 2000;
    bar.finish();
    const text = String(stream.read());
    expect(text).toBe('\r[###############...............] 50% 5000 tuples, 5000/s, 1.0s\r[##############################] 100% 6000 tuples, 3000/s, 2.0s\n');
  });

  it('shows counts only when the size is unknown', () => {
    const stream = new PassThrough();
    let now = 0;
    const bar = new ProgressBar({ totalBytes: 0, stream, now: () => now });
    now = 500;
    bar.finish();
    expect(String(stream.read())).toMatch(/^\r0 tuples, 0\/s, 0\.5s\n$/);
  });
});
