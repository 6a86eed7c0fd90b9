// Calls the query API with the bearer token the user gave, if any, and turns a problem answer into an
// error whose message is the problem's detail.

const TOKEN_KEY = 'tracebridge.token';
let unauthorized = () => {};

/** Called when the engine wants a token this page does not have (or has wrong). */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export async function getJson(path) {
  const headers = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(path, { headers });
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = null;
  }
  if (response.status === 401) unauthorized();
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : response.status + ' ' + response.statusText;
    throw new ApiError(response.status, detail);
  }
  return body;
}
