// Tokens of the OpenFGA modeling language. Whitespace and newlines are real tokens because the
// language is indentation- and spacing-sensitive, exactly as OpenFGA's ANTLR grammar has it; each
// token also carries the ANTLR display name and vocabulary order so that syntax errors read the
// same as OpenFGA's ("expecting {<EOF>, NEWLINE}").
import { createToken, EOF, Lexer } from 'chevrotain';
import type { CustomPatternMatcherFunc, TokenType } from 'chevrotain';

/** ANTLR display name and token-type number (used to order expected-token sets). */
export interface AntlrInfo {
  display: string;
  order: number;
}

const antlr = new Map<TokenType, AntlrInfo>();

function token(config: Parameters<typeof createToken>[0], display: string, order: number): TokenType {
  const type = createToken(config);
  antlr.set(type, { display, order });
  return type;
}

/** Members of the Name category, in ANTLR's order, for expected-token messages. */
export function nameMembers(): TokenType[] {
  return [Identifier, Module, Model, Schema, Extend, Type, Relation, ExtendedIdentifier];
}

export function antlrInfo(type: TokenType): AntlrInfo {
  if (type === EOF) return { display: '<EOF>', order: -1 };
  return antlr.get(type) ?? { display: type.name, order: 1000 };
}

/** Any token usable as a type/relation/condition name (OpenFGA lets some keywords be names). */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA });

const identifierRe = /[A-Za-z_][A-Za-z0-9_-]*/y;
const extendedRe = /[A-Za-z_][A-Za-z0-9_]*(?:[/.-][A-Za-z0-9_]+)*/y;

function stickyLength(re: RegExp, text: string, offset: number): number {
  re.lastIndex = offset;
  const m = re.exec(text);
  return m ? m[0].length : 0;
}

/**
 * Lengths of the IDENTIFIER and EXTENDED_IDENTIFIER matches at `offset`. Both matchers (and the
 * keywords' longer-alternative checks) ask about the same offset, so the last answer is kept.
 */
let cached = { text: '', offset: -1, ident: 0, ext: 0 };
function wordLengths(text: string, offset: number): { ident: number; ext: number } {
  if (cached.offset !== offset || cached.text !== text) {
    cached = { text, offset, ident: stickyLength(identifierRe, text, offset), ext: stickyLength(extendedRe, text, offset) };
  }
  return cached;
}

/** ANTLR picks the longest match, and IDENTIFIER (declared first) on a tie. */
const matchIdentifier: CustomPatternMatcherFunc = (text, offset) => {
  const { ident, ext } = wordLengths(text, offset);
  if (ident === 0 || ext > ident) return null;
  return [text.slice(offset, offset + ident)] as unknown as RegExpExecArray;
};

const matchExtendedIdentifier: CustomPatternMatcherFunc = (text, offset) => {
  const { ident, ext } = wordLengths(text, offset);
  if (ext === 0 || ext <= ident) return null;
  return [text.slice(offset, offset + ext)] as unknown as RegExpExecArray;
};

/** True when nothing but whitespace precedes `offset` (scans back only over whitespace). */
function onlySpaceBefore(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) if (!/\s/.test(text[i]!)) return false;
  return true;
}

const letters = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_'];

const ExtendedIdentifier = token(
  { name: 'ExtendedIdentifier', pattern: { exec: matchExtendedIdentifier }, line_breaks: false, start_chars_hint: letters, categories: [Name] },
  'EXTENDED_IDENTIFIER',
  54,
);
export const Identifier = token(
  { name: 'Identifier', pattern: { exec: matchIdentifier }, line_breaks: false, start_chars_hint: letters, categories: [Name] },
  'IDENTIFIER',
  10,
);

function keyword(name: string, word: string, order: number, extra: Partial<Parameters<typeof createToken>[0]> = {}): TokenType {
  return token({ name, pattern: new RegExp(word), longer_alt: [ExtendedIdentifier, Identifier], ...extra }, `'${word}'`, order);
}

export const Colon = token({ name: 'Colon', pattern: /:/ }, "':'", 1);
export const Comma = token({ name: 'Comma', pattern: /,/ }, "','", 2);
export const Less = token({ name: 'Less', pattern: /</ }, "'<'", 3);
export const Greater = token({ name: 'Greater', pattern: />/ }, "'>'", 4);
export const LBracket = token({ name: 'LBracket', pattern: /\[/ }, "'['", 5);
export const LParen = token({ name: 'LParen', pattern: /\(/ }, "'('", 7);
export const RParen = token({ name: 'RParen', pattern: /\)/ }, "')'", 8);
const ConditionRParen = token(
  { name: 'ConditionRParen', pattern: /\)/, pop_mode: true, categories: [RParen] },
  "')'",
  8,
);
export const Whitespace = token({ name: 'Whitespace', pattern: /[ \t\f]+/ }, 'WHITESPACE', 9);
export const Hash = token({ name: 'Hash', pattern: /#/ }, "'#'", 11);
/** A comment line before the model/module header (later comment lines are part of NEWLINE). */
export const Comment = token(
  {
    name: 'Comment',
    pattern: {
      exec: (text, offset) => {
        if (text[offset] !== '#' || !onlySpaceBefore(text, offset)) return null;
        const end = text.indexOf('\n', offset);
        return [text.slice(offset, end === -1 ? text.length : end).replace(/\r$/, '')] as unknown as RegExpExecArray;
      },
    },
    line_breaks: false,
    start_chars_hint: ['#'],
  },
  "'#'",
  11,
);
export const And = keyword('And', 'and', 12);
export const Or = keyword('Or', 'or', 13);
export const ButNot = keyword('ButNot', 'but not', 14);
export const From = keyword('From', 'from', 15);
export const Module = keyword('Module', 'module', 16, { categories: [Name] });
export const Model = keyword('Model', 'model', 17, { categories: [Name] });
export const Schema = keyword('Schema', 'schema', 18, { categories: [Name] });
export const SchemaVersion = token({ name: 'SchemaVersion', pattern: /[0-9]+\.[0-9]+/ }, 'SCHEMA_VERSION', 19);
export const Extend = keyword('Extend', 'extend', 20, { categories: [Name] });
export const Type = keyword('Type', 'type', 21, { categories: [Name] });
export const Condition = keyword('Condition', 'condition', 22, { push_mode: 'conditionDef' });
export const Relations = keyword('Relations', 'relations', 25);
export const Relation = keyword('Relation', 'relation', 26, { categories: [Name] });
export const Define = keyword('Define', 'define', 27);
export const With = keyword('With', 'with', 28);
export const RBracket = token({ name: 'RBracket', pattern: /]/ }, "']'", 36);
export const LBrace = token({ name: 'LBrace', pattern: /{/, push_mode: 'celBody' }, "'{'", 37);
export const RBrace = token({ name: 'RBrace', pattern: /}/, pop_mode: true }, "'}'", 38);
export const Star = token({ name: 'Star', pattern: /\*/ }, "'*'", 44);
const NumInt = token({ name: 'NumInt', pattern: /[0-9]+/ }, 'NUM_INT', 52);
/** Any other single character of CEL's vocabulary, so that it reaches the parser as an error. */
const Other = token({ name: 'Other', pattern: /[=!<>&|.\-?+/%"'*]/ }, 'OTHER', 60);
/** Newline plus any blank or comment lines and the next line's indentation (one ANTLR NEWLINE). */
export const Newline = token(
  {
    name: 'Newline',
    pattern: /[ \t\f]*(?:\r?\n|\r|\f)(?:[ \t\f]*(?:#[^\r\n]*)?(?:\r?\n|\r|\f))*[ \t\f]*/,
    line_breaks: true,
  },
  'NEWLINE',
  56,
);
export const ConditionParamContainer = token(
  { name: 'ConditionParamContainer', pattern: /map|list/, longer_alt: Identifier },
  'CONDITION_PARAM_CONTAINER',
  57,
);
export const ConditionParamType = token(
  { name: 'ConditionParamType', pattern: /bool|string|int|uint|double|duration|timestamp|ipaddress/, longer_alt: Identifier },
  'CONDITION_PARAM_TYPE',
  58,
);
/** The CEL expression of a condition, kept verbatim (string literals may contain braces). */
export const CelText = token(
  {
    name: 'CelText',
    pattern: /(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[^}"'])+/,
    line_breaks: true,
  },
  'CEL',
  59,
);

const keywords = [And, Or, ButNot, From, Module, Model, Schema, Extend, Type, Condition, Relations, Relation, Define, With];

export const allTokens: TokenType[] = [
  Name, Newline, Whitespace, Comment, Hash, Colon, Comma, Less, Greater, LBracket, RBracket, LParen, RParen,
  LBrace, RBrace, Star, SchemaVersion, NumInt, ...keywords, ExtendedIdentifier, Identifier, Other,
  ConditionRParen, ConditionParamContainer, ConditionParamType, CelText,
];

export const dslLexer = new Lexer(
  {
    modes: {
      main: [
        Newline, Whitespace, Comment, Hash, Colon, Comma, Less, Greater, LBracket, RBracket, LParen, RParen,
        LBrace, Star, SchemaVersion, NumInt, ...keywords, ExtendedIdentifier, Identifier, Other,
      ],
      conditionDef: [
        Newline, Whitespace, ConditionRParen, LParen, Colon, Comma, Less, Greater,
        ConditionParamContainer, ConditionParamType, Identifier,
      ],
      celBody: [CelText, RBrace],
    },
    defaultMode: 'main',
  },
  { positionTracking: 'onlyStart', ensureOptimizations: false, skipValidations: true },
);
