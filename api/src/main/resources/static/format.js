// How times, durations and services read on screen.

export function ms(value) {
  if (value >= 10_000) return (value / 1000).toFixed(2) + ' s';
  if (value >= 10) return Math.round(value) + ' ms';
  return value.toFixed(1) + ' ms';
}

export function nanosToMs(nanos) {
  return nanos / 1e6;
}

export function clock(epochNanos) {
  const date = new Date(Math.floor(epochNanos / 1e6));
  return date.toISOString().replace('T', ' ').replace('Z', ' UTC');
}

// Distinct from the browser's purple, the network's blue and the critical path's orange outline.
const SERVICE_COLOURS = ['#2f9e44', '#0c8599', '#c2255c', '#8d6e63', '#66a80f', '#a61e4d', '#087f5b', '#fab005',
  '#495057', '#d6336c'];

/** A stable colour per backend service, so one service reads the same everywhere on the page. */
export function serviceColour(service) {
  let hash = 0;
  for (const c of service) hash = (hash * 31 + c.charCodeAt(0)) | 0;
  return SERVICE_COLOURS[Math.abs(hash) % SERVICE_COLOURS.length];
}

export function categoryColour(category, name) {
  switch (category) {
    case 'frontend': return 'var(--frontend)';
    case 'network': return 'var(--network)';
    case 'unattributed': return 'var(--unattributed)';
    default: return serviceColour(name);
  }
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'style') node.style.cssText = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
