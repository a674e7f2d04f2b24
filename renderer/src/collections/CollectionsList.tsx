/**
 * The workspace's collections in the composer's side bar: each `requests/*.json` file with its
 * saved requests (open, rename, delete), and files that are not valid collections with the
 * reason, so they can be fixed in the editor.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { SavedRequest } from '../../../shared/studio/saved-requests.js';
import { useSlice, useStudio } from '../app/studio.js';
import { collectionsOf } from './collections-of.js';

interface Editing {
  path: string;
  index: number;
  name: string;
}

export function CollectionsList() {
  const studio = useStudio();
  const collections = collectionsOf(studio);
  const files = useSlice(collections, (s) => s.files);
  const loaded = useSlice(collections, (s) => s.loaded);
  const error = useSlice(collections, (s) => s.error);
  const origin = useSlice(studio.composer, (s) => s.origin);
  const [editing, setEditing] = useState<Editing | null>(null);

  useEffect(() => {
    if (!loaded) void collections.getState().load();
  }, [collections, loaded]);

  const open = (request: SavedRequest, path: string) => {
    studio.composer.getState().loadSaved(request, path);
    if (studio.layout.getState().view !== 'composer') studio.layout.getState().showView('composer');
  };

  const remove = async (path: string, index: number, request: SavedRequest) => {
    const answer = await studio.dialog.getState().ask({
      title: `Delete "${request.name}"?`,
      message: `It is removed from ${path}. Git, if the workspace uses it, still has it.`,
      choices: [
        { id: 'delete', label: 'Delete', primary: true },
        { id: 'cancel', label: 'Cancel' },
      ],
    });
    if (answer === 'delete' && (await collections.getState().remove(path, index)) && origin?.path === path && origin.name === request.name) {
      studio.composer.getState().setOrigin(null);
    }
  };

  const commitRename = async () => {
    if (!editing) return;
    const { path, index, name } = editing;
    const before = files.find((f) => f.path === path)?.collection?.requests[index]?.name;
    if (await collections.getState().rename(path, index, name)) {
      setEditing(null);
      if (origin?.path === path && origin.name === before) studio.composer.getState().setOrigin({ path, name: name.trim() });
    }
  };

  const onRenameKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') void commitRename();
    else if (event.key === 'Escape') setEditing(null);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  if (error) return <p className="side-note is-error">{error}</p>;
  if (!loaded) return <p className="side-note">Reading collections…</p>;
  if (files.length === 0) return <p className="side-note">No saved requests. Save one from the composer: it goes into <code>requests/</code> in the workspace.</p>;

  return (
    <ul className="collections" aria-label="Collections">
      {files.map((file) => (
        <li key={file.path} className="collection">
          <div className={`collection-head${file.error ? ' is-broken' : ''}`} title={file.path}>
            <span className={`codicon ${file.error ? 'codicon-warning' : 'codicon-folder-library'}`} aria-hidden="true" />
            <span className="collection-name">{file.collection?.name ?? file.path}</span>
            {file.collection && <span className="pane-count">{file.collection.requests.length}</span>}
          </div>
          {file.error ? (
            <p className="side-note is-error">
              {file.error}{' '}
              <button type="button" className="side-link" onClick={() => void studio.openFile(file.path).then(() => studio.layout.getState().showView('editor'))}>
                Open {file.path}
              </button>
            </p>
          ) : (
            <ul className="collection-requests" aria-label={`Requests in ${file.collection?.name ?? file.path}`}>
              {file.collection?.requests.map((request, index) => {
                const isEditing = editing?.path === file.path && editing.index === index;
                const isOrigin = origin?.path === file.path && origin.name === request.name;
                return (
                  <li key={`${index}-${request.name}`} className={`side-item${isOrigin ? ' is-current' : ''}`}>
                    {isEditing ? (
                      <input
                        className="input side-rename"
                        autoFocus
                        aria-label={`New name for ${request.name}`}
                        value={editing.name}
                        onChange={(e) => setEditing({ ...editing, name: e.target.value })}
                        onKeyDown={onRenameKey}
                        onBlur={() => setEditing(null)}
                      />
                    ) : (
                      <button type="button" className="side-item-main" title={`${request.protocol}.${request.message} on ${request.nodeId}`} onClick={() => open(request, file.path)}>
                        <span className="side-item-title">{request.name}</span>
                        <span className="side-item-sub">{request.message} · {request.nodeId}</span>
                      </button>
                    )}
                    {!isEditing && (
                      <span className="side-item-actions">
                        <button type="button" className="icon-button" aria-label={`Rename ${request.name}`} title="Rename" onClick={() => setEditing({ path: file.path, index, name: request.name })}>
                          <span className="codicon codicon-edit" aria-hidden="true" />
                        </button>
                        <button type="button" className="icon-button" aria-label={`Delete ${request.name}`} title="Delete" onClick={() => void remove(file.path, index, request)}>
                          <span className="codicon codicon-trash" aria-hidden="true" />
                        </button>
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
