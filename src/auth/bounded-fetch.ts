// HTTP GETs of an identity provider's documents (discovery, JWKS): a timeout, no redirects, and a
// cap on the body so a misbehaving endpoint cannot grow memory without bound.

export const maxDocumentBytes = 1024 * 1024;

/** fetch() with the body read up to `maxBytes` (a larger body fails the request). */
export async function boundedFetch(url: string | URL, init: RequestInit = {}, maxBytes = maxDocumentBytes): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new Error(`response from ${String(url)} is larger than ${maxBytes} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new Error(`response from ${String(url)} is larger than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  }
  return new Response(size === 0 ? null : Buffer.concat(chunks), { status: response.status, headers: response.headers });
}
