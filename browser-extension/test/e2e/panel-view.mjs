/**
 * The DevTools panel as a tester sees it (`panel.html?tabId=<id>`, the page the Tracebridge tab of
 * DevTools shows): a request's row, its verdict once the engine joined it, and its waterfall.
 */
import { eventually } from '../browser/browser.js';

/** The panel refreshes every second and asks the API again every 3 s; a few rounds are plenty. */
export const VERDICT_TIMEOUT_MS = 15_000;
const WATERFALL_TIMEOUT_MS = 10_000;

/**
 * @typedef {{key: string, browser: boolean, errorOrigin: boolean, label: string}} BarView
 * @typedef {{verdict: string, headersBy: string, status: string, bars: BarView[], errorOrigin: string | null,
 *            viewerHref: string | null, summary: string}} RequestView
 */

/**
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} extensionId
 * @param {number} tabId the tab that showed the app
 */
export async function openPanel(context, extensionId, tabId) {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/panel.html?tabId=${tabId}`);
  return {
    /** Every row the panel lists: the tab's requests as the extension recorded them. */
    rowCount: () => panel.locator('#requests tbody tr').count(),
    /**
     * Waits for the row of `traceId` to say `linked`, selects it, and reads what the panel shows.
     * @param {string} traceId
     * @returns {Promise<RequestView>}
     */
    async linkedRequest(traceId) {
      const row = panel.locator(`#requests tr[data-trace-id="${traceId}"]`);
      await eventually(`the panel to show trace ${traceId} as linked`,
        async () => (await row.count()) === 1 && (await row.locator('.verdict').textContent()) === 'linked', VERDICT_TIMEOUT_MS);
      const cells = await row.locator('td').allTextContents();
      await row.click();
      await panel.locator('#waterfall').waitFor({ timeout: WATERFALL_TIMEOUT_MS });
      const bars = await panel.locator('#waterfall .bar-row').evaluateAll((rows) => rows.map((r) => ({
        key: String(r.getAttribute('data-key')),
        browser: r.classList.contains('browser'),
        errorOrigin: r.classList.contains('error-origin'),
        label: String(r.querySelector('.bar-label')?.textContent),
      })));
      const errorOrigin = panel.locator('#error-origin');
      return {
        verdict: 'linked',
        status: cells[2],
        headersBy: cells[5],
        bars,
        errorOrigin: (await errorOrigin.count()) === 0 ? null : await errorOrigin.textContent(),
        viewerHref: await panel.locator('#viewer-link').getAttribute('href'),
        summary: String(await panel.locator('#detail p').first().textContent()),
      };
    },
    close: () => panel.close(),
  };
}
