/**
 * The frame annotator on frames built with the engine's own encoders, on frames split or
 * followed by stray bytes, and on bytes that are anything at all: it labels what it can, never
 * throws, and its segments always tile the frame.
 */
import { describe, expect, it } from 'vitest';
import type { FrameSegment } from '../../../../shared/studio/api.js';
import { encodeFramed, encodeNetty } from '../../rpc/framing.js';
import { handshakeRequestType, handshakeResponseType } from '../../rpc/handshake.js';
import { ProtocolCodec } from '../../rpc/protocol-codec.js';
import { booleanType, encodeMeta, stringType } from '../../rpc/wire.js';
import { annotateRequest, annotateResponse, type Framing } from './frame-annotator.js';

const codec = ProtocolCodec.fromText(JSON.stringify({
  protocol: 'Echo', namespace: 't',
  types: [{ type: 'error', name: 'Oops', fields: [{ name: 'why', type: 'string' }] }],
  messages: { echo: { request: [{ name: 'text', type: 'string' }], response: 'string', errors: ['Oops'] } },
}));
const echo = codec.messages.get('echo')!;

const handshake = handshakeRequestType.toBuffer({
  clientHash: codec.hash, clientProtocol: codec.text, serverHash: Buffer.alloc(16, 7),
  meta: { token: Buffer.from('open-sesame'), 'spl.protocol': Buffer.from('t.Echo') },
});
const call = Buffer.concat([encodeMeta({ trace: Buffer.from('t-1') }), stringType.toBuffer('echo'), echo.request.toBuffer({ text: 'hello' })]);
const answerHandshake = handshakeResponseType.toBuffer({ match: 'CLIENT', serverProtocol: codec.text, serverHash: codec.hash, meta: null });
const answer = (failed: boolean, payload: Buffer) => Buffer.concat([encodeMeta(undefined), booleanType.toBuffer(failed), payload]);
const ok = answer(false, echo.response.toBuffer('hello'));
const declared = answer(true, echo.errors.toBuffer({ 't.Oops': { why: 'no' } }));
const system = answer(true, echo.errors.toBuffer({ string: 'boom' }));

function expectTiled(segments: FrameSegment[], length: number): void {
  if (length === 0) return expect(segments).toEqual([]);
  expect(segments[0].start).toBe(0);
  for (let i = 1; i < segments.length; i++) expect(segments[i].start).toBe(segments[i - 1].end);
  expect(segments.at(-1)!.end).toBe(length);
  for (const s of segments) expect(s.end).toBeGreaterThan(s.start);
}

const labels = (segments: FrameSegment[]) => segments.map((s) => `${s.kind}: ${s.label}`);

describe('annotateRequest', () => {
  it('labels a handshake field by field and hides the token', () => {
    const wire = encodeFramed(Buffer.concat([handshake, call]));
    const { segments, hidden, handshake: info, messageName } = annotateRequest(wire, { framing: 'http', codec, handshake: true });
    expectTiled(segments, wire.length);
    expect(labels(segments)).toEqual([
      `framing: frame length ${wire.length - 8}`,
      `handshake: handshake request: clientHash ${codec.hashKey}`,
      `handshake: handshake request: clientProtocol (${codec.text.length} characters of protocol JSON)`,
      `handshake: handshake request: serverHash ${'07'.repeat(16)}`,
      'handshake: handshake request: meta {token (hidden), spl.protocol="t.Echo"}',
      'metadata: metadata {trace="t-1"}',
      'message-name: message name "echo"',
      'payload: parameters of "echo" (6 bytes)',
      'framing: end of message (frame length 0)',
    ]);
    expect(hidden.map((s) => wire.subarray(s.start, s.end).toString())).toEqual(['open-sesame']);
    expect(info).toEqual({ clientHash: codec.hashKey, serverHash: '07'.repeat(16), clientProtocolSent: true });
    expect(messageName).toBe('echo');
  });

  it('tells a TCP call with a handshake from one without', () => {
    const first = annotateRequest(encodeNetty(1, Buffer.concat([handshake, call])), { framing: 'netty', codec, handshake: 'detect' });
    expect(first.handshake).toBeDefined();
    const later = annotateRequest(encodeNetty(2, call), { framing: 'netty', codec, handshake: 'detect' });
    expect(later.handshake).toBeUndefined();
    expect(labels(later.segments)).toEqual([
      'framing: serial 2', 'framing: frame count 1', `framing: frame length ${call.length}`,
      'metadata: metadata {trace="t-1"}', 'message-name: message name "echo"', 'payload: parameters of "echo" (6 bytes)',
    ]);
  });

  it('follows a body across several frames, and marks bytes after the end', () => {
    const body = Buffer.concat([handshake, call]);
    const split = 20;
    const length = (n: number) => {
      const word = Buffer.alloc(4);
      word.writeUInt32BE(n);
      return word;
    };
    const wire = Buffer.concat([length(split), body.subarray(0, split), length(body.length - split), body.subarray(split), length(0), Buffer.from('junk')]);
    const { segments } = annotateRequest(wire, { framing: 'http', codec, handshake: true });
    expectTiled(segments, wire.length);
    expect(labels(segments).slice(0, 5)).toEqual([
      `framing: frame length ${split}`,
      `handshake: handshake request: clientHash ${codec.hashKey}`,
      'handshake: handshake request: clientProtocol (' + codec.text.length + ' characters of protocol JSON)',
      `framing: frame length ${body.length - split}`,
      'handshake: handshake request: clientProtocol (' + codec.text.length + ' characters of protocol JSON) (continued)',
    ]);
    expect(labels(segments).slice(-2)).toEqual(['framing: end of message (frame length 0)', 'payload: unparsed (4 bytes): bytes after the end of the message']);
  });

  it('says where it stops understanding', () => {
    const cut = encodeFramed(Buffer.concat([handshake.subarray(0, 20)]));
    const { segments } = annotateRequest(cut, { framing: 'http', handshake: true });
    expectTiled(segments, cut.length);
    expect(segments[2]).toMatchObject({ kind: 'payload', label: `unparsed (4 bytes): the handshake's clientProtocol needs ${codec.text.length} bytes, 1 left` });
    const truncated = encodeFramed(call).subarray(0, 10);
    expect(labels(annotateRequest(truncated, { framing: 'http', handshake: false }).segments)).toEqual([
      `framing: frame length ${call.length}`, `payload: unparsed (6 bytes): the frame declares ${call.length} bytes but 6 follow`,
    ]);
  });
});

describe('annotateResponse', () => {
  it('labels the handshake answer, the metadata, the error flag and the response', () => {
    const wire = encodeFramed(Buffer.concat([answerHandshake, ok]));
    const { segments, handshake: info, meta } = annotateResponse(wire, { framing: 'http', codec, messageName: 'echo', handshake: true });
    expectTiled(segments, wire.length);
    expect(labels(segments).slice(1, -1)).toEqual([
      'handshake: handshake response: match CLIENT',
      `handshake: handshake response: serverProtocol (${codec.text.length} characters of protocol JSON)`,
      `handshake: handshake response: serverHash ${codec.hashKey}`,
      'handshake: handshake response: meta null',
      'metadata: metadata {}',
      'error-flag: error flag: false',
      'payload: response of "echo" (6 bytes)',
    ]);
    expect(info).toEqual({ match: 'CLIENT', serverHash: codec.hashKey, serverProtocolSent: true });
    expect(meta).toEqual([]);
  });

  it('names a declared error by its type and shows a system error\'s text', () => {
    const oops = annotateResponse(encodeNetty(3, declared), { framing: 'netty', codec, messageName: 'echo', handshake: false });
    expect(labels(oops.segments).slice(-2)).toEqual(['error-flag: error flag: true (an error follows)', 'payload: declared error t.Oops (4 bytes)']);
    const boom = annotateResponse(encodeNetty(3, system), { framing: 'netty', codec, messageName: 'echo', handshake: false });
    expect(labels(boom.segments).at(-1)).toBe('payload: system error "boom"');
  });
});

describe('odd bytes', () => {
  /** A small deterministic generator (mulberry32), so a failure can be replayed. */
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('never throws, and always tiles the frame', () => {
    const next = random(42);
    const bodies = [Buffer.concat([handshake, call]), call, Buffer.concat([answerHandshake, ok]), declared, system];
    for (let i = 0; i < 1000; i++) {
      const framing: Framing = i % 2 === 0 ? 'http' : 'netty';
      let wire: Buffer;
      const body = bodies[i % bodies.length];
      const framed = framing === 'http' ? encodeFramed(body) : encodeNetty(i, body);
      switch (i % 4) {
        case 0: // pure noise
          wire = Buffer.from(Array.from({ length: Math.floor(next() * 80) }, () => Math.floor(next() * 256)));
          break;
        case 1: // cut short
          wire = framed.subarray(0, Math.floor(next() * framed.length));
          break;
        default: { // a few bytes flipped
          wire = Buffer.from(framed);
          for (let k = 0; k < 1 + Math.floor(next() * 3); k++) wire[Math.floor(next() * wire.length)] = Math.floor(next() * 256);
        }
      }
      const request = annotateRequest(wire, { framing, codec, handshake: i % 3 === 0 ? 'detect' : i % 3 === 1 });
      expectTiled(request.segments, wire.length);
      const response = annotateResponse(wire, { framing, codec, messageName: 'echo', handshake: i % 5 < 2 });
      expectTiled(response.segments, wire.length);
      for (const span of [...request.hidden, ...response.hidden]) expect(span.end).toBeLessThanOrEqual(wire.length);
    }
  });
});
