// Suspicious denials (seed 001's spike detection): a subject whose denials in one window exceed
// both an absolute count and a multiple of its own baseline (the average of its earlier windows).
// Live, in bounded memory, for the Prometheus counter; and offline over stored records, for reports.

export interface SpikeRule {
  minDenials: number;
  multiple: number;
  windowMs: number;
}

export function isSpike(count: number, baseline: number, rule: SpikeRule): boolean {
  return count > rule.minDenials && count > rule.multiple * Math.max(baseline, 1);
}

/** Live detector: counts per subject in the current window; baselines are moving averages. */
export class DenialSpikeDetector {
  private windowStart: number;
  private readonly counts = new Map<string, number>();
  private readonly flagged = new Set<string>();
  private readonly baselines = new Map<string, number>();

  constructor(
    private readonly rule: SpikeRule,
    private readonly maxSubjects = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    this.windowStart = now();
  }

  /** Counts one denial; true exactly once per subject and window, when it crosses into a spike. */
  denied(subject: string): boolean {
    this.roll();
    const current = this.counts.get(subject);
    // Bounded memory: past the cap, new subjects are not tracked until the next window.
    if (current === undefined && this.counts.size >= this.maxSubjects) return false;
    const count = (current ?? 0) + 1;
    this.counts.set(subject, count);
    if (this.flagged.has(subject) || !isSpike(count, this.baselines.get(subject) ?? 0, this.rule)) return false;
    this.flagged.add(subject);
    return true;
  }

  private roll(): void {
    const now = this.now();
    if (now - this.windowStart < this.rule.windowMs) return;
    const windows = Math.floor((now - this.windowStart) / this.rule.windowMs);
    this.windowStart += windows * this.rule.windowMs;
    const alpha = 0.2;
    for (const [subject, baseline] of this.baselines) {
      const next = baseline * (1 - alpha) ** windows + alpha * (this.counts.get(subject) ?? 0) * (1 - alpha) ** (windows - 1);
      if (next < 0.01) this.baselines.delete(subject);
      else this.baselines.set(subject, next);
    }
    for (const [subject, count] of this.counts) {
      if (!this.baselines.has(subject) && this.baselines.size < this.maxSubjects) this.baselines.set(subject, alpha * count * (1 - alpha) ** (windows - 1));
    }
    this.counts.clear();
    this.flagged.clear();
  }
}

export interface SpikeFinding {
  subject: string;
  windowStart: Date;
  denials: number;
  baseline: number;
}

/** Offline: windows from `from`; a subject's baseline is the mean of its earlier windows in the range. */
export function findSpikes(denials: Iterable<{ subject: string; at: Date }>, from: Date, rule: SpikeRule): SpikeFinding[] {
  const buckets = new Map<string, Map<number, number>>();
  for (const d of denials) {
    const index = Math.floor((d.at.getTime() - from.getTime()) / rule.windowMs);
    let bySubject = buckets.get(d.subject);
    if (!bySubject) buckets.set(d.subject, (bySubject = new Map()));
    bySubject.set(index, (bySubject.get(index) ?? 0) + 1);
  }
  const findings: SpikeFinding[] = [];
  for (const [subject, windows] of buckets) {
    const indexes = [...windows.keys()].sort((a, b) => a - b);
    let total = 0;
    for (const index of indexes) {
      const count = windows.get(index)!;
      // Empty earlier windows count as zero: the baseline is over every window since `from`.
      const baseline = index > 0 ? total / index : 0;
      if (isSpike(count, baseline, rule)) findings.push({ subject, windowStart: new Date(from.getTime() + index * rule.windowMs), denials: count, baseline });
      total += count;
    }
  }
  return findings.sort((a, b) => b.denials - a.denials);
}
