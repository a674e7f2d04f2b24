/**
 * The named types a text declares, found by the token walk alone: completion's names for the
 * file being edited, current to the keystroke, without compiling it (the file may not even
 * parse). Types from imported files come from the last compilation.
 */
import { createLexer } from '../lexer.js';
import { Walker, type DeclaredType } from './token-walker.js';

export function declaredTypes(text: string): DeclaredType[] {
  const lexer = createLexer(text, '');
  const walker = new Walker(true);
  for (let token = lexer.next(); token.kind !== 'eof'; token = lexer.next()) walker.push(token);
  return walker.declarations;
}
