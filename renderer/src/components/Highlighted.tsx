/** A label with the characters a fuzzy query matched in bold, for the quick pick's rows. */
export function Highlighted({ text, indices, offset = 0 }: { text: string; indices: readonly number[]; offset?: number }) {
  if (indices.length === 0) return <>{text}</>;
  const marks = new Set(indices.map((i) => i - offset));
  const parts: { text: string; mark: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const mark = marks.has(i);
    const last = parts[parts.length - 1];
    if (last && last.mark === mark) last.text += text[i];
    else parts.push({ text: text[i], mark });
  }
  return <>{parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
