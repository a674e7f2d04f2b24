// apps/analytics/count-words: WordList (read from tools.text.Words) -> WordCounts.
export default function countWords(input, context) {
  const counts = new Map();
  for (const raw of input.words) {
    const word = input.ignoreCase ? raw.toLowerCase() : raw;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // Headers carry context along a pipeline: later stages see this.
  context.headers['apps.analytics.distinct'] = String(sorted.length);
  return { counts: sorted.map(([word, count]) => ({ word, count })), total: input.words.length };
}
