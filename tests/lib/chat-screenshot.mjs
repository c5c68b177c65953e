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

// --- Monitoring: chats that differ by group and day, with an Android status bar ---------

/**
 * Renders a 1080×2400 WhatsApp-like group chat with Devanagari messages in the page and
 * returns PNG bytes. `spec`:
 * - `group`: the group's name in the header (different chats differ here and in posts);
 * - `day`: a number choosing that day's posts (which messages, their lengths, whether a
 *   poster image is among them), so two days of one group look alike but are not;
 * - `clock`, `battery`: the status bar (a re-taken screenshot of the same posts differs
 *   only there);
 * - `scroll`: pixels the conversation is scrolled by (0 = newest at the bottom).
 */
export async function chatDayPng(page, spec) {
  const bytes = await page.evaluate(async (spec) => {
    const POSTS = [
      'मुख्यमंत्री आयुष्मान आरोग्य योजना: 25 लाख तक मुफ़्त इलाज। पंजीकरण के लिए नज़दीकी ई-मित्र केंद्र पर आधार और जन आधार कार्ड के साथ जाएँ।',
      'पालनहार योजना की किश्त खातों में जमा कर दी गई है।',
      'कल सुबह 10 बजे ग्राम सभा: सभी सदस्य उपस्थित रहें।',
      'प्रधानमंत्री किसान सम्मान निधि की अगली किस्त के लिए ई-केवाईसी 30 तारीख तक पूरी करें, अन्यथा किस्त रुक सकती है।',
      'पशुपालकों के लिए निःशुल्क टीकाकरण शिविर गुरुवार को पंचायत भवन में।',
      'राजीव गांधी ओलंपिक खेल: पंजीकरण आज से शुरू।',
      'बिजली बिल माफी योजना के पात्र उपभोक्ता अपनी सूची पंचायत भवन पर देखें। आपत्ति हो तो सात दिन में दर्ज कराएँ।',
      'आंगनवाड़ी केंद्र पर पोषण माह के कार्यक्रम शनिवार को।',
      'जल जीवन मिशन: नल कनेक्शन के लिए आवेदन ग्राम विकास अधिकारी को दें।',
      'स्वच्छ भारत मिशन के तहत शौचालय निर्माण की दूसरी किस्त जारी।',
      'मौसम विभाग की चेतावनी: अगले 48 घंटों में भारी बारिश, नदी-नालों से दूर रहें।',
      'राशन वितरण इस माह 5 से 15 तारीख तक होगा।',
      'वृद्धावस्था पेंशन का भौतिक सत्यापन ई-मित्र पर करवाएँ।',
      'निःशुल्क दवा योजना: सभी सरकारी अस्पतालों में दवाइयाँ मुफ़्त।',
      'बालिका शिक्षा फाउंडेशन की छात्रवृत्ति हेतु आवेदन की अंतिम तिथि 15 दिसंबर।',
      'मनरेगा में काम के लिए जॉब कार्ड धारक ग्राम पंचायत में आवेदन करें।',
    ];
    const SENDERS = ['ग्राम विकास अधिकारी', 'सरपंच', 'पटवारी', 'आंगनवाड़ी कार्यकर्ता', 'ANM दीदी'];
    // mulberry32: a tiny seeded generator, so a (group, day) always draws the same chat.
    let state = 0;
    for (const ch of `${spec.group}|${spec.day}`) state = (Math.imul(state, 31) + ch.codePointAt(0)) | 0;
    const rnd = () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const c = document.createElement('canvas');
    c.width = 1080;
    c.height = 2400;
    const g = c.getContext('2d');
    const font = (px, bold) => `${bold ? 'bold ' : ''}${px}px "Noto Sans Devanagari", sans-serif`;
    const wrap = (text, width) => {
      const words = text.split(' ');
      const lines = [];
      let line = '';
      for (const w of words) {
        const next = line ? `${line} ${w}` : w;
        if (g.measureText(next).width > width && line) {
          lines.push(line);
          line = w;
        } else line = next;
      }
      if (line) lines.push(line);
      return lines;
    };
    // Wallpaper and conversation.
    g.fillStyle = '#efeae2';
    g.fillRect(0, 0, 1080, 2400);
    const messages = [];
    const n = 6 + Math.floor(rnd() * 5);
    for (let i = 0; i < n; i++) {
      const poster = rnd() < 0.18;
      messages.push({
        mine: rnd() < 0.55,
        text: POSTS[Math.floor(rnd() * POSTS.length)],
        sender: SENDERS[Math.floor(rnd() * SENDERS.length)],
        poster,
        hue: Math.floor(rnd() * 360),
        time: `${9 + Math.floor(i / 2)}:${String(Math.floor(rnd() * 60)).padStart(2, '0')} am`,
      });
    }
    // Lay out from the bottom up, as WhatsApp shows the newest message last.
    g.font = font(40);
    let y = 2400 - 126 - 150 + (spec.scroll || 0);
    const boxes = [];
    for (const m of messages.reverse()) {
      const lines = m.poster ? [] : wrap(m.text, 760);
      const h = m.poster ? 560 : 56 * lines.length + (m.mine ? 80 : 130);
      y -= h + 24;
      boxes.push({ m, lines, y, h });
    }
    for (const { m, lines, y: top, h } of boxes) {
      const x = m.mine ? 1040 - 840 : 40;
      g.fillStyle = m.mine ? '#d9fdd3' : '#ffffff';
      g.beginPath();
      g.roundRect(x, top, 840, h, 24);
      g.fill();
      let ty = top + 64;
      if (!m.mine) {
        g.fillStyle = `hsl(${m.hue}, 60%, 38%)`;
        g.font = font(34, true);
        g.fillText(m.sender, x + 30, ty - 8);
        ty += 50;
      }
      if (m.poster) {
        g.fillStyle = `hsl(${m.hue}, 70%, 45%)`;
        g.fillRect(x + 16, top + 16, 808, h - 80);
        g.fillStyle = '#fff';
        g.font = font(64, true);
        const title = wrap(m.text.split(':')[0], 700);
        title.slice(0, 3).forEach((l, i) => g.fillText(l, x + 60, top + 160 + i * 90));
      } else {
        g.fillStyle = '#111b21';
        g.font = font(40);
        lines.forEach((l, i) => g.fillText(l, x + 30, ty + i * 56));
      }
      g.fillStyle = '#667781';
      g.font = '30px sans-serif';
      g.fillText(`${m.time}${m.mine ? ' ✓✓' : ''}`, x + 640, top + h - 24);
    }
    // Date chip at the top of the conversation.
    g.fillStyle = '#ffffff';
    g.beginPath();
    g.roundRect(400, 330, 280, 64, 18);
    g.fill();
    g.fillStyle = '#54656f';
    g.font = font(34);
    g.fillText(spec.dateLabel || 'आज', 500, 374);
    // Header: back arrow, avatar, group name, members.
    g.fillStyle = '#075e54';
    g.fillRect(0, 0, 1080, 300);
    g.fillStyle = '#ffffff';
    g.font = font(52, true);
    g.fillText('←', 30, 200);
    g.fillStyle = '#cfd8dc';
    g.beginPath();
    g.arc(170, 185, 56, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#ffffff';
    g.font = font(46, true);
    g.fillText(spec.group, 250, 175);
    g.font = font(32);
    g.fillText('सदस्य: आप, सरपंच, पटवारी, ग्राम विकास अधिकारी…', 250, 230);
    // Status bar: clock left, signal and battery right (the part a re-take changes).
    g.fillStyle = '#054d44';
    g.fillRect(0, 0, 1080, 84);
    g.fillStyle = '#ffffff';
    g.font = 'bold 40px sans-serif';
    g.fillText(spec.clock || '10:42', 36, 60);
    const battery = spec.battery ?? 76;
    g.fillText(`${battery}%`, 880, 60);
    g.strokeStyle = '#ffffff';
    g.lineWidth = 4;
    g.strokeRect(980, 26, 60, 36);
    g.fillRect(984, 30, (52 * battery) / 100, 28);
    for (let i = 0; i < 4; i++) g.fillRect(780 + i * 18, 60 - i * 10, 12, 10 + i * 10);
    // Input bar and Android navigation bar.
    g.fillStyle = '#ffffff';
    g.beginPath();
    g.roundRect(24, 2400 - 126 - 120, 880, 100, 50);
    g.fill();
    g.fillStyle = '#8696a0';
    g.font = font(38);
    g.fillText('संदेश लिखें', 90, 2400 - 126 - 55);
    g.fillStyle = '#00a884';
    g.beginPath();
    g.arc(990, 2400 - 126 - 70, 50, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#000000';
    g.fillRect(0, 2400 - 126, 1080, 126);
    const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  }, spec);
  return Buffer.from(bytes);
}
