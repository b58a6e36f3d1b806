// The highest revision of each store this process has seen the datastore report, so that a
// consistency token can be checked against it without a datastore read per request: only a token
// ahead of what this process knows costs one read of the store's current revision.
const maxStores = 10_000;

export class RevisionBound {
  private readonly seen = new Map<string, bigint>();

  constructor(private readonly currentRevision: (storeId: string) => Promise<bigint>) {}

  /** Records a revision the datastore reported for the store (e.g. the one a Write committed). */
  observe(storeId: string, revision: bigint): void {
    const known = this.seen.get(storeId);
    if (known !== undefined && known >= revision) return;
    this.seen.delete(storeId);
    // Forgetting a store only costs one datastore read when it next presents a token.
    if (this.seen.size >= maxStores) this.seen.delete(this.seen.keys().next().value as string);
    this.seen.set(storeId, revision);
  }

  /** Whether `revision` is at or below the store's latest committed revision. */
  async covers(storeId: string, revision: bigint): Promise<boolean> {
    const known = this.seen.get(storeId);
    if (known !== undefined && revision <= known) return true;
    const current = await this.currentRevision(storeId);
    this.observe(storeId, current);
    return revision <= current;
  }
}
