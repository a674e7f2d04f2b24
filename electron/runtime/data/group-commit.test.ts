import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';
import type { RecordStore, RecordWrite, WriteOutcome } from './record-store.js';

function fakeStore(fail = false) {
  const batches: RecordWrite[][] = [];
  let seq = 0;
  const store = {
    writeBatch(writes: readonly RecordWrite[]): WriteOutcome[] {
      batches.push([...writes]);
      if (fail) throw new Error('disk full');
      return writes.map(() => ({ seq: ++seq, created: true, updatedAt: 0 }));
    },
  } as unknown as RecordStore;
  return { store, batches };
}

const write = (key: string): RecordWrite => ({ topic: 't', key, fingerprint: Buffer.alloc(8), value: Buffer.from(key) });

describe('GroupCommit', () => {
  it('commits writes that arrive together in one batch, each acknowledged with its own outcome', async () => {
    const { store, batches } = fakeStore();
    const commits = new GroupCommit(() => store);
    const outcomes = await Promise.all(['a', 'b', 'c'].map((k) => commits.write(write(k))));
    expect(batches.map((b) => b.map((w) => w.key))).toEqual([['a', 'b', 'c']]);
    expect(outcomes.map((o) => o.seq)).toEqual([1, 2, 3]);
  });

  it('gives an awaiting writer one transaction per write', async () => {
    const { store, batches } = fakeStore();
    const commits = new GroupCommit(() => store);
    for (const k of ['a', 'b']) await commits.write(write(k));
    expect(batches).toHaveLength(2);
  });

  it('cuts batches at maxBatch, yielding between them', async () => {
    const { store, batches } = fakeStore();
    const commits = new GroupCommit(() => store, 2);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => commits.write(write(k))));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
  });

  it('fails every write of a batch whose commit fails', async () => {
    const { store } = fakeStore(true);
    const commits = new GroupCommit(() => store);
    const results = await Promise.allSettled(['a', 'b'].map((k) => commits.write(write(k))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('drains synchronously on close', () => {
    const { store, batches } = fakeStore();
    const commits = new GroupCommit(() => store);
    void commits.write(write('a'));
    expect(commits.pending).toBe(1);
    commits.drain();
    expect(batches).toHaveLength(1);
    expect(commits.pending).toBe(0);
  });
});
