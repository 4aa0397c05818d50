import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrRectangles } from './render.js';

describe('qrRectangles', () => {
  it('merges a run with the same run of the row above, and only of the row just above', () => {
    // 1 1 0 1
    // 1 1 0 1
    // 0 1 1 1
    // 1 1 0 0
    const m = [1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 0];
    // by hand: columns 0–1 of rows 0–1 (2×2), column 3 of rows 0–1 (1×2), columns 1–3 of row 2,
    // columns 0–1 of row 3 (the same run as rows 0–1, but row 2 between them is different)
    expect(qrRectangles(m, 4)).toEqual([
      [0, 0, 2, 2],
      [3, 0, 1, 2],
      [1, 2, 3, 1],
      [0, 3, 2, 1],
    ]);
  });

  it('covers exactly the dark modules of a real code, each once', () => {
    const qr = QRCode.create(
      [{ data: Buffer.from('ST00012|Name=Тест|PersonalAcc=40702810900000000001'), mode: 'byte' }],
      {
        errorCorrectionLevel: 'M',
        maskPattern: 0,
      },
    );
    const n = qr.modules.size;
    const covered = new Array<number>(n * n).fill(0);
    const rects = qrRectangles(qr.modules.data, n);
    for (const [c, r, w, h] of rects)
      for (let y = r; y < r + h; y++) for (let x = c; x < c + w; x++) covered[y * n + x]!++;
    expect(covered).toEqual(Array.from(qr.modules.data, (d) => (d ? 1 : 0)));
    let runs = 0; // one rectangle per run would be this many
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++)
        if (qr.modules.data[r * n + c] && !(c > 0 && qr.modules.data[r * n + c - 1])) runs++;
    expect(rects.length).toBeLessThan(runs);
  });
});
