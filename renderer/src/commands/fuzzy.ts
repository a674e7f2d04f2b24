/**
 * Fuzzy matching for the command palette and quick open: the query's characters must appear in
 * order (case-insensitive); matches at word starts and runs of consecutive characters score
 * higher, so "gtd" finds "Go to Definition" before "Toggle Diagnostics".
 */

export interface FuzzyMatch {
  score: number;
  /** Indices into the text of the matched characters, for highlighting. */
  indices: number[];
}

const SEPARATORS = new Set([' ', '/', '.', '-', '_', ':', '(']);

function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text[i - 1];
  if (SEPARATORS.has(prev)) return true;
  // camelCase: a capital after a lower-case letter starts a word.
  const ch = text[i];
  return ch >= 'A' && ch <= 'Z' && prev >= 'a' && prev <= 'z';
}

/**
 * Scores `text` against `query`, or returns null when it does not match. Greedy, but it prefers
 * a word start over an earlier mid-word occurrence of the same character, which is what people
 * mean when they type initials.
 */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const q = query.replace(/\s+/g, '').toLowerCase();
  if (q === '') return { score: 0, indices: [] };
  const lower = text.toLowerCase();
  const indices: number[] = [];
  let score = 0;
  let from = 0;
  for (let qi = 0; qi < q.length; qi++) {
    const ch = q[qi];
    let at = lower.indexOf(ch, from);
    if (at < 0) return null;
    // Unless this continues a run, jump to a word start of the same character if one follows
    // and the rest of the query still fits after it.
    const continuesRun = indices.length > 0 && at === indices[indices.length - 1] + 1;
    if (!continuesRun && !isWordStart(text, at)) {
      for (let j = at + 1; j < lower.length; j++) {
        if (lower[j] === ch && isWordStart(text, j) && fits(q, qi + 1, lower, j + 1)) {
          at = j;
          break;
        }
      }
    }
    const previous = indices[indices.length - 1];
    score += 1;
    if (isWordStart(text, at)) score += 8;
    if (previous !== undefined && at === previous + 1) score += 5;
    if (at === 0) score += 3;
    if (text[at] === query.replace(/\s+/g, '')[qi]) score += 1;
    indices.push(at);
    from = at + 1;
  }
  // Among equals, the shorter text (less noise around the match) wins.
  score -= (text.length - q.length) * 0.05;
  return { score, indices };
}

function fits(q: string, qi: number, lower: string, from: number): boolean {
  for (let i = qi; i < q.length; i++) {
    const at = lower.indexOf(q[i], from);
    if (at < 0) return false;
    from = at + 1;
  }
  return true;
}

/** Filters and sorts items by how well `label(item)` matches; stable for equal scores. */
export function fuzzyFilter<T>(items: readonly T[], query: string, label: (item: T) => string): { item: T; match: FuzzyMatch }[] {
  const scored: { item: T; match: FuzzyMatch; order: number }[] = [];
  items.forEach((item, order) => {
    const match = fuzzyMatch(query, label(item));
    if (match) scored.push({ item, match, order });
  });
  if (query.trim() !== '') scored.sort((a, b) => b.match.score - a.match.score || a.order - b.order);
  return scored.map(({ item, match }) => ({ item, match }));
}
