// A TCP proxy in front of the test server that can cut the connection in the middle of
// an upload, as a phone losing its signal does: it forwards the request head and part
// of the body of the next matching request, then resets both sides and refuses new
// connections until told otherwise. (Browser-level request interception cannot do this
// for pages controlled by a service worker, and emulated "offline" lets requests already
// under way finish.)
import net from 'node:net';

export async function startCutProxy(targetPort) {
  const sockets = new Set();
  let armed = null; // { pattern, bodyBytes, done }
  let refusing = false;

  // The signal is gone for every connection, not just the one uploading: the browser
  // would otherwise retry the request on another kept-alive one.
  const dropAll = () => {
    for (const s of sockets) s.resetAndDestroy();
    sockets.clear();
  };

  const server = net.createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    const cleanup = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', cleanup);
    upstream.on('error', cleanup);
    client.on('close', cleanup);
    upstream.on('close', cleanup);
    upstream.on('data', (d) => client.write(d));

    let cutting = null; // bytes of body still to forward before the cut
    client.on('data', (data) => {
      let chunk = data;
      if (cutting === null && armed) {
        // The request may start anywhere in a chunk of a kept-alive connection.
        const at = chunk.toString('latin1').search(armed.pattern);
        if (at > 0) {
          upstream.write(chunk.subarray(0, at));
          chunk = chunk.subarray(at);
        }
        const head = chunk.indexOf('\r\n\r\n');
        if (at >= 0) {
          cutting = armed.bodyBytes;
          const resolve = armed.done;
          armed = null;
          refusing = true;
          const bodyStart = head < 0 ? chunk.length : head + 4;
          const forward = chunk.subarray(0, Math.min(chunk.length, bodyStart + cutting));
          cutting -= forward.length - bodyStart;
          upstream.write(forward, () => {
            if (cutting <= 0) {
              // Give the server a moment to read the partial body, then reset.
              setTimeout(() => { dropAll(); resolve(); }, 200);
            }
          });
          if (cutting > 0) client.once('cut', resolve);
          return;
        }
      }
      if (cutting !== null) {
        const forward = chunk.subarray(0, Math.max(0, cutting));
        cutting -= forward.length;
        if (forward.length) upstream.write(forward);
        if (cutting <= 0) {
          setTimeout(() => { client.emit('cut'); dropAll(); }, 200);
          cutting = -Infinity;
        }
        return;
      }
      upstream.write(chunk);
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    /**
     * The next request whose request line matches `pattern` gets its head and
     * `bodyBytes` of its body through; then the connection is reset and new ones are
     * refused (call `restore`). Resolves when the cut happened.
     */
    cutNext(pattern, bodyBytes) {
      return new Promise((done) => { armed = { pattern, bodyBytes, done }; });
    },
    restore() { refusing = false; },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((ok) => server.close(ok));
    },
  };
}
