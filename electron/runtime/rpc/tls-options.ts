/** TLS settings shared by the HTTP and TCP transports. */

/** A server's certificate and key (PEM). */
export interface ServerTls {
  cert: string | Buffer;
  key: string | Buffer;
}

/** What a client trusts: extra CA certificates (PEM), e.g. a node's self-signed certificate. */
export interface ClientTls {
  ca?: string | Buffer;
  /** The name the certificate must carry, when it differs from the host dialled. */
  servername?: string;
}
