// Draws a realistic 1080×2400 WhatsApp-style chat screen with Devanagari text on a
// canvas in the page, and returns it as PNG bytes: the kind of image admins send.
// Options: `photo` adds what makes real screenshots weigh 1–3 MB as PNG (the doodle
// wallpaper and a camera photo posted in the chat); `variant` changes the messages, so
// two screenshots of one chat differ as two days' screenshots would.
export async function chatScreenshotPng(page, { photo = false, variant = 0 } = {}) {
  const bytes = await page.evaluate(async ({ photo, variant }) => {
    // A small seeded generator: the same options always draw the same picture.
    let seed = 0x9e3779b9 ^ (variant * 7919);
    const rand = () => {
      seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
      return (seed >>> 0) / 4294967296;
    };
    const c = document.createElement('canvas');
    c.width = 1080;
    c.height = 2400;
    const g = c.getContext('2d');
    g.fillStyle = '#efeae2';
    g.fillRect(0, 0, 1080, 2400);
    if (photo) {
      // WhatsApp's doodle wallpaper: thin strokes in a slightly darker beige.
      g.strokeStyle = '#d9d2c5';
      g.lineWidth = 3;
      for (let i = 0; i < 1400; i++) {
        const x = rand() * 1080, y = rand() * 2400, r = 8 + rand() * 22;
        g.beginPath();
        if (i % 3 === 0) g.arc(x, y, r, 0, Math.PI * (1 + rand()));
        else { g.moveTo(x, y); g.quadraticCurveTo(x + r, y - r, x + 2 * r, y + rand() * r); }
        g.stroke();
      }
    }
    g.fillStyle = '#075e54';
    g.fillRect(0, 0, 1080, 220);
    g.fillStyle = '#fff';
    g.font = 'bold 52px "Noto Sans Devanagari", sans-serif';
    g.fillText('ग्राम पंचायत अलसीगढ़ सूचना समूह', 60, 140);
    const lines = [
      'मुख्यमंत्री आयुष्मान आरोग्य योजना: 25 लाख तक मुफ़्त इलाज',
      'पंजीकरण के लिए नज़दीकी ई-मित्र केंद्र पर जाएँ।',
      'पालनहार योजना की किश्त खातों में जमा कर दी गई है।',
      'कल सुबह 10 बजे ग्राम सभा: सभी सदस्य उपस्थित रहें।',
    ];
    let y = 320;
    for (let i = 0; i < 12; i++) {
      const mine = (i + variant) % 3 !== 1;
      const x = mine ? 180 : 40;
      if (photo && i === 2) {
        // A camera photo posted in the chat: smooth light with sensor noise, which
        // PNG cannot compress (a JPEG/WebP can).
        const w = 860, h = 640;
        const img = g.createImageData(w, h);
        for (let py = 0; py < h; py++) {
          for (let px = 0; px < w; px++) {
            const k = (py * w + px) * 4;
            const sky = py < h * 0.45;
            const n = (rand() - 0.5) * 38;
            img.data[k] = (sky ? 120 + py * 0.2 : 90 + px * 0.08) + n;
            img.data[k + 1] = (sky ? 170 + py * 0.15 : 120 + Math.sin(px / 40) * 30) + n;
            img.data[k + 2] = (sky ? 230 - py * 0.1 : 60 + py * 0.05) + n;
            img.data[k + 3] = 255;
          }
        }
        g.putImageData(img, x, y);
        y += h + 25;
        continue;
      }
      g.fillStyle = mine ? '#d9fdd3' : '#ffffff';
      g.beginPath();
      g.roundRect(x, y, 860, 150, 24);
      g.fill();
      g.fillStyle = '#111b21';
      g.font = '40px "Noto Sans Devanagari", sans-serif';
      g.fillText(lines[(i + variant) % lines.length], x + 30, y + 70);
      g.fillStyle = '#667781';
      g.font = '30px sans-serif';
      g.fillText(`10:${String(10 + i + variant).padStart(2, '0')} am ✓✓`, x + 660, y + 125);
      y += 175;
      if (y > 2300) break;
    }
    const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
    // Base64 crosses the DevTools protocol far faster than an array of numbers.
    const url = await new Promise((r) => { const f = new FileReader(); f.onload = () => r(f.result); f.readAsDataURL(blob); });
    return url.slice(url.indexOf(',') + 1);
  }, { photo, variant });
  return Buffer.from(bytes, 'base64');
}
