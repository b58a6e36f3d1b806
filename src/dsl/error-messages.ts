// Chevrotain error messages worded the way OpenFGA's ANTLR parser words them
// ("mismatched input 'x' expecting {A, B}"), tokens named by their ANTLR display names and
// expected sets ordered by ANTLR's token numbers.
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { antlrInfo, Name, nameMembers } from './tokens.js';

/** ANTLR's rendering of input text in messages: control characters escaped. */
export function escapeText(text: string): string {
  return text.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

/** A token as ANTLR names it in messages (without quotes): its text, or `<EOF>`. */
export function tokenText(token: IToken): string {
  return token.tokenType.name === 'EOF' ? '<EOF>' : escapeText(token.image);
}

function shown(token: IToken): string {
  return `'${tokenText(token)}'`;
}

export function expectedSet(types: TokenType[]): string {
  const infos = new Map<string, number>();
  for (const type of types.flatMap((t) => (t === Name ? nameMembers() : [t]))) {
    const info = antlrInfo(type);
    infos.set(info.display, info.order);
  }
  const sorted = [...infos.entries()].sort((a, b) => a[1] - b[1]).map(([display]) => display);
  return sorted.length === 1 ? sorted[0]! : `{${sorted.join(', ')}}`;
}

function firstTokens(paths: TokenType[][]): TokenType[] {
  return paths.map((path) => path[0]).filter((t): t is TokenType => t !== undefined);
}

export const antlrMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `mismatched input ${shown(actual)} expecting ${expectedSet([expected])}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `mismatched input ${shown(firstRedundant)} expecting {<EOF>, NEWLINE}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual }) {
    const first = actual[0]!;
    return `mismatched input ${shown(first)} expecting ${expectedSet(expectedPathsPerAlt.flatMap(firstTokens))}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    const first = actual[0]!;
    return `mismatched input ${shown(first)} expecting ${expectedSet(firstTokens(expectedIterationPaths))}`;
  },
};
