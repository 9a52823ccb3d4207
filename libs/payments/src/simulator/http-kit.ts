import type { IncomingMessage } from 'node:http';

/** A request as the simulator's fakes see it. */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type SimHandler = (req: SimRequest) => Promise<SimResponse | undefined>;

export async function readRequest(req: IncomingMessage): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const url = new URL(req.url ?? '/', 'http://simulator');
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
    text: body.toString('utf8'),
  };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export const html = (status: number, body: string): SimResponse => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body,
});

export const redirect = (location: string): SimResponse => ({ status: 303, headers: { location }, body: '' });

export const header = (req: SimRequest, name: string): string | undefined => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

export const formFields = (text: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(text));

/** Decodes `a[b][0]=x` form bodies (the Stripe wire format) into nested objects and arrays. */
export function nestedForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const parts = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(parts[i + 1]) ? [] : {}) as Record<string, unknown>;
    });
  }
  return root;
}

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The plain hosted page: what is paid, and two buttons. */
export function paymentPage(opts: {
  gateway: string;
  merchant: string;
  reference: string;
  amount: string;
  action: string;
  extra?: string;
}): string {
  const e = escapeHtml;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(opts.gateway)} simulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
.sim{background:#fff3cd;border:1px solid #e0c36a;padding:.5rem 1rem;border-radius:6px}
button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}</style></head>
<body>
<p class="sim"><strong>Simulated payment.</strong> No card is charged: this page stands in for the ${e(opts.gateway)} hosted payment page on a development machine.</p>
<h1>${e(opts.merchant)}</h1>
<p>Order <code>${e(opts.reference)}</code></p>
<p style="font-size:1.6rem">${e(opts.amount)}</p>
<form method="post" action="${e(opts.action)}">
${opts.extra ?? ''}
<button name="decision" value="approve" type="submit">Approve payment</button>
<button name="decision" value="decline" type="submit">Decline</button>
</form>
</body></html>`;
}

/** A page that posts `fields` to `action` as soon as it loads (how CMI sends the browser back). */
export function autoPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
  return `<!doctype html><html><body onload="document.forms[0].submit()">
<form method="post" action="${escapeHtml(action)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form>
</body></html>`;
}
