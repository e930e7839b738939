/**
 * Draws an MNIST image on the page's pad with the mouse, as a person would trace it: one stroke
 * along each run of inked pixels in each row, scaled from 28x28 to the canvas on screen.
 */
import type { Page } from 'playwright-core';

export async function drawDigit(page: Page, pixels: Uint8Array, threshold = 110): Promise<number> {
  // Mouse coordinates are the viewport's: bring the pad into it first.
  await page.locator('#pad').scrollIntoViewIfNeeded();
  const box = await page.locator('#pad').boundingBox();
  if (!box) throw new Error('the drawing pad is not visible');
  const cell = box.width / 28;
  const at = (x: number, y: number): [number, number] => [box.x + (x + 0.5) * cell, box.y + (y + 0.5) * cell];
  let strokes = 0;
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      if (pixels[y * 28 + x] <= threshold) continue;
      let end = x;
      while (end + 1 < 28 && pixels[y * 28 + end + 1] > threshold) end++;
      await page.mouse.move(...at(x, y));
      await page.mouse.down();
      await page.mouse.move(...at(end, y), { steps: Math.max(1, end - x) });
      await page.mouse.up();
      strokes++;
      x = end;
    }
  }
  return strokes;
}
