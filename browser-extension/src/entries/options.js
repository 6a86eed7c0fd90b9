import { startOptionsPage } from '../ui/options.js';

void startOptionsPage(document, chrome);
