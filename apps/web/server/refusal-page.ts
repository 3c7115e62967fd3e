// The small pages the server answers by itself, before Remix runs (a body too large, a form
// sent from another site, an unexpected failure): plain HTML that says what happened and what
// to do, with nothing that could run in it.
import type { Response } from 'express';

/** Nothing may load or run in these pages. */
export const STRICT_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const HTML_ESCAPES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&#39;',
  '"': '&quot;',
};

const escapeHtml = (text: string): string => text.replace(/[<>&'"]/g, (c) => HTML_ESCAPES[c] ?? c);

/** close: end the connection after answering (the request body is left unread). */
export function sendRefusal(
  res: Response,
  status: number,
  { title, message, close = false }: { title: string; message: string; close?: boolean },
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
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
