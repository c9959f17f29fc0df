/**
 * A SIP-over-WebSocket socket (the shape JsSIP's UA accepts in `sockets`) that shows every
 * incoming message to an observer before the SIP stack reads it, and says when the connection
 * drops. It wraps the stack's own socket; this file needs no import of the stack.
 */
export interface SipSocket {
  via_transport: string;
  readonly url: string;
  readonly sip_uri: string;
  connect(): void;
  disconnect(): void;
  send(message: string | ArrayBufferLike | Blob | ArrayBufferView): boolean;
  isConnected(): boolean;
  isConnecting(): boolean;
  onconnect(): void;
  ondisconnect(error: boolean, code?: number, reason?: string): void;
  ondata<T>(event: T): void;
}

export class ObservedSocket implements SipSocket {
  onconnect: () => void = () => {};
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => {};
  ondata: <T>(event: T) => void = () => {};

  constructor(
    private readonly inner: SipSocket,
    observe: (data: unknown) => void,
    onDisconnect: () => void,
  ) {
    inner.onconnect = () => this.onconnect();
    inner.ondisconnect = (error, code, reason) => {
      onDisconnect();
      this.ondisconnect(error, code, reason);
    };
    inner.ondata = <T>(data: T) => {
      observe(data);
      this.ondata(data);
    };
  }
  get via_transport(): string {
    return this.inner.via_transport;
  }
  set via_transport(value: string) {
    this.inner.via_transport = value;
  }
  get url(): string {
    return this.inner.url;
  }
  get sip_uri(): string {
    return this.inner.sip_uri;
  }
  connect(): void {
    this.inner.connect();
  }
  disconnect(): void {
    this.inner.disconnect();
  }
  send(message: string | ArrayBufferLike | Blob | ArrayBufferView): boolean {
    return this.inner.send(message);
  }
  isConnected(): boolean {
    return this.inner.isConnected();
  }
  isConnecting(): boolean {
    return this.inner.isConnecting();
  }
}
