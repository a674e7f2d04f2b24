/**
 * A contract test's results as text: per protocol a table of its messages (cases, ok, declared
 * errors, violations), then the first few violations of each failing message with the request
 * that caused them, and a last line to grep for.
 */
import type { MessageReport, ProtocolReport } from './run-contract.js';

/** How many violations are explained per message; the rest are counted. */
export const SHOWN_VIOLATIONS = 3;

export function formatProtocolReport(report: ProtocolReport, endpoint: string): string {
  const width = Math.max('message'.length, ...report.messages.map((m) => m.message.length));
  const row = (name: string, cases: string, ok: string, declared: string, violations: string): string =>
    `  ${name.padEnd(width)}  ${cases.padStart(5)}  ${ok.padStart(5)}  ${declared.padStart(8)}  ${violations.padStart(10)}`;
  const lines = [`${report.protocol} at ${endpoint}`, row('message', 'cases', 'ok', 'declared', 'violations')];
  for (const m of report.messages) lines.push(row(m.message, String(m.cases), String(m.ok), String(m.declared), String(m.violations.length)));
  for (const m of report.messages.filter((r) => r.violations.length > 0)) lines.push(...explain(m));
  return lines.join('\n') + '\n';
}

function explain(m: MessageReport): string[] {
  const lines = [`  FAIL ${m.message}: ${m.violations.length} of ${m.cases} requests broke the contract`];
  for (const v of m.violations.slice(0, SHOWN_VIOLATIONS)) lines.push(`    with ${v.label}: ${v.problem}`);
  if (m.violations.length > SHOWN_VIOLATIONS) lines.push(`    ... and ${m.violations.length - SHOWN_VIOLATIONS} more`);
  return lines;
}

export interface Totals {
  protocols: number;
  messages: number;
  cases: number;
  ok: number;
  declared: number;
  violations: number;
}

export function totals(reports: ProtocolReport[]): Totals {
  const all = reports.flatMap((r) => r.messages);
  const sum = (f: (m: MessageReport) => number): number => all.reduce((n, m) => n + f(m), 0);
  return { protocols: reports.length, messages: all.length, cases: sum((m) => m.cases), ok: sum((m) => m.ok), declared: sum((m) => m.declared), violations: sum((m) => m.violations.length) };
}

/** `PASS: 5 protocols, 23 messages, 812 requests: 301 ok, 511 declared errors, 0 violations` */
export function formatSummary(t: Totals): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${t.violations === 0 ? 'PASS' : 'FAIL'}: ${plural(t.protocols, 'protocol')}, ${plural(t.messages, 'message')}, ${plural(t.cases, 'request')}: ${t.ok} ok, ${plural(t.declared, 'declared error')}, ${plural(t.violations, 'violation')}\n`;
}
