// apps/analytics/summarize: WordCounts -> Summary. A failure the module can explain is reported
// with `throw context.fail(message, code)` (status ERROR, the pipeline stops), not a crash.
export default function summarize(input, context) {
  const given = context.headers['apps.analytics.top'] ?? '3';
  const top = Number(given);
  if (!Number.isInteger(top) || top < 0) throw context.fail(`header apps.analytics.top must be a whole number, not '${given}'`, 'INVALID_REQUEST');
  return {
    totalWords: input.total,
    distinctWords: input.counts.length,
    topWords: input.counts.slice(0, top).map((c) => c.word),
    mostFrequent: input.counts[0]?.word ?? null,
  };
}
