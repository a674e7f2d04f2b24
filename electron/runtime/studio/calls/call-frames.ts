/**
 * A call's recorded round trips as the studio shows them: each body framed as it crossed the wire
 * (HTTP: standard framing; TCP: a Netty packet with the serial it went out with), annotated,
 * hex capped per frame, a token in the handshake meta masked. Also what only the bytes know when
 * a call failed: the handshake's outcome, the response metadata and the sizes.
 */
import type { HandshakeOutcome, WireFrame } from '../../../../shared/studio/api.js';
import { encodeFramed, encodeNetty } from '../../rpc/framing.js';
import type { ProtocolCodec } from '../../rpc/protocol-codec.js';
import type { MapEntry } from './byte-cursor.js';
import { annotateRequest, annotateResponse, type Framing, type Span } from './frame-annotator.js';
import type { CallRecording } from './recording-channel.js';

/** At most this many bytes of a frame are sent to the renderer as hex (`length` stays full). */
export const MAX_HEX_BYTES = 64 * 1024;

/** Masks hidden bytes (a token): `*` each, so the length still shows. */
const MASK = 0x2a;

export interface CallWire {
  frames: WireFrame[];
  /** The last handshake this call completed (none when it reused an established TCP connection). */
  handshake?: HandshakeOutcome;
  /** Some request of this call carried a handshake (answered or not). */
  handshakeSent: boolean;
  /** The call metadata of the last response that could be read. */
  responseMeta?: MapEntry[];
  /** Bytes on the wire, transport framing included, every round trip of the call. */
  requestBytes: number;
  responseBytes: number;
}

export function callWire(recording: CallRecording, stateful: boolean, codec: ProtocolCodec): CallWire {
  const framing: Framing = stateful ? 'netty' : 'http';
  const wrap = (body: Buffer, serial: number): Buffer => (stateful ? encodeNetty(serial, body) : encodeFramed(body));
  const wire: CallWire = { frames: [], handshakeSent: false, requestBytes: 0, responseBytes: 0 };
  let serverProtocolSent = false;
  for (const exchange of recording.exchanges) {
    const sent = wrap(exchange.request, exchange.serial);
    const request = annotateRequest(sent, { framing, codec, handshake: stateful ? 'detect' : true });
    wire.frames.push(frame('request', sent, request.segments, request.hidden));
    wire.requestBytes += sent.length;
    if (request.handshake) wire.handshakeSent = true;
    if (!exchange.response) continue;
    const received = wrap(exchange.response, exchange.serial);
    const response = annotateResponse(received, { framing, codec, messageName: request.messageName, handshake: request.handshake !== undefined });
    wire.frames.push(frame('response', received, response.segments, response.hidden));
    wire.responseBytes += received.length;
    if (response.meta) wire.responseMeta = response.meta;
    if (request.handshake && response.handshake) {
      const answer = response.handshake;
      serverProtocolSent ||= answer.serverProtocolSent;
      wire.handshake = {
        match: answer.match,
        clientHash: request.handshake.clientHash,
        // BOTH: the server's hash is the one the client guessed, so the server does not repeat it.
        serverHash: answer.serverHash ?? (answer.match === 'BOTH' ? request.handshake.serverHash : null),
        serverProtocolSent,
        onThisCall: true,
      };
    }
  }
  return wire;
}

function frame(direction: WireFrame['direction'], bytes: Buffer, segments: WireFrame['segments'], hidden: Span[]): WireFrame {
  let shown = bytes.subarray(0, MAX_HEX_BYTES);
  if (hidden.length > 0) {
    shown = Buffer.from(shown);
    for (const span of hidden) shown.fill(MASK, Math.min(span.start, shown.length), Math.min(span.end, shown.length));
  }
  return { direction, hex: shown.toString('hex'), length: bytes.length, segments };
}
