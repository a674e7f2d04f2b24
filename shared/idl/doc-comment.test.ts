import { describe, expect, it } from 'vitest';
import { docCommentText, stripIndents } from './doc-comment.js';

describe('doc comments, as Avro 1.12 strips them', () => {
  it('takes a one-line doc as it is, trimmed', () => {
    expect(docCommentText('/**   A kind of record.  */')).toBe('A kind of record.');
  });

  it('strips a column of leading stars and one space after them', () => {
    expect(docCommentText('/**\n * First line.\n *   indented\n *\n * Last.\n */')).toBe('First line.\n  indented\n\nLast.');
  });

  it('strips double stars when every line has them', () => {
    expect(stripIndents('** a\n ** b')).toBe('a\nb');
  });

  it('strips the common indent of the lines after the first when there are no stars', () => {
    expect(docCommentText('/** Title\n      line two\n        deeper\n   */')).toBe('Title\nline two\n  deeper');
  });

  it('leaves text alone when the stars do not line up', () => {
    expect(stripIndents('* a\nb')).toBe('* a\nb');
  });
});
