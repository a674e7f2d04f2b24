/**
 * HTTP/1.1 messages, read incrementally from a byte stream: the narrow part of HTTP that Avro
 * RPC needs (a POST and its answer), written by hand because `node:http` costs 35–50 µs per call
 * on each side, more than our whole Avro codec. Both sides use it: the server reads requests,
 * the client reads responses.
 *
 * Bodies are delimited by Content-Length, chunked transfer coding, or (responses only) the end
 * of the connection, as HTTP/1.0 servers such as Python's do. Anything ambiguous (Content-Length
 * together with Transfer-Encoding, differing Content-Lengths, folded headers) is refused: those
 * are how requests get smuggled past proxies.
 */

export interface HttpHead {
  /** Requests: the method and the request target. */
  method: string;
  target: string;
  /** Responses: the status code and reason phrase. */
  status: number;
  reason: string;
  /** 1.0 or 1.1. */
  minorVersion: number;
  /** Header names in lower case; repeated headers joined with `, `. */
  headers: Map<string, string>;
  /** Whether the connection stays open after this message (HTTP/1.1 default, HTTP/1.0 opt-in). */
  keepAlive: boolean;
  /** Content-Length, when the body is delimited by it. */
  contentLength?: number;
  chunked: boolean;
}

/** A message that cannot be read, with the status a server answers it with. */
export class HttpParseError extends Error {
  override name = 'HttpParseError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface HttpReaderLimits {
  /** The request or status line and the headers together (default 16 KB). */
  maxHeadBytes: number;
  maxBodyBytes: number;
}

export interface HttpReaderEvents {
  /**
   * The head has arrived. Return false to read no further (a server that answers before the
   * body, e.g. with 413): the reader then ignores every later byte.
   */
  onHead(head: HttpHead): boolean;
  onMessage(head: HttpHead, body: Buffer): void;
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer' | 'until-close' | 'stopped';

export class HttpMessageReader {
  private state: State = 'head';
  /** Unconsumed bytes of the head or of a chunk line. */
  private buffer: Buffer = Buffer.alloc(0);
  private head?: HttpHead;
  private parts: Buffer[] = [];
  private bodyBytes = 0;
  /** Bytes still to read of the body (length) or of the current chunk. */
  private remaining = 0;

  constructor(
    private readonly kind: 'request' | 'response',
    private readonly limits: HttpReaderLimits,
    private readonly events: HttpReaderEvents,
  ) {}

  /** Bytes received so far of a message not yet complete (0 between messages). */
  get pending(): number {
    return this.state === 'head' ? this.buffer.length : this.bodyBytes + this.buffer.length + 1;
  }

  /** Feeds bytes; throws HttpParseError on a message that cannot be read (the reader is then stopped). */
  push(chunk: Buffer): void {
    let data = this.buffer.length > 0 ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.buffer = Buffer.alloc(0);
    try {
      while (data.length > 0 && this.state !== 'stopped') data = this.step(data);
    } catch (error) {
      this.state = 'stopped';
      throw error;
    }
  }

  /** The connection ended: completes a body that runs to the end, or says what was cut off. */
  end(): void {
    if (this.state === 'until-close') return this.complete();
    if (this.state === 'stopped' || (this.state === 'head' && this.buffer.length === 0)) return;
    const part = this.state === 'head' ? 'its head' : 'its body';
    this.state = 'stopped';
    throw new HttpParseError(400, `the connection ended in the middle of a message (${part})`);
  }

  /** Consumes what it can of `data` in the current state and returns the rest. */
  private step(data: Buffer): Buffer {
    switch (this.state) {
      case 'head': {
        const end = data.indexOf(CRLF_CRLF);
        if (end < 0) {
          if (data.length > this.limits.maxHeadBytes) throw new HttpParseError(431, `the message head exceeds ${this.limits.maxHeadBytes} bytes`);
          this.buffer = data;
          return Buffer.alloc(0);
        }
        if (end > this.limits.maxHeadBytes) throw new HttpParseError(431, `the message head exceeds ${this.limits.maxHeadBytes} bytes`);
        this.startBody(this.parseHead(data.toString('latin1', 0, end)));
        return data.subarray(end + 4);
      }
      case 'length':
      case 'chunk-data':
      case 'until-close': {
        const take = this.state === 'until-close' ? data.length : Math.min(this.remaining, data.length);
        this.addBody(data.subarray(0, take));
        this.remaining -= take;
        if (this.state === 'length' && this.remaining === 0) this.complete();
        else if (this.state === 'chunk-data' && this.remaining === 0) this.state = 'chunk-end';
        return data.subarray(take);
      }
      case 'chunk-end': {
        if (data.length < 2) return this.keep(data);
        if (data[0] !== 13 || data[1] !== 10) throw new HttpParseError(400, 'a chunk does not end with CRLF');
        this.state = 'chunk-size';
        return data.subarray(2);
      }
      case 'chunk-size': {
        const line = this.line(data);
        if (line === undefined) return this.keep(data);
        const size = /^([0-9a-fA-F]{1,8})[ \t]*(;.*)?$/.exec(line.text);
        if (!size) throw new HttpParseError(400, `a chunk size is not hexadecimal: ${JSON.stringify(line.text.slice(0, 40))}`);
        this.remaining = parseInt(size[1], 16);
        this.checkBodySize(this.bodyBytes + this.remaining);
        this.state = this.remaining === 0 ? 'trailer' : 'chunk-data';
        return data.subarray(line.next);
      }
      case 'trailer': {
        const line = this.line(data);
        if (line === undefined) return this.keep(data);
        if (line.text === '') this.complete();
        return data.subarray(line.next);
      }
      default:
        return Buffer.alloc(0);
    }
  }

  /** A CRLF-terminated line at the start of data, or undefined when it has not all arrived. */
  private line(data: Buffer): { text: string; next: number } | undefined {
    const end = data.indexOf('\r\n');
    if (end < 0) {
      if (data.length > 1024) throw new HttpParseError(400, 'a chunk line exceeds 1024 bytes');
      return undefined;
    }
    return { text: data.toString('latin1', 0, end), next: end + 2 };
  }

  private keep(data: Buffer): Buffer {
    this.buffer = data;
    return Buffer.alloc(0);
  }

  private parseHead(text: string): HttpHead {
    const lines = text.split('\r\n');
    const start = lines[0];
    const head: HttpHead = { method: '', target: '', status: 0, reason: '', minorVersion: 1, headers: new Map(), keepAlive: true, chunked: false };
    if (this.kind === 'request') {
      const match = /^([^ ]+) ([^ ]+) HTTP\/1\.([01])$/.exec(start);
      if (!match || !TOKEN.test(match[1])) throw new HttpParseError(400, `not an HTTP/1.x request line: ${JSON.stringify(start.slice(0, 80))}`);
      head.method = match[1];
      head.target = match[2];
      head.minorVersion = Number(match[3]);
    } else {
      const match = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/.exec(start);
      if (!match) throw new HttpParseError(502, `not an HTTP/1.x status line: ${JSON.stringify(start.slice(0, 80))}`);
      head.minorVersion = Number(match[1]);
      head.status = Number(match[2]);
      head.reason = match[3] ?? '';
    }
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      const colon = line.indexOf(':');
      if (colon <= 0 || !TOKEN.test(line.slice(0, colon))) {
        throw new HttpParseError(400, /^[ \t]/.test(line) ? 'folded header lines are not accepted' : `a malformed header line: ${JSON.stringify(line.slice(0, 80))}`);
      }
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (!/^\d{1,15}$/.test(value)) throw new HttpParseError(400, `Content-Length is not a number: ${JSON.stringify(value.slice(0, 40))}`);
        const previous = head.headers.get(name);
        if (previous !== undefined && previous !== value) throw new HttpParseError(400, 'two different Content-Length headers');
        head.headers.set(name, value);
        continue;
      }
      const previous = head.headers.get(name);
      head.headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
    }
    const connection = (head.headers.get('connection') ?? '').toLowerCase();
    head.keepAlive = head.minorVersion === 1 ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
    const coding = head.headers.get('transfer-encoding');
    const length = head.headers.get('content-length');
    if (coding !== undefined) {
      if (length !== undefined) throw new HttpParseError(400, 'both Content-Length and Transfer-Encoding: the body\'s length is ambiguous');
      if (!/(^|,)\s*chunked\s*$/i.test(coding)) throw new HttpParseError(this.kind === 'request' ? 501 : 502, `unsupported Transfer-Encoding ${coding} (chunked is understood)`);
      head.chunked = true;
    } else if (length !== undefined) {
      head.contentLength = Number(length);
    }
    return head;
  }

  private startBody(head: HttpHead): void {
    this.head = head;
    this.parts = [];
    this.bodyBytes = 0;
    if (!this.events.onHead(head)) {
      this.state = 'stopped';
      return;
    }
    if (this.state === 'stopped') return;
    const bodyless = this.kind === 'response' && (head.status < 200 || head.status === 204 || head.status === 304);
    if (head.chunked) {
      this.state = 'chunk-size';
    } else if (head.contentLength !== undefined && !bodyless) {
      this.checkBodySize(head.contentLength);
      this.remaining = head.contentLength;
      this.state = 'length';
      if (this.remaining === 0) this.complete();
    } else if (this.kind === 'response' && !bodyless) {
      this.state = 'until-close';
    } else {
      this.complete();
    }
  }

  private addBody(part: Buffer): void {
    if (part.length === 0) return;
    this.bodyBytes += part.length;
    this.checkBodySize(this.bodyBytes);
    this.parts.push(part);
  }

  private checkBodySize(size: number): void {
    if (size > this.limits.maxBodyBytes) throw new HttpParseError(413, `the ${this.kind} exceeds the limit of ${this.limits.maxBodyBytes} bytes`);
  }

  private complete(): void {
    const head = this.head!;
    const body = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.bodyBytes);
    this.head = undefined;
    this.parts = [];
    this.bodyBytes = 0;
    // A 1xx answer (100 Continue) is followed by the real one.
    this.state = 'head';
    this.events.onMessage(head, body);
  }
}
