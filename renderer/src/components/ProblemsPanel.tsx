/**
 * The problems panel ("Problems"): every error and warning the language services reported,
 * the active file's first, each with its place; Enter or a click goes there.
 */
import { useStudio, useSlice } from '../app/studio.js';
import { countProblems, type Problem } from '../stores/editor-status-store.js';
import { baseName, dirName } from '../workspace/file-kind.js';

export function ProblemsPanel() {
  const studio = useStudio();
  const problems = useSlice(studio.status, (s) => s.problems);
  const active = useSlice(studio.tabs, (s) => s.active);
  const files = Object.keys(problems)
    .filter((p) => problems[p].length > 0)
    .sort((a, b) => (a === active ? -1 : b === active ? 1 : a.localeCompare(b)));
  const total = countProblems(files.flatMap((f) => problems[f]));

  const go = (path: string, p: Problem): void => {
    void studio.openFile(path, { startLineNumber: p.line, startColumn: p.column, endLineNumber: p.endLine, endColumn: p.endColumn });
  };

  return (
    <section className="problems" aria-label="Problems">
      <header className="pane-header">
        <h2 className="pane-title">Problems <span className="pane-count">{total.errors + total.warnings}</span></h2>
        <div className="pane-actions">
          <button type="button" className="icon-button" aria-label="Close the problems panel" title="Close" onClick={() => studio.layout.getState().toggle('problems')}>
            <span className="codicon codicon-close" aria-hidden="true" />
          </button>
        </div>
      </header>
      <div className="problems-body">
        {files.length === 0 && <p className="problems-empty">No problems have been detected in the workspace.</p>}
        {files.map((path) => (
          <div key={path} className="problems-file">
            <div className="problems-file-name">
              <span className="codicon codicon-file" aria-hidden="true" />
              <strong>{baseName(path)}</strong>
              <span className="problems-file-dir">{dirName(path)}</span>
              <span className="pane-count">{problems[path].length}</span>
            </div>
            <ul className="problems-list" aria-label={`Problems in ${path}`}>
              {problems[path].map((p, i) => (
                <li key={i}>
                  <button type="button" className="problem" onClick={() => go(path, p)} data-line={p.line}>
                    <span className={`codicon codicon-${p.severity === 'error' ? 'error is-error' : p.severity === 'warning' ? 'warning is-warning' : 'info'}`} aria-label={p.severity} />
                    <span className="problem-message">{p.message}</span>
                    <span className="problem-where">[Ln {p.line}, Col {p.column}]</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
