import { startPanel } from '../ui/panel.js';

startPanel(document, chrome, new URLSearchParams(location.search), (url) => fetch(url));
