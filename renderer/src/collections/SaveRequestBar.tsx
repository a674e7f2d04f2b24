/**
 * Saves the composer's request into a collection: an existing one or a new one by name, under
 * a name of its own (a request of the same name there is replaced). Enter saves, Escape closes.
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useSlice, useStudio } from '../app/studio.js';
import { collectionsOf } from './collections-of.js';
import { savedRequestFrom } from './saved-request-from.js';

const NEW = '#new';

export function SaveRequestBar() {
  const studio = useStudio();
  const collections = collectionsOf(studio);
  const files = useSlice(collections, (s) => s.files);
  const loaded = useSlice(collections, (s) => s.loaded);
  const origin = useSlice(studio.composer, (s) => s.origin);
  const message = useSlice(studio.composer, (s) => s.target.message);
  const usable = files.filter((f) => f.collection);
  const [into, setInto] = useState(() => origin?.path ?? usable[0]?.path ?? NEW);
  const [collectionName, setCollectionName] = useState('');
  const [name, setName] = useState(() => origin?.name ?? message);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (!loaded) void collections.getState().load();
    first.current?.focus();
  }, [collections, loaded]);

  const close = () => collections.getState().setSaving(false);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    const built = savedRequestFrom(studio.composer.getState(), name);
    if ('error' in built) return setProblem(built.error);
    if (into === NEW && collectionName.trim() === '') return setProblem('Give the new collection a name.');
    setBusy(true);
    const path = await collections.getState().save(into === NEW ? { newCollection: collectionName } : { path: into }, built.request);
    setBusy(false);
    if (!path) return;
    studio.composer.getState().setOrigin({ path, name: built.request.name });
    studio.notifications.getState().push(`Saved "${built.request.name}" in ${path}.`, 'info');
    close();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };

  return (
    <form className="save-bar" aria-label="Save request" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown}>
      <span className="codicon codicon-save" aria-hidden="true" />
      <label className="save-bar-field">
        <span>Collection</span>
        <select ref={first} className="input" value={into} onChange={(e) => setInto(e.target.value)} aria-label="Collection">
          {usable.map((f) => (
            <option key={f.path} value={f.path}>
              {f.collection?.name} ({f.path})
            </option>
          ))}
          <option value={NEW}>New collection…</option>
        </select>
      </label>
      {into === NEW && (
        <label className="save-bar-field">
          <span>New collection</span>
          <input className="input" value={collectionName} placeholder="collection name" aria-label="New collection name" onChange={(e) => setCollectionName(e.target.value)} />
        </label>
      )}
      <label className="save-bar-field">
        <span>Name</span>
        <input className="input" value={name} placeholder="request name" aria-label="Request name" onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit" className="button is-primary" disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="button" onClick={close}>
        Cancel
      </button>
      {problem && (
        <span className="save-bar-problem" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
