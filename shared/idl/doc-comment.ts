/**
 * Turns a `/** ... *\/` comment into the `doc` text Avro writes, exactly as Apache Avro 1.12's
 * IdlReader does: trim, then strip a common column of leading stars, or else the common
 * indent of the lines after the first.
 */

const LINE_BREAK = '(?:\\r\\n|[\\n\\r\\u000b\\u000c\\u0085\\u2028\\u2029])';
const H_SPACE = '[ \\t\\u00a0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]';
const NOT_BREAK = '[^\\n\\r\\u000b\\u000c\\u0085\\u2028\\u2029]';

/** Every line after the first starts (after horizontal space) with the same 1 or 2 stars as the first. */
const STAR_INDENT = new RegExp(`^(\\*{1,2})${NOT_BREAK}*(?:${LINE_BREAK}${H_SPACE}*\\1${NOT_BREAK}*)*$`);
/** Multi-line text; the indent is the second line's leading space shared by all later lines. */
const WS_INDENT = new RegExp(`^${NOT_BREAK}*${LINE_BREAK}(${H_SPACE}*)${NOT_BREAK}*(?:${LINE_BREAK}\\1${NOT_BREAK}*)*$`);

const ANY_LINE_BREAK = new RegExp(LINE_BREAK);

/** Java's String.trim(): removes code units up to U+0020 at both ends. */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  return text.slice(start, end);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The replacement patterns for one and two stars, built once. */
const STAR_STRIP: Record<string, RegExp> = {
  '*': new RegExp(`(?:^|(${LINE_BREAK})${H_SPACE}*)\\*${H_SPACE}?`, 'g'),
  '**': new RegExp(`(?:^|(${LINE_BREAK})${H_SPACE}*)\\*\\*${H_SPACE}?`, 'g'),
};

export function stripIndents(doc: string): string {
  const stars = STAR_INDENT.exec(doc);
  if (stars) return doc.replace(STAR_STRIP[stars[1]], (_m, br: string | undefined) => br ?? '');
  const ws = WS_INDENT.exec(doc);
  if (ws && ws[1].length > 0) {
    const pattern = new RegExp(`(${LINE_BREAK})${escapeRegExp(ws[1])}`, 'g');
    return doc.replace(pattern, '$1');
  }
  return doc;
}

/** The doc text of a documentation comment's full source (`/** ... *\/`). */
export function docCommentText(comment: string): string {
  const text = javaTrim(comment.slice(3, comment.length - 2));
  // Most docs are one line without a leading star: nothing to strip.
  if (text.charCodeAt(0) !== 42 && !ANY_LINE_BREAK.test(text)) return text;
  return stripIndents(text);
}
