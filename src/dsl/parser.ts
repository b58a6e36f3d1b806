// The OpenFGA modeling language grammar as a Chevrotain CstParser, rule for rule after OpenFGA's
// ANTLR grammar (OpenFGAParser.g4) so that the same inputs are accepted and errors surface at the
// same tokens. Chevrotain's own recovery is off: instead, the few places where ANTLR's default
// error strategy recovers (sync before a decision, single-token deletion/insertion) are spelled
// out as `sync` points, so that the aggregated errors are the ones OpenFGA reports. One instance
// is built once and reused (Chevrotain's grammar analysis is costly).
import { CstParser, EOF, tokenMatcher } from 'chevrotain';
import type { CstNode, IToken, TokenType } from 'chevrotain';
import { antlrMessages, escapeText, expectedSet, tokenText } from './error-messages.js';
import {
  allTokens, And, ButNot, CelText, Colon, Comma, Comment, Condition, ConditionParamContainer, ConditionParamType,
  Define, Extend, From, Greater, Hash, Identifier, LBrace, LBracket, Less, LParen, Model,
  Module, Name, Newline, Or, RBrace, RBracket, Relations, RParen, Schema, SchemaVersion, Star,
  Type, Whitespace, With,
} from './tokens.js';

/** A syntax error found by the ANTLR-style sync points (Chevrotain's own errors come separately). */
export interface SyncError {
  message: string;
  token: IToken;
}

/** Ends the parse after an error from which OpenFGA's parser would only skip to the end. */
export class StopParse extends Error {}

const shown = tokenText;

/** A fixed set of expected tokens, with category members resolved once for fast membership. */
class Expected {
  private indexes: Set<number> | undefined;

  constructor(readonly types: TokenType[]) {}

  has(token: IToken): boolean {
    if (!this.indexes) {
      this.indexes = new Set();
      for (const type of this.types) {
        this.indexes.add(type.tokenTypeIdx!);
        for (const [idx, member] of Object.entries(type.categoryMatchesMap ?? {})) if (member) this.indexes.add(Number(idx));
      }
    }
    return this.indexes.has(token.tokenTypeIdx);
  }
}

const set = (...types: TokenType[]): Expected => new Expected(types);
const ends = set(Newline, EOF);
const headerStart = set(Whitespace, Newline, Comment, Module, Model);
const headerAfterSpace = set(Newline, Comment, Module, Model);
const headerKeyword = set(Comment, Module, Model);
const colonFollow = set(Whitespace, LBracket, LParen, Name);
const operandStart = set(LParen, Name);
const closing = set(Whitespace, RParen);
const closingRecovery = set(Whitespace, RParen, Newline, EOF);
const restrictionStart = set(Whitespace, Newline, Name);
const afterRestriction = set(Whitespace, Comma, RBracket);
const listContinues = set(Comma, RBracket);
const typeNameStart = set(Newline, Name);
const typeNameRecovery = set(Whitespace, Newline, Comma, RBracket, Colon, Hash, EOF);
const nameOnly = set(Name);
const parameterStart = set(Whitespace, Newline, Identifier);

export class DslParser extends CstParser {
  /** Errors of the sync points, in the order found; reset by `input =`. */
  syncErrors: SyncError[] = [];
  /** ANTLR's error-recovery mode: syncs stay silent until a token is consumed after this one. */
  private recoveredAt: IToken | undefined;

  constructor() {
    super(allTokens, { maxLookahead: 4, recoveryEnabled: false, nodeLocationTracking: 'none', errorMessageProvider: antlrMessages });
    this.performSelfAnalysis();
  }

  override set input(tokens: IToken[]) {
    super.input = tokens;
    this.syncErrors = [];
    this.recoveredAt = undefined;
  }

  override get input(): IToken[] {
    return super.input;
  }


  private record(message: string, token: IToken): void {
    this.syncErrors.push({ message, token });
  }

  /**
   * ANTLR's sync before a decision whose rule cannot end here: an unexpected token followed by
   * an expected one is dropped ("extraneous input"), anything else ends the parse ("mismatched").
   */
  private sync(expected: Expected): void {
    // Called on every pass through the grammar: no closure, no allocation on the happy path.
    if (this.RECORDING_PHASE) return;
    const next = this.LA(1);
    if (expected.has(next) || this.recoveredAt === next) return;
    if (expected.has(this.LA(2))) {
      this.record(`extraneous input '${shown(next)}' expecting ${expectedSet(expected.types)}`, next);
      this.SKIP_TOKEN();
      return;
    }
    this.stop(`mismatched input '${shown(next)}' expecting ${expectedSet(expected.types)}`, next);
  }

  private stop(message: string, token: IToken): never {
    this.record(message, token);
    throw new StopParse(message);
  }

  /** ANTLR's adaptive prediction failing on `NEWLINE x` where no statement starts with x. */
  private noViableAfterNewline(): never {
    const newline = this.LA(1);
    const next = this.LA(2);
    const text = next.tokenType === EOF ? '<EOF>' : next.image;
    return this.stop(`no viable alternative at input '${escapeText(newline.image + text)}'`, next);
  }

  /** Where main expects `NEWLINE? ... EOF`: only a condition or the end may follow a newline. */
  private syncMainEnd(conditionsDone: boolean): void {
    this.ACTION(() => {
      const first = this.LA(1);
      if (first.tokenType === Newline) {
        const next = this.LA(2).tokenType;
        if (next === EOF || (!conditionsDone && next === Condition)) return;
        if (!conditionsDone) this.noViableAfterNewline();
        this.stop(`mismatched input '${shown(this.LA(2))}' expecting <EOF>`, this.LA(2));
      }
      this.sync(ends);
    });
  }

  main = this.RULE('main', () => {
    this.sync(headerStart);
    this.OPTION(() => this.CONSUME(Whitespace));
    this.sync(headerAfterSpace);
    this.OPTION2(() => this.CONSUME(Newline));
    this.sync(headerKeyword);
    this.OR([
      { ALT: () => this.SUBRULE(this.modelHeader) },
      { ALT: () => this.SUBRULE(this.moduleHeader) },
    ]);
    this.MANY({
      GATE: () => this.LA(1).tokenType === Newline && this.startsTypeDef(2),
      DEF: () => this.SUBRULE(this.typeDef),
    });
    this.syncMainEnd(false);
    let conditions = 0;
    this.MANY2({
      GATE: () => this.LA(1).tokenType === Newline && this.LA(2).tokenType === Condition,
      DEF: () => {
        this.SUBRULE(this.condition);
        conditions++;
      },
    });
    if (conditions > 0) this.syncMainEnd(true);
    this.OPTION3({ GATE: () => this.LA(2).tokenType === EOF, DEF: () => this.CONSUME3(Newline) });
  });

  private startsPartial(): boolean {
    const op = this.LA(2).tokenType;
    return this.LA(1).tokenType === Whitespace && (op === Or || op === And || op === ButNot);
  }

  private startsTypeDef(i: number): boolean {
    const next = this.LA(i).tokenType;
    return next === Type || next === Extend;
  }

  modelHeader = this.RULE('modelHeader', () => {
    this.OPTION(() => {
      this.CONSUME(Comment);
      this.CONSUME(Newline);
    });
    this.CONSUME(Model);
    this.CONSUME2(Newline);
    this.CONSUME(Schema);
    this.CONSUME(Whitespace);
    this.CONSUME(SchemaVersion);
    this.OPTION2(() => this.CONSUME2(Whitespace));
  });

  moduleHeader = this.RULE('moduleHeader', () => {
    this.OPTION(() => {
      this.CONSUME(Comment);
      this.CONSUME(Newline);
    });
    this.CONSUME(Module);
    this.CONSUME(Whitespace);
    this.CONSUME(Name, { LABEL: 'name' });
    this.OPTION2(() => this.CONSUME2(Whitespace));
  });

  typeDef = this.RULE('typeDef', () => {
    this.CONSUME(Newline);
    this.OPTION(() => {
      this.CONSUME(Extend);
      this.CONSUME(Whitespace);
    });
    this.CONSUME(Type);
    this.CONSUME2(Whitespace);
    this.CONSUME(Name, { LABEL: 'name' });
    this.OPTION2({
      GATE: () => this.LA(2).tokenType === Relations,
      DEF: () => {
        this.CONSUME2(Newline);
        this.CONSUME(Relations);
        this.ACTION(() => {
          if (this.LA(1).tokenType === Newline && this.LA(2).tokenType !== Define) this.noViableAfterNewline();
        });
        this.AT_LEAST_ONE({
          GATE: () => this.LA(1).tokenType === Newline && this.LA(2).tokenType === Define,
          DEF: () => this.SUBRULE(this.relationDeclaration),
        });
      },
    });
  });

  relationDeclaration = this.RULE('relationDeclaration', () => {
    this.CONSUME(Newline);
    this.CONSUME(Define);
    this.CONSUME(Whitespace);
    this.CONSUME(Name, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME2(Whitespace));
    this.expectColon();
    this.OPTION3({ GATE: () => this.LA(1).tokenType === Colon, DEF: () => this.CONSUME(Colon) });
    this.OPTION2(() => this.CONSUME3(Whitespace));
    this.SUBRULE(this.relationDef);
  });

  relationDef = this.RULE('relationDef', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.directAssignment) },
      { ALT: () => this.SUBRULE(this.rewrite) },
      { ALT: () => this.SUBRULE(this.recurse) },
    ]);
    this.OPTION({ GATE: () => this.startsPartial(), DEF: () => this.SUBRULE(this.partials) });
  });

  relationDefNoDirect = this.RULE('relationDefNoDirect', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.rewrite) },
      { ALT: () => this.SUBRULE(this.recurseNoDirect) },
    ]);
    this.OPTION({ GATE: () => this.startsPartial(), DEF: () => this.SUBRULE(this.partials) });
  });

  /** One operator per level, as in OpenFGA: `a or b or c`, `a and b`, `a but not b`; mixing needs parentheses. */
  partials = this.RULE('partials', () => {
    this.OR([
      {
        ALT: () =>
          this.AT_LEAST_ONE({
            GATE: () => this.LA(2).tokenType === Or,
            DEF: () => {
              this.CONSUME(Whitespace);
              this.CONSUME(Or);
              this.CONSUME2(Whitespace);
              this.SUBRULE(this.operand);
            },
          }),
      },
      {
        ALT: () =>
          this.AT_LEAST_ONE2({
            GATE: () => this.LA(2).tokenType === And,
            DEF: () => {
              this.CONSUME3(Whitespace);
              this.CONSUME(And);
              this.CONSUME4(Whitespace);
              this.SUBRULE2(this.operand);
            },
          }),
      },
      {
        ALT: () => {
          this.CONSUME5(Whitespace);
          this.CONSUME(ButNot);
          this.CONSUME6(Whitespace);
          this.SUBRULE3(this.operand);
        },
      },
    ]);
  });

  operand = this.RULE('operand', () => {
    this.sync(operandStart);
    this.OR([
      { ALT: () => this.SUBRULE(this.rewrite) },
      { ALT: () => this.SUBRULE(this.recurseNoDirect) },
    ]);
  });

  recurse = this.RULE('recurse', () => {
    this.CONSUME(LParen);
    this.MANY(() => this.CONSUME(Whitespace));
    this.SUBRULE(this.relationDef);
    this.closeGroup();
  });

  recurseNoDirect = this.RULE('recurseNoDirect', () => {
    this.CONSUME(LParen);
    this.MANY(() => this.CONSUME(Whitespace));
    this.SUBRULE(this.relationDefNoDirect);
    this.closeGroup();
  });

  /** ANTLR reports a missing type name, skips to a token that can follow it and goes on. */
  private recoverMissingTypeName(): void {
    if (this.RECORDING_PHASE || tokenMatcher(this.LA(1), Name)) return;
    this.record(`mismatched input '${shown(this.LA(1))}' expecting ${expectedSet(nameOnly.types)}`, this.LA(1));
    while (!typeNameRecovery.has(this.LA(1))) this.SKIP_TOKEN();
    this.recoveredAt = this.LA(1);
  }

  /** ANTLR's single-token insertion: a missing ':' is reported and parsing goes on. */
  private expectColon(): void {
    if (this.RECORDING_PHASE) return;
    const next = this.LA(1);
    if (next.tokenType === Colon) return;
    if (colonFollow.has(next)) this.record(`missing ':' at '${shown(next)}'`, next);
    else this.stop(`mismatched input '${shown(next)}' expecting ':'`, next);
  }

  /** `WHITESPACE* ')'` with ANTLR's loop syncs: stray tokens before ')' are reported and skipped. */
  private closeGroup(): void {
    this.sync(closing);
    this.MANY2(() => {
      this.CONSUME2(Whitespace);
      this.ACTION(() => {
        if (closing.has(this.LA(1))) return;
        this.record(`extraneous input '${shown(this.LA(1))}' expecting ${expectedSet(closing.types)}`, this.LA(1));
        while (!closingRecovery.has(this.LA(1))) this.SKIP_TOKEN();
      });
    });
    this.CONSUME(RParen);
  }

  directAssignment = this.RULE('directAssignment', () => {
    this.CONSUME(LBracket);
    this.sync(restrictionStart);
    this.OPTION(() => this.CONSUME(Whitespace));
    this.SUBRULE(this.typeRestriction);
    this.sync(afterRestriction);
    this.OPTION2(() => this.CONSUME2(Whitespace));
    this.sync(listContinues);
    this.MANY(() => {
      this.CONSUME(Comma);
      this.OPTION3(() => this.CONSUME3(Whitespace));
      this.SUBRULE2(this.typeRestriction);
      this.sync(afterRestriction);
      this.OPTION4(() => this.CONSUME4(Whitespace));
      this.sync(listContinues);
    });
    this.CONSUME(RBracket);
  });

  rewrite = this.RULE('rewrite', () => {
    this.CONSUME(Name, { LABEL: 'computed' });
    this.OPTION({
      GATE: () => this.LA(2).tokenType === From,
      DEF: () => {
        this.CONSUME(Whitespace);
        this.CONSUME(From);
        this.CONSUME2(Whitespace);
        this.CONSUME2(Name, { LABEL: 'tupleset' });
      },
    });
  });

  typeRestriction = this.RULE('typeRestriction', () => {
    this.sync(typeNameStart);
    this.OPTION(() => this.CONSUME(Newline));
    this.recoverMissingTypeName();
    this.OPTION5({ GATE: () => tokenMatcher(this.LA(1), Name), DEF: () => this.CONSUME(Name, { LABEL: 'type' }) });
    this.OPTION2(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(Colon);
            this.CONSUME(Star);
          },
        },
        {
          ALT: () => {
            this.CONSUME(Hash);
            this.CONSUME2(Name, { LABEL: 'relation' });
          },
        },
      ]);
    });
    this.OPTION3({
      GATE: () => this.LA(2).tokenType === With,
      DEF: () => {
        this.CONSUME(Whitespace);
        this.CONSUME(With);
        this.CONSUME2(Whitespace);
        this.CONSUME3(Name, { LABEL: 'condition' });
      },
    });
    this.OPTION4(() => this.CONSUME2(Newline));
  });

  condition = this.RULE('condition', () => {
    this.CONSUME(Newline);
    this.CONSUME(Condition);
    this.CONSUME(Whitespace);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME2(Whitespace));
    this.CONSUME(LParen);
    this.ACTION(() => {
      if (parameterStart.has(this.LA(1)) || parameterStart.has(this.LA(2))) return;
      this.record(`mismatched input '${shown(this.LA(1))}' expecting ${expectedSet(parameterStart.types)}`, this.LA(1));
      this.recoverAfterCondition();
    });
    this.sync(parameterStart);
    this.OPTION2(() => this.CONSUME3(Whitespace));
    this.SUBRULE(this.conditionParameter);
    this.OPTION3(() => this.CONSUME4(Whitespace));
    this.MANY(() => {
      this.CONSUME(Comma);
      this.OPTION4(() => this.CONSUME5(Whitespace));
      this.SUBRULE2(this.conditionParameter);
      this.OPTION5(() => this.CONSUME6(Whitespace));
    });
    this.OPTION6(() => this.CONSUME2(Newline));
    this.CONSUME(RParen);
    this.OPTION7(() => this.CONSUME7(Whitespace));
    this.CONSUME(LBrace);
    this.OPTION8(() => this.CONSUME(CelText));
    this.CONSUME(RBrace);
  });

  /**
   * OpenFGA's parser skips a broken condition up to the next line break, then expects the end
   * of the file: the first word of the next non-blank line is reported.
   */
  private recoverAfterCondition(): never {
    for (let i = 1; ; i++) {
      const token = this.LA(i);
      if (token.tokenType === EOF) throw new StopParse('condition');
      const at = token.image.search(/[\r\n]/);
      if (at === -1) continue;
      const rest = token.image.slice(at);
      const skip = rest.search(/\S/);
      if (skip === -1) {
        const after = this.LA(i + 1);
        if (after.tokenType === EOF) throw new StopParse('condition');
        return this.stop(`mismatched input '${shown(after)}' expecting <EOF>`, after);
      }
      const before = token.image.slice(0, at + skip);
      const lines = before.split(/\r?\n|\r/);
      const word = /^(?:[A-Za-z_][A-Za-z0-9_-]*|[0-9]+|\S)/.exec(rest.slice(skip))![0];
      const fake: IToken = {
        ...token,
        image: word,
        startOffset: token.startOffset + at + skip,
        startLine: (token.startLine ?? 1) + lines.length - 1,
        startColumn: lines[lines.length - 1]!.length + 1,
      };
      return this.stop(`mismatched input '${word}' expecting <EOF>`, fake);
    }
  }

  conditionParameter = this.RULE('conditionParameter', () => {
    this.OPTION(() => this.CONSUME(Newline));
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.OPTION2(() => this.CONSUME(Whitespace));
    this.CONSUME(Colon);
    this.OPTION3(() => this.CONSUME2(Whitespace));
    this.OR([
      { ALT: () => this.CONSUME(ConditionParamType) },
      {
        ALT: () => {
          this.CONSUME(ConditionParamContainer);
          this.CONSUME(Less);
          this.CONSUME2(ConditionParamType, { LABEL: 'generic' });
          this.CONSUME(Greater);
        },
      },
    ]);
  });
}

export const dslParser = new DslParser();

export type { CstNode, IToken };
