/**
 * The language service on the SPL contracts in definitions/: every protocol imports
 * spl-common.avdl, so completion, go to definition, references and rename must cross files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLanguageService, type Position } from './index.js';

const dir = new URL('../../../definitions/', import.meta.url);
const files = new Map<string, string>();
for (const name of readdirSync(dir)) if (name.endsWith('.avdl')) files.set(`definitions/${name}`, readFileSync(new URL(name, dir), 'utf8'));
const data = files.get('definitions/spl-data.avdl')!;

function positionOf(text: string, needle: string, into = 1): Position {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`no ${needle}`);
  const before = text.slice(0, at + into).split('\n');
  return { lineNumber: before.length, column: before[before.length - 1].length + 1 };
}

describe('the SPL contracts', () => {
  it('all compile without problems in the editor', async () => {
    const service = createLanguageService();
    for (const path of files.keys()) {
      const result = await service.diagnostics(files, path);
      expect(result.markers, path).toEqual([]);
      expect(result.output?.kind).toBe(path.endsWith('spl-common.avdl') ? 'avsc' : 'avpr');
    }
  });

  it('offers spl-common.avdl\'s types by full name in spl-data.avdl, while typing a new field', async () => {
    const service = createLanguageService();
    const anchor = '    string topic;\n';
    const typing = data.replace(anchor, `${anchor}    spl.common.\n`);
    const position = positionOf(typing, 'spl.common.\n', 'spl.common.'.length);
    const edited = new Map(files).set('definitions/spl-data.avdl', typing);
    const result = await service.completions(edited, 'definitions/spl-data.avdl', position);
    expect(result.context).toBe('type');
    const labels = result.items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['spl.common.Payload', 'spl.common.SchemaRef', 'spl.common.ExecuteStatus', 'spl.common.ExecutionError']));
    // The protocol's own types by their simple names.
    expect(labels).toEqual(expect.arrayContaining(['DataWriteRequest', 'DataResponse']));
    expect(result.items.find((i) => i.label === 'spl.common.Payload')?.documentation).toContain('definitions/spl-common.avdl');
  });

  it('goes from spl.common.Payload in spl-data.avdl to its definition in spl-common.avdl', async () => {
    const service = createLanguageService();
    const [location] = await service.definition(files, 'definitions/spl-data.avdl', positionOf(data, 'spl.common.Payload data', 12));
    expect(location.path).toBe('definitions/spl-common.avdl');
    const common = files.get('definitions/spl-common.avdl')!.split('\n');
    expect(common[location.range.startLineNumber - 1].slice(location.range.startColumn - 1, location.range.endColumn - 1)).toBe('Payload');
  });

  it('finds the uses of a common type in every protocol', async () => {
    const service = createLanguageService();
    const refs = await service.references(files, 'definitions/spl-data.avdl', positionOf(data, 'spl.common.Payload data', 12), true);
    const paths = new Set(refs.map((r) => r.path));
    expect(paths.has('definitions/spl-common.avdl')).toBe(true);
    expect(paths.has('definitions/spl-data.avdl')).toBe(true);
    expect(paths.has('definitions/spl-pipeline.avdl')).toBe(true);
  });

  it('renames a common type in every file that uses it, and everything still compiles', async () => {
    const service = createLanguageService();
    const result = await service.rename(files, 'definitions/spl-data.avdl', positionOf(data, 'spl.common.Payload data', 12), 'TypedValue');
    if (!result.ok) throw new Error(result.reason);
    const changed = new Map(files);
    for (const change of result.changes) {
      const lines = changed.get(change.path)!.split('\n');
      for (const edit of [...change.edits].sort((a, b) => b.range.startLineNumber - a.range.startLineNumber || b.range.startColumn - a.range.startColumn)) {
        const line = lines[edit.range.startLineNumber - 1];
        lines[edit.range.startLineNumber - 1] = line.slice(0, edit.range.startColumn - 1) + edit.newText + line.slice(edit.range.endColumn - 1);
      }
      changed.set(change.path, lines.join('\n'));
    }
    expect(changed.get('definitions/spl-common.avdl')).toContain('record TypedValue {');
    for (const path of changed.keys()) expect((await service.diagnostics(changed, path)).errorCount, path).toBe(0);
  });

  it('shows a common type\'s doc when hovering its use', async () => {
    const hover = await createLanguageService().hover(files, 'definitions/spl-data.avdl', positionOf(data, 'spl.common.Payload data', 12));
    expect(hover?.markdown).toContain('record spl.common.Payload');
    expect(hover?.markdown).toContain('Avro binary plus a reference to the schema');
  });

  it('outlines spl-data.avdl and formats every contract to itself', async () => {
    const service = createLanguageService();
    const outline = await service.outline(files, 'definitions/spl-data.avdl');
    expect(outline).toHaveLength(1);
    expect(outline[0].children.map((c) => c.name)).toEqual(expect.arrayContaining(['DataWriteRequest', 'DataResponse', 'write', 'read']));
    for (const path of files.keys()) expect(await service.format(files, path), path).toEqual({ ok: true, edits: [] });
  });
});
