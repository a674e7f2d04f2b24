/** Source positions: ranges are character offsets; line and column are computed on demand. */

export interface Range {
  /** Offset of the first character (UTF-16 code units, as JavaScript strings count). */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** A 1-based line and column, as editors and `file:line:col` messages show them. */
export interface LineCol {
  line: number;
  column: number;
}

/** Maps offsets to lines and columns for one text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): LineCol {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  /** Offset of a 1-based line and column. */
  offset(pos: LineCol): number {
    const start = this.lineStarts[Math.min(Math.max(pos.line, 1), this.lineStarts.length) - 1];
    return Math.min(start + pos.column - 1, this.text.length);
  }
}

/** A plain copy of a node's range, for what outlives or leaves the syntax tree (diagnostics, symbols). */
export function span(node: Range): Range {
  return { start: node.start, end: node.end };
}
