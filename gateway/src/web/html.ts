import type { Response } from 'express';

/**
 * The pages' policy: nothing loads (no script, image, font or connection), the inline style sheet
 * applies, forms post only here, and no other site may frame a page (clickjacking an Approve).
 */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML element or a quoted attribute value; control characters are shown, not obeyed. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (char) => ESCAPES[char]!)
    .replace(
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
      (char) => `\\u{${char.codePointAt(0)!.toString(16).padStart(4, '0')}}`,
    );
}

/** A trusted fragment of markup, built only by {@link html} from escaped values. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = string | number | Markup | readonly Markup[] | undefined | false;

/** A template tag that escapes every interpolated value unless it is already Markup. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0]!;
  values.forEach((value, index) => {
    if (value instanceof Markup) out += value.text;
    else if (Array.isArray(value)) out += (value as readonly Markup[]).map((part) => part.text).join('');
    else if (value !== undefined && value !== false) out += escapeHtml(String(value));
    out += strings[index + 1]!;
  });
  return new Markup(out);
}

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; background: #f6f6f4; color: #1d1d1b; margin: 0; }
  main { max-width: 28rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 3px #0002; }
  h1 { font-size: 1.3rem; margin-top: 0; }
  label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; border: 1px solid #999; border-radius: 4px; }
  button, .button { margin-top: 1rem; padding: .5rem 1rem; font: inherit; border-radius: 4px; border: 1px solid #1d1d1b; background: #1d1d1b; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
  button.secondary { background: #fff; color: #1d1d1b; }
  .error { background: #fde8e8; border: 1px solid #e0a0a0; padding: .5rem .75rem; border-radius: 4px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
  .code { font: 1.4rem/1 ui-monospace, monospace; letter-spacing: .1em; }
  .actions { display: flex; gap: 1rem; } .actions form { margin: 0; }
  .muted { color: #666; font-size: .9rem; }
`;

/** Sends a whole page with its own policy (no caching: the security headers already say no-store). */
export function sendPage(res: Response, status: number, title: string, body: Markup): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  // Not no-referrer: under it a browser sends `Origin: null` with the page's own form posts, which
  // the CSRF check must refuse. same-origin still tells other sites nothing (the URL holds the code).
  res.setHeader('Referrer-Policy', 'same-origin');
  res
    .status(status)
    .type('html')
    .send(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>${title} · Coffer</title>
            <style>
              ${new Markup(STYLE)}
            </style>
          </head>
          <body>
            <main>${body}</main>
          </body>
        </html> `.text,
    );
}
