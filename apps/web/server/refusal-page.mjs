// The small pages the server answers by itself, before Remix runs (a body too large, a form
// sent from another site, an unexpected failure): plain HTML that says what happened and what
// to do, with nothing that could run in it.

/** Nothing may load or run in these pages. */
export const STRICT_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const escapeHtml = (text) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c],
  );

/**
 * @param {import('express').Response} res
 * @param {number} status
 * @param {{ title: string, message: string, close?: boolean }} page close: end the connection
 *   after answering (the request body is left unread).
 */
export function sendRefusal(res, status, { title, message, close = false }) {
  if (res.headersSent) return res.end();
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)} · Folio</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/">Go to the home page</a></p>
</main>
</body>
</html>
`;
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', STRICT_CSP);
  res.setHeader('Cache-Control', 'private, no-store');
  if (close) res.setHeader('Connection', 'close');
  res.end(html);
}
