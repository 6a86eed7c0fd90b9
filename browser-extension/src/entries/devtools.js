import { startDevtools } from '../ui/devtools.js';

startDevtools(chrome);
