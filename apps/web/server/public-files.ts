// The reader's public/ files (favicon...) served from the client build, without asking the file
// system on every page: express.static stats the path of each request it sees, and a page's
// path is never a file, so every page paid a failed stat, the error it makes and the fall-through
// (about a tenth of the reader's CPU on an uncached article page). The build's files are fixed
// once it is built, so the names are read once at startup and only those reach express.static.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

/** Every file under `dir` except the `skip` folder, as URL paths ("/favicon.svg"). */
export function filesUnder(dir: string, skip: string): Set<string> {
  const files = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name));
    if (relative.split(path.sep)[0] === skip) continue;
    files.add(`/${relative.split(path.sep).join('/')}`);
  }
  return files;
}

export function servePublicFiles(
  dir: string,
  { skip, maxAge }: { skip: string; maxAge: string },
): RequestHandler {
  const files = filesUnder(dir, skip);
  const serve = express.static(dir, { maxAge });
  return (req, res, next) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(req.path);
    } catch {
      return next(); // not a file name; the page routes answer it
    }
    if (files.has(pathname)) return serve(req, res, next);
    next();
  };
}
