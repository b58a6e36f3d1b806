// The audit trail in memory: the same chains as SQL. Appends are synchronous, so a record and the
// change it describes happen in the same turn of the event loop (the memory "transaction").
import type { AppliedTupleChanges, AuditBatch, AuditChainHead, AuditDraft, AuditFilter, AuditHead, AuditRecord } from '../audit-repository.js';
import type { Page, PageRequest } from '../datastore.js';
import { decodeAuditToken, encodeAuditToken } from '../continuation-token.js';
import { pageSize, toPage } from '../paging.js';
import { compareText } from '../tuple-columns.js';

function copy(record: AuditRecord): AuditRecord {
  return { ...record, at: new Date(record.at), subjects: [...record.subjects], objects: [...record.objects] };
}

function matches(filter: AuditFilter, r: AuditRecord): boolean {
  return (
    (filter.storeId === undefined || r.storeId === filter.storeId) &&
    (filter.kind === undefined || r.kind === filter.kind) &&
    (filter.actor === undefined || r.actor === filter.actor) &&
    (filter.operation === undefined || r.operation === filter.operation) &&
    (filter.result === undefined || (r.kind === 'decision' && r.result === filter.result)) &&
    (filter.object === undefined || r.objects.includes(filter.object)) &&
    (filter.subject === undefined || r.subjects.includes(filter.subject)) &&
    (filter.from === undefined || r.at.getTime() >= filter.from.getTime()) &&
    (filter.to === undefined || r.at.getTime() < filter.to.getTime())
  );
}

export class MemoryAudit {
  private readonly records: AuditRecord[] = [];
  private readonly heads = new Map<string, AuditChainHead>();
  private nextId = 1n;

  /** Seals and appends synchronously; nothing is appended when a draft throws. */
  append(drafts: readonly AuditDraft[], applied?: AppliedTupleChanges): void {
    const heads = new Map<string, AuditChainHead>();
    const sealed = drafts.map((draft) => {
      const head = heads.get(draft.chain) ?? this.heads.get(draft.chain) ?? { chain: draft.chain, headSeq: 0n, headHash: '', baseSeq: 0n, baseHash: '' };
      const record = draft.seal({ seq: head.headSeq + 1n, prevHash: head.headHash }, applied);
      heads.set(draft.chain, { ...head, headSeq: record.seq, headHash: record.hash });
      return record;
    });
    for (const record of sealed) this.records.push({ ...record, id: this.nextId++ });
    for (const [chain, head] of heads) this.heads.set(chain, head);
  }

  /** Seals asynchronously; if another append moved one of the chains meanwhile, seals again from the new heads. */
  async appendBatch(batch: AuditBatch): Promise<void> {
    for (;;) {
      const heads = new Map<string, AuditHead>(batch.chains.map((chain) => {
        const head = this.heads.get(chain);
        return [chain, { seq: head?.headSeq ?? 0n, hash: head?.headHash ?? '' }];
      }));
      const sealed = await batch.seal(heads);
      if ([...heads].some(([chain, head]) => (this.heads.get(chain)?.headSeq ?? 0n) !== head.seq)) continue;
      for (const record of sealed) {
        this.records.push({ ...record, id: this.nextId++ });
        const head = this.heads.get(record.chain) ?? { chain: record.chain, headSeq: 0n, headHash: '', baseSeq: 0n, baseHash: '' };
        this.heads.set(record.chain, { ...head, headSeq: record.seq, headHash: record.hash });
      }
      return;
    }
  }

  query(filter: AuditFilter, page: PageRequest): Page<AuditRecord> {
    const before = page.continuationToken ? decodeAuditToken(page.continuationToken) : undefined;
    const rows: AuditRecord[] = [];
    for (let i = this.records.length - 1; i >= 0 && rows.length <= pageSize(page); i--) {
      const r = this.records[i];
      if ((before === undefined || r.id < before) && matches(filter, r)) rows.push(copy(r));
    }
    return toPage(rows, page, encodeAuditToken);
  }

  chains(): AuditChainHead[] {
    return [...this.heads.values()].map((h) => ({ ...h })).sort((a, b) => compareText(a.chain, b.chain));
  }

  readChain(chain: string, afterSeq: bigint, limit: number): AuditRecord[] {
    return this.records
      .filter((r) => r.chain === chain && r.seq > afterSeq)
      .sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0))
      .slice(0, Math.max(1, Math.floor(limit)))
      .map(copy);
  }

  prune(chain: string, before: Date): number {
    const head = this.heads.get(chain);
    if (!head) return 0;
    let last: AuditRecord | undefined;
    for (const r of this.records) {
      if (r.chain === chain && r.at.getTime() < before.getTime() && r.seq < head.headSeq && (!last || r.seq > last.seq)) last = r;
    }
    if (!last) return 0;
    const cut = last;
    const kept = this.records.filter((r) => r.chain !== chain || r.seq > cut.seq);
    const removed = this.records.length - kept.length;
    this.records.splice(0, this.records.length, ...kept);
    this.heads.set(chain, { ...head, baseSeq: cut.seq, baseHash: cut.hash });
    return removed;
  }
}
