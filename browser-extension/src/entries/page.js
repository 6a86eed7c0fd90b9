// MAIN-world content script (document_start): see ../page/main-world.js.
import { startPageTracing } from '../page/main-world.js';

try {
  startPageTracing(window);
} catch {
  // never break the page
}
