const utf8 = new TextDecoder();

/**
 * A fetch `Response` over a body already read whole. The SDK reads a Wix answer's status, headers and JSON
 * once; building the platform's `Response` for that (its body as a WHATWG stream) cost a Wix call about a
 * quarter of its CPU. Complete as a `Response` all the same: a platform one is made only when its stream is
 * asked for, and a body is read once, as fetch's is.
 */
export class BufferedResponse implements Response {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic' as const;
  readonly #bytes: Uint8Array | null;
  #used = false;
  #streamed: Response | undefined;

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
    return this.#used || (this.#streamed?.bodyUsed ?? false);
  }

  /** Once the stream is asked for, every read goes through a platform `Response` over it, as fetch's would. */
  get body(): ReadableStream<Uint8Array> | null {
    return this.#bytes ? this.#platform().body : null;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#streamed) return this.#streamed.arrayBuffer();
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async text(): Promise<string> {
    if (this.#streamed) return this.#streamed.text();
    return utf8.decode(this.#take());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  textStream(): ReadableStream<string> {
    const stream = this.body ?? new Blob([]).stream();
    return stream.pipeThrough(new TextDecoderStream());
  }

  async blob(): Promise<Blob> {
    if (this.#streamed) return this.#streamed.blob();
    return new Blob([this.#take()], { type: this.headers.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    return this.#platform().formData();
  }

  clone(): Response {
    if (this.#streamed) return this.#streamed.clone();
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
    if (!this.#streamed) {
      this.#streamed = new Response(this.#bytes, {
        status: this.status,
        statusText: this.statusText,
        headers: this.headers,
      });
      // A body already read is a disturbed stream, as fetch's is.
      if (this.#used) void this.#streamed.arrayBuffer();
    }
    return this.#streamed;
  }

  #take(): Uint8Array {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#bytes ?? new Uint8Array();
  }
}
