/**
 * The workspace's pipelines (`pipelines/*.json`) in the side bar: open one on the canvas (an
 * unsaved one shows a dot), or create one by name.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { pipelineNameOf, pipelineNameProblem, pipelinePath, serializePipeline } from '../../../shared/studio/pipeline-file.js';
import { useSlice, useStudio } from '../app/studio.js';
import { errorMessage } from '../stores/documents-store.js';
import { openPipelineDocs } from './pipeline-doc-store.js';
import { openPipeline, pipelinesViewOf } from './pipelines-view-store.js';
import { useDocSlice } from './use-pipeline-data.js';

export function PipelineFiles() {
  const studio = useStudio();
  const entries = useSlice(studio.workspace, (s) => s.entries);
  const active = useSlice(pipelinesViewOf(studio), (s) => s.active);
  const [creating, setCreating] = useState<string | null>(null);
  const [problem, setProblem] = useState<string>();
  const files = useMemo(
    () => entries.filter((e) => e.kind === 'file' && pipelineNameOf(e.path) !== undefined).map((e) => e.path).sort(),
    [entries],
  );

  const create = async () => {
    const name = (creating ?? '').trim();
    const why = pipelineNameProblem(name) ?? (files.includes(pipelinePath(name)) ? `There is a pipeline named "${name}" already: pick another name, or open that one.` : undefined);
    if (why) {
      setProblem(why);
      return;
    }
    const path = pipelinePath(name);
    try {
      await studio.api.workspace.write(path, serializePipeline({ name, stages: [], globalConfig: {}, description: null }));
      // Show it now rather than when the watcher's listing arrives.
      studio.workspace.getState().setEntries(await studio.api.workspace.list());
    } catch (error) {
      setProblem(`Could not create ${path}: ${errorMessage(error)}`);
      return;
    }
    setCreating(null);
    setProblem(undefined);
    openPipeline(studio, path);
  };

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') void create();
    else if (event.key === 'Escape') {
      setCreating(null);
      setProblem(undefined);
    } else return;
    event.preventDefault();
  };

  return (
    <section className="pipelines-files" aria-label="Pipelines in the workspace">
      <h3 className="sidebar-section">
        <span className="codicon codicon-type-hierarchy-sub" aria-hidden="true" />
        <span className="sidebar-section-name">Pipelines</span>
        <button
          type="button"
          className="icon-button pipelines-new-button"
          title="New Pipeline"
          aria-label="New pipeline"
          onClick={() => {
            setCreating('');
            setProblem(undefined);
          }}
        >
          <span className="codicon codicon-new-file" aria-hidden="true" />
        </button>
      </h3>
      <ul className="tree" role="list">
        {files.map((path) => (
          <FileRow key={path} path={path} active={path === active} onOpen={() => openPipeline(studio, path)} />
        ))}
        {creating !== null && (
          <li className="pipelines-new">
            <input
              className="input"
              autoFocus
              value={creating}
              placeholder="pipeline name"
              aria-label="New pipeline name"
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'pipelines-new-problem' : undefined}
              onChange={(e) => {
                setCreating(e.target.value);
                setProblem(undefined);
              }}
              onKeyDown={onKey}
              onBlur={() => {
                if ((creating ?? '').trim() === '') setCreating(null);
              }}
            />
            {problem && <p id="pipelines-new-problem" className="pipelines-new-problem" role="alert">{problem}</p>}
          </li>
        )}
      </ul>
      {files.length === 0 && creating === null && (
        <p className="tree-empty">
          No pipelines yet.{' '}
          <button type="button" className="pipelines-link" onClick={() => setCreating('')}>Create one</button>
        </p>
      )}
    </section>
  );
}

function FileRow({ path, active, onOpen }: { path: string; active: boolean; onOpen(): void }) {
  const studio = useStudio();
  const doc = openPipelineDocs(studio).get(path);
  const dirty = useDocSlice(doc ?? null, (s) => s.dirty, false);
  return (
    <li>
      <button type="button" className={`tree-row pipelines-file${active ? ' is-selected' : ''}`} aria-current={active ? 'true' : undefined} onClick={onOpen}>
        <span className="tree-icon codicon codicon-type-hierarchy-sub" aria-hidden="true" />
        <span className="tree-label">{pipelineNameOf(path)}</span>
        {dirty && <span className="tree-dirty" aria-label="unsaved" />}
      </button>
    </li>
  );
}
