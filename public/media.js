// The browser does the image work: it decodes and scales screenshots (no image decoders
// in the WASM bundle), re-encodes them small, and shares campaign items to WhatsApp.
// A plain script that boot.js imports when first needed (self.PrasarMedia loads it).
(() => {
  const MAX_SIDE = 1280;
  // Aim for ≤ 200 KB per screenshot (2G/3G uplinks); refuse anything still larger than
  // HARD_LIMIT after the lowest quality, rather than send megabytes.
  const TARGET = 200_000;
  const HARD_LIMIT = 400_000;
  const QUALITIES = [0.8, 0.7, 0.55, 0.4];

  const fail = (code) => Object.assign(new Error(code), { code });

  function canvasOf(w, h) {
    if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(w, h);
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    return c;
  }

  function encode(canvas, type, quality) {
    if (canvas.convertToBlob) return canvas.convertToBlob({ type, quality });
    return new Promise((ok) => canvas.toBlob(ok, type, quality));
  }

  /**
   * Scales `file` to at most 1280 px on its longest side and re-encodes it as WebP (JPEG
   * where the browser cannot write WebP), lowering the quality until it fits. Answers
   * the blob, its size in pixels, the RGBA pixels of the encoded image (for the
   * perceptual hash) and the first 128 KB of the original (for its EXIF date).
   * Rejects with code `not_image` or `too_large`.
   */
  async function compress(file) {
    let probe;
    try {
      probe = await createImageBitmap(file);
    } catch {
      throw fail('not_image');
    }
    const scale = Math.min(1, MAX_SIDE / Math.max(probe.width, probe.height));
    const w = Math.max(1, Math.round(probe.width * scale));
    const h = Math.max(1, Math.round(probe.height * scale));
    probe.close();
    // The browser's high-quality resampling keeps small chat text legible.
    const bitmap = await createImageBitmap(file, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
    const canvas = canvasOf(w, h);
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff'; // transparent PNGs on white, as WhatsApp shows them
    g.fillRect(0, 0, w, h);
    g.drawImage(bitmap, 0, 0);
    bitmap.close();
    let blob;
    for (const q of QUALITIES) {
      blob = await encode(canvas, 'image/webp', q);
      if (blob.type !== 'image/webp') blob = await encode(canvas, 'image/jpeg', q);
      if (blob.size <= TARGET) break;
    }
    if (blob.size > HARD_LIMIT) throw fail('too_large');
    // Hash what the server will store: the decoded pixels of the encoded image.
    const decoded = await createImageBitmap(blob);
    g.drawImage(decoded, 0, 0);
    decoded.close();
    const rgba = g.getImageData(0, 0, w, h).data;
    const head = new Uint8Array(await file.slice(0, 131072).arrayBuffer());
    return { blob, width: w, height: h, rgba, head, lastModified: file.lastModified || null };
  }

  /**
   * Forwards a campaign item: the Web Share sheet with the picture where the phone can
   * share files (WhatsApp appears there), otherwise WhatsApp's own link with the text.
   */
  async function share(text, imageUrl) {
    try {
      if (imageUrl && navigator.canShare) {
        const blob = await (await fetch(imageUrl)).blob();
        const ext = blob.type.split('/')[1] || 'jpg';
        const files = [new File([blob], `prasar.${ext}`, { type: blob.type })];
        if (navigator.canShare({ files })) {
          await navigator.share({ files, text });
          return 'shared';
        }
      }
      if (navigator.share) {
        await navigator.share({ text });
        return 'shared';
      }
    } catch (e) {
      if (e.name === 'AbortError') return 'cancelled';
    }
    const wa = `https://wa.me/?text=${encodeURIComponent(text)}`;
    // ('noopener' would make window.open answer null even when it worked.)
    const tab = window.open(wa, '_blank');
    if (tab) tab.opener = null;
    else location.href = wa;
    return 'wa.me';
  }

  self.PrasarMediaImpl = { compress, share };
})();
