// Shared bench helpers: brotli sizes and CDP network accounting in Chromium.
import { brotliCompressSync, constants } from 'node:zlib';

/** Brotli at quality 11: what a pre-compressed static asset costs on the wire. */
export function brotliBytes(buf) {
  return brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;
}

/**
 * Records every response a page loads through CDP: url, type, whether it came from
 * the network (not the service worker, not the memory/disk cache) and its body bytes.
 */
export async function recordNetwork(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const responses = new Map();
  cdp.on('Network.responseReceived', (e) => {
    responses.set(e.requestId, {
      url: e.response.url,
      type: e.type,
      status: e.response.status,
      fromServiceWorker: Boolean(e.response.fromServiceWorker),
      fromCache: Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache),
      encoded: 0,
    });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = responses.get(e.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = responses.get(e.requestId);
    if (r) r.encoded = e.encodedDataLength;
  });
  return { cdp, responses };
}
