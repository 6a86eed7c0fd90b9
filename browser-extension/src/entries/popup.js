import { startPopup } from '../ui/popup.js';

void startPopup(document, chrome, new URLSearchParams(location.search), (url) => fetch(url));
