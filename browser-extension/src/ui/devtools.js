/** Adds the Tracebridge panel to DevTools, bound to the inspected tab. */
export function startDevtools(/** @type {any} */ chrome) {
  chrome.devtools.panels.create('Tracebridge', '', `panel.html?tabId=${chrome.devtools.inspectedWindow.tabId}`);
}
