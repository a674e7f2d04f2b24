/**
 * The workspace's environments (in spl-workspace.json, so they travel with it in git): named
 * sets of variables for `{{name}}` in request bodies and metadata. Edited as a draft and saved
 * in one write that refuses to overwrite a file changed on disk meanwhile. Secrets do not
 * belong here: the file is shared; tokens stay in the connection's settings.
 */
import { useState } from 'react';
import type { Environments } from '../../../shared/studio/environment.js';
import { useSlice, useStudio } from '../app/studio.js';
import '../components/key-value-rows.css';
import { SETTINGS_FILE } from '../workspace/workspace-settings.js';

interface DraftVar {
  id: number;
  name: string;
  value: string;
}

interface DraftEnv {
  id: number;
  name: string;
  vars: DraftVar[];
}

let draftSeq = 0;

function toDraft(environments: Environments): DraftEnv[] {
  return Object.entries(environments).map(([name, vars]) => ({
    id: ++draftSeq,
    name,
    vars: Object.entries(vars).map(([n, value]) => ({ id: ++draftSeq, name: n, value })),
  }));
}

/** The draft as environments, or what must be fixed first. */
export function fromDraft(draft: DraftEnv[]): { environments: Environments } | { error: string } {
  const environments: Environments = {};
  for (const env of draft) {
    const name = env.name.trim();
    if (name === '') return { error: 'Every environment needs a name.' };
    if (Object.prototype.hasOwnProperty.call(environments, name)) return { error: `Two environments are called "${name}".` };
    const vars: Record<string, string> = {};
    for (const v of env.vars) {
      const key = v.name.trim();
      if (key === '') return { error: `A variable of "${name}" has no name.` };
      if (Object.prototype.hasOwnProperty.call(vars, key)) return { error: `"${name}" defines {{${key}}} twice.` };
      vars[key] = v.value;
    }
    environments[name] = vars;
  }
  return { environments };
}

export function EnvironmentTab() {
  const studio = useStudio();
  const environments = useSlice(studio.composer, (s) => s.environments);
  const error = useSlice(studio.composer, (s) => s.environmentsError);
  const [state, setState] = useState(() => ({ base: environments, draft: toDraft(environments), dirty: false }));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // The file changed (read again, or saved): show it, unless there are edits here to keep.
  if (state.base !== environments && !state.dirty) setState({ base: environments, draft: toDraft(environments), dirty: false });
  const { draft, dirty } = state;

  const edit = (next: DraftEnv[]) => {
    setState({ base: state.base, draft: next, dirty: true });
    setProblem(null);
  };
  const editEnv = (id: number, change: (env: DraftEnv) => DraftEnv) => edit(draft.map((e) => (e.id === id ? change(e) : e)));

  const save = async () => {
    const built = fromDraft(draft);
    if ('error' in built) return setProblem(built.error);
    setSaving(true);
    const saved = await studio.composer.getState().saveEnvironments(built.environments);
    setSaving(false);
    if (saved) setState({ base: studio.composer.getState().environments, draft, dirty: false });
  };

  const revert = () => {
    setState({ base: environments, draft: toDraft(environments), dirty: false });
    setProblem(null);
  };

  return (
    <div className="environment-tab">
      <p className="composer-note">
        Environments live in <code>{SETTINGS_FILE}</code>, shared with everyone who has the workspace: keep secrets out of them.
      </p>
      {error && (
        <p className="composer-problem" role="alert">
          <span className="codicon codicon-error" aria-hidden="true" />
          <span>{error}</span>
        </p>
      )}
      {draft.length === 0 && <p className="composer-note">No environments yet. Add one to give {'{{variables}}'} their values.</p>}
      {draft.map((env, i) => (
        <fieldset key={env.id} className="env-card">
          <legend className="visually-hidden">Environment {env.name || i + 1}</legend>
          <div className="env-head">
            <input className="input env-name" value={env.name} placeholder="environment name" aria-label={`Name of environment ${i + 1}`} onChange={(e) => editEnv(env.id, (x) => ({ ...x, name: e.target.value }))} />
            <button type="button" className="icon-button" aria-label={`Remove environment ${env.name || i + 1}`} title="Remove Environment" onClick={() => edit(draft.filter((e) => e.id !== env.id))}>
              <span className="codicon codicon-trash" aria-hidden="true" />
            </button>
          </div>
          <table className="kv-table">
            <tbody>
              {env.vars.map((v, j) => (
                <tr key={v.id}>
                  <td>
                    <input className="input is-mono" value={v.name} placeholder="variable" aria-label={`Variable ${j + 1} of ${env.name || `environment ${i + 1}`}`} spellCheck={false}
                      onChange={(e) => editEnv(env.id, (x) => ({ ...x, vars: x.vars.map((y) => (y.id === v.id ? { ...y, name: e.target.value } : y)) }))} />
                  </td>
                  <td>
                    <input className="input is-mono" value={v.value} placeholder="value" aria-label={`Value of ${v.name || `variable ${j + 1}`} in ${env.name || `environment ${i + 1}`}`} spellCheck={false}
                      onChange={(e) => editEnv(env.id, (x) => ({ ...x, vars: x.vars.map((y) => (y.id === v.id ? { ...y, value: e.target.value } : y)) }))} />
                  </td>
                  <td className="kv-actions">
                    <button type="button" className="icon-button" aria-label={`Remove ${v.name || `variable ${j + 1}`} from ${env.name || `environment ${i + 1}`}`} title="Remove Variable"
                      onClick={() => editEnv(env.id, (x) => ({ ...x, vars: x.vars.filter((y) => y.id !== v.id) }))}>
                      <span className="codicon codicon-close" aria-hidden="true" />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="button is-small" onClick={() => editEnv(env.id, (x) => ({ ...x, vars: [...x.vars, { id: ++draftSeq, name: '', value: '' }] }))}>
            <span className="codicon codicon-add" aria-hidden="true" /> Add Variable
          </button>
        </fieldset>
      ))}
      {problem && (
        <p className="composer-problem" role="alert">
          <span className="codicon codicon-error" aria-hidden="true" />
          <span>{problem}</span>
        </p>
      )}
      <div className="tab-footer">
        <button type="button" className="button" onClick={() => edit([...draft, { id: ++draftSeq, name: draft.length === 0 ? 'dev' : '', vars: [] }])}>
          <span className="codicon codicon-add" aria-hidden="true" /> Add Environment
        </button>
        <span className="tab-footer-spacer" />
        <button type="button" className="button" disabled={!dirty || saving} onClick={revert}>
          Revert
        </button>
        <button type="button" className="button is-primary" disabled={!dirty || saving} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save Environments'}
        </button>
      </div>
    </div>
  );
}
