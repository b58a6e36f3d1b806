// The OpenFGA modeling language grammar as a Chevrotain CstParser, rule for rule after OpenFGA's
// ANTLR grammar (OpenFGAParser.g4) so that the same inputs are accepted and errors surface at the
// same tokens. One instance is built once and reused (Chevrotain's grammar analysis is costly).
import { CstParser, EOF } from 'chevrotain';
import type { CstNode, IToken } from 'chevrotain';
import { antlrMessages } from './error-messages.js';
import {
  allTokens, And, ButNot, CelText, Colon, Comma, Comment, Condition, ConditionParamContainer, ConditionParamType,
  Define, Extend, From, Greater, Hash, Identifier, LBrace, LBracket, Less, LParen, Model,
  Module, Name, Newline, Or, RBrace, RBracket, Relations, RParen, Schema, SchemaVersion, setEofType, Star,
  Type, Whitespace, With,
} from './tokens.js';

setEofType(EOF);

export class DslParser extends CstParser {
  constructor() {
    super(allTokens, { maxLookahead: 4, recoveryEnabled: false, nodeLocationTracking: 'none', errorMessageProvider: antlrMessages });
    this.performSelfAnalysis();
  }

  main = this.RULE('main', () => {
    this.OPTION(() => this.CONSUME(Whitespace));
    this.OPTION2(() => this.CONSUME(Newline));
    this.OR([
      { ALT: () => this.SUBRULE(this.modelHeader) },
      { ALT: () => this.SUBRULE(this.moduleHeader) },
    ]);
    this.MANY({
      GATE: () => this.LA(1).tokenType === Newline && this.startsTypeDef(2),
      DEF: () => this.SUBRULE(this.typeDef),
    });
    this.MANY2({
      GATE: () => this.LA(1).tokenType === Newline && this.LA(2).tokenType === Condition,
      DEF: () => this.SUBRULE(this.condition),
    });
    this.OPTION3(() => this.CONSUME3(Newline));
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
    this.CONSUME(Colon);
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
    this.OR([
      { ALT: () => this.SUBRULE(this.rewrite) },
      { ALT: () => this.SUBRULE(this.recurseNoDirect) },
    ]);
  });

  recurse = this.RULE('recurse', () => {
    this.CONSUME(LParen);
    this.MANY(() => this.CONSUME(Whitespace));
    this.SUBRULE(this.relationDef);
    this.MANY2(() => this.CONSUME2(Whitespace));
    this.CONSUME(RParen);
  });

  recurseNoDirect = this.RULE('recurseNoDirect', () => {
    this.CONSUME(LParen);
    this.MANY(() => this.CONSUME(Whitespace));
    this.SUBRULE(this.relationDefNoDirect);
    this.MANY2(() => this.CONSUME2(Whitespace));
    this.CONSUME(RParen);
  });

  directAssignment = this.RULE('directAssignment', () => {
    this.CONSUME(LBracket);
    this.OPTION(() => this.CONSUME(Whitespace));
    this.SUBRULE(this.typeRestriction);
    this.OPTION2(() => this.CONSUME2(Whitespace));
    this.MANY(() => {
      this.CONSUME(Comma);
      this.OPTION3(() => this.CONSUME3(Whitespace));
      this.SUBRULE2(this.typeRestriction);
      this.OPTION4(() => this.CONSUME4(Whitespace));
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
    this.OPTION(() => this.CONSUME(Newline));
    this.CONSUME(Name, { LABEL: 'type' });
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
