// Draws a realistic 1080×2400 WhatsApp-style chat screen with Devanagari text on a
// canvas in the page, and returns it as PNG bytes: the kind of image admins send.
export async function chatScreenshotPng(page) {
  const bytes = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 1080;
    c.height = 2400;
    const g = c.getContext('2d');
    g.fillStyle = '#efeae2';
    g.fillRect(0, 0, 1080, 2400);
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
      const mine = i % 3 !== 1;
      g.fillStyle = mine ? '#d9fdd3' : '#ffffff';
      const x = mine ? 180 : 40;
      g.beginPath();
      g.roundRect(x, y, 860, 150, 24);
      g.fill();
      g.fillStyle = '#111b21';
      g.font = '40px "Noto Sans Devanagari", sans-serif';
      g.fillText(lines[i % lines.length], x + 30, y + 70);
      g.fillStyle = '#667781';
      g.font = '30px sans-serif';
      g.fillText(`10:${String(10 + i).padStart(2, '0')} am ✓✓`, x + 660, y + 125);
      y += 175;
    }
    const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  return Buffer.from(bytes);
}
