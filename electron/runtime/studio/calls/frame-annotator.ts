/**
 * Labels the bytes of one frame as they crossed the wire, for the studio's annotated hex view:
 * transport framing (HTTP: frame lengths and the zero terminator; TCP: serial, frame count,
 * frame lengths), the handshake field by field, the call metadata, the message name, the error
 * flag and the payload. The segments tile the frame: each starts where the previous one ended,
 * the last ends at the frame's end.
 *
 * The bytes may be anything (a foreign server, a bug): this never throws. From the first byte
 * it cannot read on, the rest is one `payload` segment labelled as unparsed, saying why.
 */
import type { FrameSegment, HandshakeMatch } from '../../../../shared/studio/api.js';
import { isNamed } from '../../../../shared/avro/model.js';
import type { ProtocolCodec } from '../../rpc/protocol-codec.js';
import { ByteCursor, readBytesMap, Unparsed, type MapEntry } from './byte-cursor.js';

/** HTTP bodies use standard framing; TCP packets Netty framing. */
export type Framing = 'http' | 'netty';

export interface Span {
  start: number;
  end: number;
}

export interface HandshakeRequestInfo {
  clientHash: string;
  serverHash: string;
  clientProtocolSent: boolean;
}

export interface HandshakeResponseInfo {
  match: HandshakeMatch;
  serverHash: string | null;
  serverProtocolSent: boolean;
}

export interface AnnotatedRequest {
  segments: FrameSegment[];
  /** Bytes not to show: the value of a `token` in the handshake meta. */
  hidden: Span[];
  /** The handshake, when the request carried one. */
  handshake?: HandshakeRequestInfo;
  messageName?: string;
}

export interface AnnotatedResponse {
  segments: FrameSegment[];
  hidden: Span[];
  handshake?: HandshakeResponseInfo;
  /** The call metadata, when it could be read. */
  meta?: MapEntry[];
}

export interface RequestContext {
  framing: Framing;
  /** The protocol called: knowing its messages tells a handshake from a call when `handshake` is 'detect'. */
  codec?: ProtocolCodec;
  /**
   * Whether a handshake leads the call: always over HTTP; over TCP only on a connection's first
   * call, which the bytes themselves tell ('detect').
   */
  handshake: boolean | 'detect';
}

export interface ResponseContext {
  framing: Framing;
  codec?: ProtocolCodec;
  /** The message the request named, to name the response's payload and declared errors. */
  messageName?: string;
  /** Whether the request carried a handshake (then the response does too). */
  handshake: boolean;
}

/** Handshake meta keys whose values stay hidden. */
const SECRET_META = new Set(['token']);
const MATCHES: readonly HandshakeMatch[] = ['BOTH', 'CLIENT', 'NONE'];

export function annotateRequest(wire: Buffer, context: RequestContext): AnnotatedRequest {
  return safely(wire, () => {
    const framed = unframe(wire, context.framing);
    if (!framed.complete) return { segments: framed.segments, hidden: [] };
    const body = parseRequestBody(framed.body, context.handshake, context.codec);
    return {
      segments: merge(framed, body.segments),
      hidden: body.hidden.flatMap((span) => toWire(framed, span)),
      handshake: body.handshake,
      messageName: body.messageName,
    };
  });
}

export function annotateResponse(wire: Buffer, context: ResponseContext): AnnotatedResponse {
  return safely(wire, () => {
    const framed = unframe(wire, context.framing);
    if (!framed.complete) return { segments: framed.segments, hidden: [] };
    const body = parseResponseBody(framed.body, context);
    return {
      segments: merge(framed, body.segments),
      hidden: body.hidden.flatMap((span) => toWire(framed, span)),
      handshake: body.handshake,
      meta: body.meta,
    };
  });
}

/** Whatever goes wrong in here, the frame is still shown: as one unparsed span. */
function safely<T extends { segments: FrameSegment[]; hidden: Span[] }>(wire: Buffer, annotate: () => T): T | { segments: FrameSegment[]; hidden: Span[] } {
  try {
    return annotate();
  } catch (error) {
    const segments = wire.length > 0 ? [unparsed(0, wire.length, error instanceof Error ? error.message : String(error))] : [];
    return { segments, hidden: [] };
  }
}

function unparsed(start: number, end: number, why: string): FrameSegment {
  return { start, end, kind: 'payload', label: `unparsed (${end - start} bytes): ${why}` };
}

// ---- transport framing ---------------------------------------------------------------------

interface FrameContent {
  /** Where the frame's content starts in the wire bytes, and in the joined body. */
  wireStart: number;
  bodyStart: number;
  length: number;
}

interface Unframed {
  /** The framing's own segments (and any unparsed ones). */
  segments: FrameSegment[];
  frames: FrameContent[];
  body: Buffer;
  /** The framing could be read to its end (trailing bytes after it are allowed, and marked). */
  complete: boolean;
}

function unframe(wire: Buffer, framing: Framing): Unframed {
  const segments: FrameSegment[] = [];
  const frames: FrameContent[] = [];
  let bodyLength = 0;
  let pos = 0;
  const framingWord = (label: string): void => {
    segments.push({ start: pos, end: pos + 4, kind: 'framing', label });
    pos += 4;
  };
  const frame = (length: number): void => {
    frames.push({ wireStart: pos, bodyStart: bodyLength, length });
    bodyLength += length;
    pos += length;
  };
  const stop = (why: string): Unframed => {
    // The frames read so far are shown as they are; their content is not annotated.
    for (const f of frames) segments.push({ start: f.wireStart, end: f.wireStart + f.length, kind: 'payload', label: `frame content (${f.length} bytes, not annotated: the framing is broken)` });
    if (pos < wire.length) segments.push(unparsed(pos, wire.length, why));
    return { segments: sorted(segments), frames, body: Buffer.alloc(0), complete: false };
  };
  if (framing === 'http') {
    for (;;) {
      if (wire.length - pos < 4) return stop(pos === wire.length ? 'the message ends without its zero-length terminator' : 'too few bytes for a frame length');
      const length = wire.readUInt32BE(pos);
      if (length === 0) {
        framingWord('end of message (frame length 0)');
        break;
      }
      framingWord(`frame length ${length}`);
      if (length > wire.length - pos) return stop(`the frame declares ${length} bytes but ${wire.length - pos} follow`);
      frame(length);
    }
  } else {
    if (wire.length < 8) return stop('too few bytes for a packet header (serial and frame count)');
    framingWord(`serial ${wire.readInt32BE(0)}`);
    const count = wire.readInt32BE(4);
    framingWord(`frame count ${count}`);
    if (count < 0) return stop(`a negative frame count (${count})`);
    for (let i = 0; i < count; i++) {
      if (wire.length - pos < 4) return stop(`frame ${i + 1} of ${count} is missing`);
      const length = wire.readInt32BE(pos);
      if (length < 0) return stop(`frame ${i + 1} declares a negative length (${length})`);
      framingWord(`frame length ${length}`);
      if (length > wire.length - pos) return stop(`the frame declares ${length} bytes but ${wire.length - pos} follow`);
      frame(length);
    }
  }
  if (pos < wire.length) segments.push(unparsed(pos, wire.length, 'bytes after the end of the message'));
  const body = frames.length === 1 ? wire.subarray(frames[0].wireStart, frames[0].wireStart + frames[0].length) : Buffer.concat(frames.map((f) => wire.subarray(f.wireStart, f.wireStart + f.length)));
  return { segments, frames, body, complete: true };
}

/** A span of the joined body as spans of the wire bytes (one per frame it crosses). */
function toWire(framed: Unframed, span: Span): Span[] {
  const out: Span[] = [];
  for (const f of framed.frames) {
    const start = Math.max(span.start, f.bodyStart);
    const end = Math.min(span.end, f.bodyStart + f.length);
    if (end > start) out.push({ start: f.wireStart + start - f.bodyStart, end: f.wireStart + end - f.bodyStart });
  }
  return out;
}

/** The framing's segments with the body's, mapped into the wire; a body segment split by framing is labelled as continued. */
function merge(framed: Unframed, body: FrameSegment[]): FrameSegment[] {
  const out = [...framed.segments];
  for (const segment of body) {
    toWire(framed, segment).forEach((span, i) => out.push({ ...span, kind: segment.kind, label: i === 0 ? segment.label : `${segment.label} (continued)` }));
  }
  return sorted(out);
}

function sorted(segments: FrameSegment[]): FrameSegment[] {
  return segments.sort((a, b) => a.start - b.start);
}

// ---- call bodies ---------------------------------------------------------------------------

interface BodyParse {
  segments: FrameSegment[];
  hidden: Span[];
  /** Every part could be read. */
  complete: boolean;
  /** Where parsing stopped (the body's length when complete). */
  parsed: number;
}

/** Segments over a body, one `mark` per part read; a failure makes the rest one unparsed span. */
class Marker {
  readonly segments: FrameSegment[] = [];
  readonly hidden: Span[] = [];
  readonly cursor: ByteCursor;
  private start = 0;

  constructor(readonly body: Buffer) {
    this.cursor = new ByteCursor(body);
  }

  mark(kind: FrameSegment['kind'], label: string): void {
    if (this.cursor.pos > this.start) this.segments.push({ start: this.start, end: this.cursor.pos, kind, label });
    this.start = this.cursor.pos;
  }

  /** The rest of the body as one segment. */
  rest(kind: FrameSegment['kind'], label: (bytes: number) => string): void {
    const bytes = this.body.length - this.start;
    this.cursor.pos = this.body.length;
    this.mark(kind, label(bytes));
  }

  /** Runs the parts in order; returns whether all could be read. */
  run(parts: () => void): BodyParse {
    try {
      parts();
      return { segments: this.segments, hidden: this.hidden, complete: true, parsed: this.body.length };
    } catch (error) {
      if (!(error instanceof Unparsed)) throw error;
      const parsed = this.start;
      this.rest('payload', (bytes) => `unparsed (${bytes} bytes): ${error.message}`);
      return { segments: this.segments, hidden: this.hidden, complete: false, parsed };
    }
  }

  /** Metadata map; handshake meta values under secret keys are hidden. */
  meta(what: string, secret: boolean): MapEntry[] {
    const entries = readBytesMap(this.cursor, what);
    if (secret) for (const entry of entries) if (SECRET_META.has(entry.key)) this.hidden.push({ start: entry.start, end: entry.end });
    return entries;
  }
}

interface RequestParse extends BodyParse {
  handshake?: HandshakeRequestInfo;
  messageName?: string;
  /** The message is the protocol's and its parameters decode to exactly the end. */
  fits: boolean;
}

function parseRequestBody(body: Buffer, handshake: boolean | 'detect', codec: ProtocolCodec | undefined): RequestParse {
  if (handshake !== 'detect') return parseRequest(body, handshake, codec);
  // A connection's first call leads with a handshake: try that reading first, then the plain call.
  const withHandshake = parseRequest(body, true, codec);
  if (withHandshake.complete && withHandshake.fits) return withHandshake;
  const plain = parseRequest(body, false, codec);
  if (plain.complete && plain.fits) return plain;
  if (withHandshake.complete !== plain.complete) return withHandshake.complete ? withHandshake : plain;
  return withHandshake.parsed >= plain.parsed ? withHandshake : plain;
}

function parseRequest(body: Buffer, handshake: boolean, codec: ProtocolCodec | undefined): RequestParse {
  const m = new Marker(body);
  const c = m.cursor;
  let info: HandshakeRequestInfo | undefined;
  let name: string | undefined;
  let payloadAt = 0;
  const parse = m.run(() => {
    if (handshake) {
      const clientHash = c.fixed(16, 'the handshake\'s clientHash').toString('hex');
      m.mark('handshake', `handshake request: clientHash ${clientHash}`);
      const clientProtocol = c.branch(2, 'the handshake\'s clientProtocol') === 1 ? c.string('the handshake\'s clientProtocol') : null;
      m.mark('handshake', `handshake request: clientProtocol ${clientProtocol === null ? 'null' : `(${clientProtocol.length} characters of protocol JSON)`}`);
      const serverHash = c.fixed(16, 'the handshake\'s serverHash').toString('hex');
      m.mark('handshake', `handshake request: serverHash ${serverHash}`);
      const meta = c.branch(2, 'the handshake\'s meta') === 1 ? m.meta('the handshake\'s meta', true) : null;
      m.mark('handshake', `handshake request: meta ${describeMeta(meta, true)}`);
      info = { clientHash, serverHash, clientProtocolSent: clientProtocol !== null };
    }
    const meta = m.meta('the call metadata', false);
    m.mark('metadata', `metadata ${describeMeta(meta, false)}`);
    name = c.string('the message name');
    m.mark('message-name', name === '' ? 'message name "" (a ping: handshake only)' : `message name ${quote(name)}`);
    payloadAt = c.pos;
    m.rest('payload', (bytes) => `parameters of ${quote(name!)} (${bytes} bytes)`);
  });
  return { ...parse, handshake: info, messageName: name, fits: parse.complete && fits(body, payloadAt, name!, codec) };
}

/** Whether `name` is a message of the protocol whose parameters are exactly the bytes from `at`. */
function fits(body: Buffer, at: number, name: string, codec: ProtocolCodec | undefined): boolean {
  if (!codec) return true;
  if (name === '') return at === body.length;
  const message = codec.messages.get(name);
  if (!message) return false;
  try {
    return message.request.decode(body, at).offset === body.length;
  } catch {
    return false;
  }
}

interface ResponseParse extends BodyParse {
  handshake?: HandshakeResponseInfo;
  meta?: MapEntry[];
}

function parseResponseBody(body: Buffer, context: ResponseContext): ResponseParse {
  const m = new Marker(body);
  const c = m.cursor;
  let info: HandshakeResponseInfo | undefined;
  let callMeta: MapEntry[] | undefined;
  const parse = m.run(() => {
    if (context.handshake) {
      const index = c.long('the handshake\'s match');
      const match = MATCHES[index];
      if (match === undefined) throw new Unparsed(`the handshake's match is symbol ${index} of 3`);
      m.mark('handshake', `handshake response: match ${match}`);
      const serverProtocol = c.branch(2, 'the handshake\'s serverProtocol') === 1 ? c.string('the handshake\'s serverProtocol') : null;
      m.mark('handshake', `handshake response: serverProtocol ${serverProtocol === null ? 'null' : `(${serverProtocol.length} characters of protocol JSON)`}`);
      const serverHash = c.branch(2, 'the handshake\'s serverHash') === 1 ? c.fixed(16, 'the handshake\'s serverHash').toString('hex') : null;
      m.mark('handshake', `handshake response: serverHash ${serverHash ?? 'null'}`);
      const meta = c.branch(2, 'the handshake\'s meta') === 1 ? m.meta('the handshake\'s meta', true) : null;
      m.mark('handshake', `handshake response: meta ${describeMeta(meta, true)}`);
      info = { match, serverHash, serverProtocolSent: serverProtocol !== null };
    }
    callMeta = m.meta('the call metadata', false);
    m.mark('metadata', `metadata ${describeMeta(callMeta, false)}`);
    const flag = c.fixed(1, 'the error flag')[0];
    if (flag > 1) throw new Unparsed(`the error flag is byte ${flag}, not 0 or 1`);
    m.mark('error-flag', flag === 1 ? 'error flag: true (an error follows)' : 'error flag: false');
    const label = flag === 1 ? errorLabel(body, c.pos, context) : (bytes: number) => `response${context.messageName ? ` of ${quote(context.messageName)}` : ''} (${bytes} bytes)`;
    m.rest('payload', label);
  });
  return { ...parse, handshake: info, meta: callMeta };
}

/** Names the error in the payload: a system error's text, or the declared error's type. */
function errorLabel(body: Buffer, at: number, context: ResponseContext): (bytes: number) => string {
  try {
    const c = new ByteCursor(body, at);
    const branch = c.long('the error union\'s branch');
    if (branch === 0) {
      const text = c.string('the system error');
      return () => `system error ${quote(text)}`;
    }
    const message = context.messageName === undefined ? undefined : context.codec?.protocol.messages.find((msg) => msg.name === context.messageName);
    const type = message?.errors[branch - 1];
    const name = type && isNamed(type) ? type.fullName : `error union branch ${branch}`;
    return (bytes) => `declared error ${name} (${bytes} bytes)`;
  } catch {
    return (bytes) => `error (${bytes} bytes)`;
  }
}

// ---- labels --------------------------------------------------------------------------------

const MAX_SHOWN = 40;

function quote(text: string): string {
  return JSON.stringify(text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) + '…' : text);
}

/** `{spl.trace="abc", blob (300 bytes), token (hidden)}`, or `null` / `{}`. */
function describeMeta(entries: MapEntry[] | null, handshake: boolean): string {
  if (entries === null) return 'null';
  if (entries.length === 0) return '{}';
  const shown = entries.slice(0, 8).map(({ key, value }) => {
    const name = key.length > MAX_SHOWN ? key.slice(0, MAX_SHOWN) + '…' : key;
    if (handshake && SECRET_META.has(key)) return `${name} (hidden)`;
    const text = printable(value);
    return text !== undefined && text.length <= MAX_SHOWN ? `${name}=${JSON.stringify(text)}` : `${name} (${value.length} bytes)`;
  });
  return `{${shown.join(', ')}${entries.length > 8 ? `, … ${entries.length - 8} more` : ''}}`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function printable(value: Buffer): string | undefined {
  try {
    const text = utf8.decode(value);
    // Control characters would garble a one-line label.
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x20 || code === 0x7f) return undefined;
    }
    return text;
  } catch {
    return undefined;
  }
}
