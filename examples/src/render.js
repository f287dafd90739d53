// Page rendering for the `screenshot` and `pdf` job types: a headless browser per job.
import puppeteer from 'puppeteer';

/** A PNG of the page at `url`, for the job's report. */
export async function screenshot(url) {
  // cleanup: release-in-finally — if `goto()` times out (or any step rejects), the browser process is left running:
  // every failed job leaks one Chromium (suggestion only: `png` is used after the release).
  const browser = await puppeteer.launch({ headless: true });
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'networkidle0', timeout: 30_000 });
  const png = await page.screenshot({ fullPage: true });
  await browser.close();
  return png;
}

/** A PDF of `html`. Closing the browser in `finally` closes its page too. */
export async function pdf(html) {
  const browser = await puppeteer.launch({ headless: true });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4' });
  } finally {
    await browser.close();
  }
}
