// The OpenFGA modeling language grammar as a Chevrotain CstParser, rule for rule after OpenFGA's
// ANTLR grammar (OpenFGAParser.g4) so that the same inputs are accepted and errors surface at the
// same tokens. Chevrotain's own recovery is off: instead, the few places where ANTLR's default
// error strategy recovers (sync before a decision, single-token deletion/insertion) are spelled
// out as `sync` points, so that the aggregated errors are the ones OpenFGA reports. One instance
// is built once and reused (Chevrotain's grammar analysis is costly).
import { CstParser, EOF, tokenMatcher } from 'chevrotain';
import type { CstNode, IToken, TokenType } from 'chevrotain';
import { antlrMessages, expectedSet } from './error-messages.js';
import {
  allTokens, And, ButNot, CelText, Colon, Comma, Comment, Condition, ConditionParamContainer, ConditionParamType,
  Define, Extend, From, Greater, Hash, Identifier, LBrace, LBracket, Less, LParen, Model,
  Module, Name, Newline, Or, RBrace, RBracket, Relations, RParen, Schema, SchemaVersion, setEofType, Star,
  Type, Whitespace, With,
} from './tokens.js';

setEofType(EOF);

/** A syntax error found by the ANTLR-style sync points (Chevrotain's own errors come separately). */
export interface SyncError {
  message: string;
  token: IToken;
}

/** Ends the parse after an error from which OpenFGA's parser would only skip to the end. */
export class StopParse extends Error {}

function escapeText(text: string): string {
  return text.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

function shown(token: IToken): string {
  return token.tokenType === EOF ? '<EOF>' : escapeText(token.image);
}

const ends: TokenType[] = [Newline, EOF];

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

  private fits(token: IToken, expected: TokenType[]): boolean {
    return expected.some((type) => tokenMatcher(token, type));
  }

  private record(message: string, token: IToken): void {
    this.syncErrors.push({ message, token });
  }

  /**
   * ANTLR's sync before a decision whose rule cannot end here: an unexpected token followed by
   * an expected one is dropped ("extraneous input"), anything else ends the parse ("mismatched").
   */
  private sync(expected: TokenType[]): void {
    this.ACTION(() => {
      if (this.fits(this.LA(1), expected) || this.recoveredAt === this.LA(1)) return;
      if (this.fits(this.LA(2), expected)) {
        this.record(`extraneous input '${shown(this.LA(1))}' expecting ${expectedSet(expected)}`, this.LA(1));
        this.SKIP_TOKEN();
        return;
      }
      this.stop(`mismatched input '${shown(this.LA(1))}' expecting ${expectedSet(expected)}`, this.LA(1));
    });
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
    this.sync([Whitespace, Newline, Comment, Module, Model]);
    this.OPTION(() => this.CONSUME(Whitespace));
    this.sync([Newline, Comment, Module, Model]);
    this.OPTION2(() => this.CONSUME(Newline));
    this.sync([Comment, Module, Model]);
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
    this.ACTION(() => {
      // ANTLR's single-token insertion: a missing ':' is reported and parsing goes on.
      const next = this.LA(1);
      if (next.tokenType === Colon) return;
      if (this.fits(next, [Whitespace, LBracket, LParen, Name])) this.record(`missing ':' at '${shown(next)}'`, next);
      else this.stop(`mismatched input '${shown(next)}' expecting ':'`, next);
    });
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
    this.sync([LParen, Name]);
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

  /** `WHITESPACE* ')'` with ANTLR's loop syncs: stray tokens before ')' are reported and skipped. */
  private closeGroup(): void {
    const closing = [Whitespace, RParen];
    this.sync(closing);
    this.MANY2(() => {
      this.CONSUME2(Whitespace);
      this.ACTION(() => {
        if (this.fits(this.LA(1), closing)) return;
        this.record(`extraneous input '${shown(this.LA(1))}' expecting ${expectedSet(closing)}`, this.LA(1));
        while (!this.fits(this.LA(1), [...closing, Newline, EOF])) this.SKIP_TOKEN();
      });
    });
    this.CONSUME(RParen);
  }

  directAssignment = this.RULE('directAssignment', () => {
    this.CONSUME(LBracket);
    this.sync([Whitespace, Newline, Name]);
    this.OPTION(() => this.CONSUME(Whitespace));
    this.SUBRULE(this.typeRestriction);
    this.sync([Whitespace, Comma, RBracket]);
    this.OPTION2(() => this.CONSUME2(Whitespace));
    this.sync([Comma, RBracket]);
    this.MANY(() => {
      this.CONSUME(Comma);
      this.OPTION3(() => this.CONSUME3(Whitespace));
      this.SUBRULE2(this.typeRestriction);
      this.sync([Whitespace, Comma, RBracket]);
      this.OPTION4(() => this.CONSUME4(Whitespace));
      this.sync([Comma, RBracket]);
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
    this.sync([Newline, Name]);
    this.OPTION(() => this.CONSUME(Newline));
    this.ACTION(() => {
      // ANTLR reports a missing type name, skips to a token that can follow it and goes on.
      if (tokenMatcher(this.LA(1), Name)) return;
      this.record(`mismatched input '${shown(this.LA(1))}' expecting ${expectedSet([Name])}`, this.LA(1));
      while (!this.fits(this.LA(1), [Whitespace, Newline, Comma, RBracket, Colon, Hash, EOF])) this.SKIP_TOKEN();
      this.recoveredAt = this.LA(1);
    });
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
      const first = [Whitespace, Newline, Identifier];
      if (this.fits(this.LA(1), first) || this.fits(this.LA(2), first)) return;
      this.record(`mismatched input '${shown(this.LA(1))}' expecting ${expectedSet(first)}`, this.LA(1));
      this.recoverAfterCondition();
    });
    this.sync([Whitespace, Newline, Identifier]);
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
