/**
 * A fetch `Response` over a body already read whole. The SDK reads a Wix answer's status, headers and JSON
 * once; building the platform's `Response` for that (its body as a WHATWG stream) cost a Wix call about a
 * quarter of its CPU. Complete as a `Response` all the same: the stream, `clone`, `formData` are made when
 * asked for, and a body is read once, as fetch's is.
 */
export class BufferedResponse implements Response {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic' as const;
  readonly #bytes: Uint8Array | null;
  #used = false;

  constructor(
    bytes: Uint8Array | null,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly url: string,
  ) {
    this.#bytes = bytes;
    this.ok = status >= 200 && status < 300;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (!this.#bytes) return null;
    return this.#take(this.#platform()).body;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take(this.#bytes ?? new Uint8Array());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async text(): Promise<string> {
    return Buffer.from(this.#take(this.#bytes ?? new Uint8Array())).toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  textStream(): ReadableStream<string> {
    const text = Buffer.from(this.#take(this.#bytes ?? new Uint8Array())).toString('utf8');
    return new ReadableStream<string>({
      start(controller) {
        if (text) controller.enqueue(text);
        controller.close();
      },
    });
  }

  async blob(): Promise<Blob> {
    const type = this.headers.get('content-type') ?? '';
    return new Blob([this.#take(this.#bytes ?? new Uint8Array())], { type });
  }

  async formData(): Promise<FormData> {
    return this.#take(this.#platform()).formData();
  }

  clone(): Response {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    return new BufferedResponse(
      this.#bytes,
      this.status,
      this.statusText,
      new Headers(this.headers),
      this.url,
    );
  }

  #platform(): Response {
    return new Response(this.#bytes, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    });
  }

  #take<T>(value: T): T {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return value;
  }
}
