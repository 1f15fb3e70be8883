import type Koa from 'koa';
import { createHash } from 'crypto';

/**
 * The smallest template engine that is safe by default: `html\`...\`` escapes every interpolated
 * value unless it is itself the result of `html` (or `raw`). Arrays are joined; null, undefined
 * and false render nothing.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text and double-quoted attribute values: every template here quotes its attributes. */
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);

const render = (value: unknown): string => {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
};

export const html = (strings: TemplateStringsArray, ...values: unknown[]): SafeHtml =>
  new SafeHtml(
    strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''),
  );

/** For constant markup only; never pass a value that came from a request or the database. */
export const raw = (markup: string) => new SafeHtml(markup);

const STYLE = [
  'body{margin:0;background:#f4f5f7;color:#1d2430;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}',
  'main{max-width:34rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12)}',
  'h1{font-size:1.5rem;margin:0 0 1rem}',
  'label{display:block;margin-top:1rem;font-weight:600}',
  'input{box-sizing:border-box;width:100%;margin-top:.25rem;padding:.5rem;border:1px solid #9aa3b1;border-radius:4px;font:inherit}',
  'input[readonly]{background:#eef0f3}',
  'button,.button{display:inline-block;margin-top:1.5rem;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#2557d6;color:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}',
  '.hint{color:#4b5563;font-size:.875rem;font-weight:400}',
  '.error{color:#b42318;font-size:.875rem;margin:.25rem 0 0}',
  '.alert{border:1px solid #b42318;background:#fef3f2;color:#b42318;padding:.75rem 1rem;border-radius:4px}',
  'blockquote{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid #c7cdd6;white-space:pre-line}',
].join('');

const styleHash = createHash('sha256').update(STYLE).digest('base64');

/**
 * No script may run, nothing may load from elsewhere, the form posts only to this origin and
 * the page cannot be framed. The one inline stylesheet is allowed by its hash.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${styleHash}'`,
  "img-src 'none'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every page carries: the token is in the URL, so it must never leak through Referer or a cache. */
export const PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex, nofollow',
};

/** Answers `body`, a rendered page, with the headers every page carries. */
export const sendPage = (ctx: Koa.Context, status: number, body: string) => {
  ctx.status = status;
  ctx.set(PAGE_HEADERS);
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = body;
};

export const layout = (title: string, body: SafeHtml): string =>
  html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.value;
