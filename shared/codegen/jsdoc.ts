/**
 * Documentation comments for generated code: Avro `doc` strings become JSDoc, so editors show
 * the contract's own words on hover.
 */

/** Where comment lines wrap, as formatters leave them. */
const WIDTH = 100;

/**
 * A JSDoc block, indented by `indent`, from paragraphs (each may hold several lines); empty
 * paragraphs are dropped. Returns no lines when there is nothing to say. Lines longer than the
 * width wrap between words; a `*\/` inside a doc string would end the comment early, so it is
 * broken up.
 */
export function jsDoc(paragraphs: (string | undefined)[], indent = ''): string[] {
  const room = Math.max(40, WIDTH - indent.length - 3);
  const blocks = paragraphs
    .filter((p): p is string => p !== undefined && p.trim() !== '')
    .map((p) => p.replace(/\*\//g, '*\\/').trim().split(/\r\n|\r|\n/).flatMap((line) => wrap(line.trimEnd(), room)));
  if (blocks.length === 0) return [];
  if (blocks.length === 1 && blocks[0].length === 1 && blocks[0][0].length <= room - 4) return [`${indent}/** ${blocks[0][0]} */`];
  const lines = [`${indent}/**`];
  blocks.forEach((block, i) => {
    if (i > 0) lines.push(`${indent} *`);
    for (const line of block) lines.push(line === '' ? `${indent} *` : `${indent} * ${line}`);
  });
  lines.push(`${indent} */`);
  return lines;
}

/** `line` in pieces of at most `width` characters, broken at spaces (a longer word stays whole). */
function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const lead = /^\s*/.exec(line)![0];
  const out: string[] = [];
  let current = '';
  for (const word of line.slice(lead.length).split(/ +/)) {
    if (current !== '' && lead.length + current.length + 1 + word.length > width) {
      out.push(lead + current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') out.push(lead + current);
  return out;
}
