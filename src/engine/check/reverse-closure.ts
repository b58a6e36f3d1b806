// Nested membership answered from the user's side. For a relation like
// `group#member: [user, group#member]`, walking down from the asked group visits its whole
// subtree; walking up from the user (`readByUsers`) visits only the groups the user is in, which
// is usually far fewer. The closure is built one level per read (batched with the request's other walks) and shared by every question
// about the same user in a request, so checking 50 groups costs the same reads as checking one.

import { ErrorCode, RelataError } from '../../model/index.js';
import type { ModelIndex } from '../model-index.js';
import type { RequestReader } from '../read/request-reader.js';
import type { MaybeOutcome, Outcome } from './set-operators.js';
import { ALLOWED, DENIED, failed } from './set-operators.js';
import type { RelationTuple } from '../../model/index.js';

export type ConditionCheck = (tuple: RelationTuple) => MaybeOutcome;

export class ReverseClosure {
  /** Objects that contain the user through a chain of met (or unconditional) tuples. */
  private readonly reached = new Set<string>();
  /**
   * Objects reachable only through a tuple whose condition could not be evaluated: "undecided",
   * an error for them alone (a failing tuple elsewhere in the user's groups is none of their business).
   */
  private readonly undecided = new Set<string>();
  private frontier: { reached: string[]; undecided: string[] } | undefined;
  private depth = 0;
  private next: Promise<void> | undefined;
  private finished = false;
  private prefetching = false;
  /** One per check that asked for the prefetch: whether it still waits for its answer. */
  private readonly askers: (() => boolean)[] = [];
  private conditionError: RelataError | undefined;
  /** Set when the walk itself failed (depth limit, read error): every undecided answer is this. */
  private fatal: RelataError | undefined;

  constructor(
    private readonly model: ModelIndex,
    private readonly reads: RequestReader,
    private readonly type: string,
    private readonly relation: string,
    private readonly user: { type: string; id: string; relation?: string },
    private readonly maxDepth: number,
    private readonly condition: ConditionCheck,
  ) {}

  /** Does `type:id#relation` contain the user, through any chain of `type#relation` usersets? */
  async contains(id: string): Promise<Outcome> {
    for (;;) {
      if (this.reached.has(id)) return ALLOWED;
      if (this.finished) {
        if (this.fatal) return failed(this.fatal);
        return this.undecided.has(id) && this.conditionError ? failed(this.conditionError) : DENIED;
      }
      this.next ??= this.step().finally(() => {
        this.next = undefined;
      });
      await this.next;
    }
  }

  /**
   * Walks the whole closure now, one read per level, ahead of any question: the levels a later
   * `contains` would have walked, in the same order, so its answers are the same, only sooner.
   * Stops at the end of the walk, the depth limit, when the request's reads are refused, or when
   * no check that asked (`wanted`) still waits for its answer.
   */
  prefetch(wanted: () => boolean): void {
    this.askers.push(wanted);
    if (this.prefetching) return;
    this.prefetching = true;
    const walk = async (): Promise<void> => {
      while (!this.finished && this.askers.some((asker) => asker())) {
        this.next ??= this.step().finally(() => {
          this.next = undefined;
        });
        await this.next;
      }
      this.prefetching = false;
    };
    void walk();
  }

  private async step(): Promise<void> {
    try {
      if (this.depth > this.maxDepth) {
        throw new RelataError(ErrorCode.AuthorizationModelResolutionTooComplex, `resolution depth exceeded ${this.maxDepth} levels at '${this.type}#${this.relation}'`);
      }
      const frontier = this.frontier;
      const tuples = frontier === undefined ? await this.firstLevel() : await this.readLevel(this.type, [...frontier.reached, ...frontier.undecided], this.relation);
      const fromUndecided = new Set(frontier?.undecided ?? []);
      const reached: string[] = [];
      const undecided: string[] = [];
      for (const t of tuples) {
        if (this.reached.has(t.objectId)) continue;
        if (!this.model.allowsUser(this.type, this.relation, t.userType, t.userId, t.userRelation, t.conditionName ?? '')) continue;
        const met = await this.condition(t);
        if (met.error) this.conditionError ??= met.error;
        if (!met.allowed && !met.error) continue;
        if (this.reached.has(t.objectId)) continue;
        if (met.allowed && !fromUndecided.has(t.userId)) {
          this.reached.add(t.objectId);
          this.undecided.delete(t.objectId);
          reached.push(t.objectId);
        } else if (!this.undecided.has(t.objectId)) {
          this.undecided.add(t.objectId);
          undecided.push(t.objectId);
        }
      }
      this.depth += 1;
      // An object promoted from undecided to reached later in this level is carried as reached.
      this.frontier = { reached, undecided: undecided.filter((id) => !this.reached.has(id)) };
      if (reached.length === 0 && this.frontier.undecided.length === 0) this.finished = true;
    } catch (error) {
      this.fatal ??= error instanceof RelataError ? error : failed(error).error;
      this.finished = true;
    }
  }

  /** Objects that name the user directly (or a wildcard of its type); for a userset user, that userset. */
  private firstLevel(): Promise<RelationTuple[]> {
    if (this.user.relation !== undefined) return this.readLevel(this.user.type, [this.user.id], this.user.relation);
    const ids = this.user.id === '*' ? ['*'] : [this.user.id, '*'];
    return this.readLevel(this.user.type, ids, '');
  }

  private readLevel(userType: string, userIds: string[], userRelation: string): Promise<RelationTuple[]> {
    return this.reads.usersLevel({ objectType: this.type, relation: this.relation, userType, userIds, userRelation });
  }
}
