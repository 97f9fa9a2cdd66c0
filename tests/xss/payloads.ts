// The XSS corpus of `npm run test:xss`. Every payload calls the detector `top.__lotsXss(XID)` if it ever runs;
// XID is replaced per field and payload by `payloadFor`, so an execution names both the payload and the field
// it was stored in. The list covers the classic contexts: element content, quoted and unquoted attribute
// breakouts, dangerous URL schemes, SVG/MathML, event handlers that fire without a click, raw-text element
// breakouts, iframes, meta refresh, base href, forms, template and polyglot payloads, entity and other
// encodings, unicode tricks, JSON-in-script breakouts, CSS and markdown-style links.

/** One payload: a short label (its context) and the text with the XID placeholder. */
export type Payload = { id: number; context: string; text: string };

const CALL = "top.__lotsXss(XID)";

const RAW: [string, string][] = [
  ["element: script", `<script>${CALL}</script>`],
  ["element: img onerror", `<img src=x onerror=${CALL}>`],
  ["svg onload", `<svg onload=${CALL}>`],
  ["svg script", `<svg><script>${CALL}</script></svg>`],
  ["double-quoted attribute breakout + script", `"><script>${CALL}</script>`],
  ["single-quoted attribute breakout + img", `'><img src=x onerror=${CALL}>`],
  ["double-quoted attribute: event handler", `" onmouseover="${CALL}" x="`],
  ["single-quoted attribute: onfocus autofocus", `' onfocus='${CALL}' autofocus tabindex='0`],
  ["unquoted attribute: onfocus autofocus", `x onfocus=${CALL} autofocus tabindex=0 `],
  ["unquoted attribute: closing > then img", `x><img src=x onerror=${CALL}>`],
  ["url: javascript:", `javascript:${CALL}`],
  ["url: mixed-case JaVaScRiPt:", `JaVaScRiPt:${CALL}`],
  ["url: javascript: with leading space and tab", ` \tjavascript:${CALL}`],
  ["url: data:text/html", `data:text/html,<script>${CALL}</script>`],
  ["url: data: base64 (decodes to a script)", "data:text/html;base64,B64SCRIPT"],
  ["url: vbscript:", `vbscript:${CALL}`],
  ["anchor javascript: href", `<a href="javascript:${CALL}">klicka här</a>`],
  ["anchor entity-encoded javascript: href", `<a href="&#106;avascript:${CALL}">klicka</a>`],
  ["iframe srcdoc", `<iframe srcdoc="<script>${CALL}</script>"></iframe>`],
  ["iframe javascript: src", `<iframe src="javascript:${CALL}"></iframe>`],
  ["meta refresh to javascript:", `<meta http-equiv="refresh" content="0;url=javascript:${CALL}">`],
  ["base href", `<base href="javascript:${CALL}//">`],
  ["form action javascript:", `<form action="javascript:${CALL}"><button>Skicka</button></form>`],
  ["button formaction", `<button form=x formaction="javascript:${CALL}">Spara</button>`],
  ["input autofocus onfocus", `<input autofocus onfocus=${CALL}>`],
  ["details ontoggle", `<details open ontoggle=${CALL}><summary>x</summary></details>`],
  ["body onload", `<body onload=${CALL}>`],
  ["video source onerror", `<video><source onerror=${CALL}></video>`],
  ["audio onerror", `<audio src=x onerror=${CALL}>`],
  ["object data javascript:", `<object data="javascript:${CALL}"></object>`],
  ["embed src javascript:", `<embed src="javascript:${CALL}">`],
  ["mathml mutation (mglyph/style)", `<math><mtext><table><mglyph><style><img src=x onerror=${CALL}>`],
  ["mathml href", `<math href="javascript:${CALL}"><mtext>x</mtext></math>`],
  ["svg xlink:href", `<svg><a xlink:href="javascript:${CALL}"><text y=20>x</text></a></svg>`],
  ["svg animate onbegin", `<svg><animate onbegin=${CALL} attributeName=x dur=1s></svg>`],
  ["</script> breakout", `</script><script>${CALL}</script>`],
  ["</style> breakout", `</style><img src=x onerror=${CALL}>`],
  ["</textarea> breakout", `</textarea><img src=x onerror=${CALL}>`],
  ["</title> breakout", `</title><img src=x onerror=${CALL}>`],
  ["</noscript> breakout", `</noscript><img src=x onerror=${CALL}>`],
  ["comment breakout", `--><img src=x onerror=${CALL}><!--`],
  ["template element", `<template><img src=x onerror=${CALL}></template><img src=y onerror=${CALL}>`],
  [
    "polyglot (0xsobky)",
    `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=${CALL} )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=${CALL}//>\\x3e`,
  ],
  ["JSON-in-script: string breakout", `"};${CALL};//`],
  ["JSON-in-script: </script> inside a string", `"</script><script>${CALL}//`],
  ["JSON-in-script: line separators U+2028/U+2029", `\u2028\u2029${CALL}//`],
  ["pre-encoded entities (double decoding)", `&lt;img src=x onerror=${CALL}&gt;`],
  ["numeric character references", `&#60;script&#62;${CALL}&#60;/script&#62;`],
  ["percent-encoded tags", `%3Cscript%3E${CALL}%3C/script%3E`],
  ["JavaScript hex escapes", `\\x3cscript\\x3e${CALL}\\x3c/script\\x3e`],
  ["JavaScript unicode escapes", `\\u003cimg src=x onerror=${CALL}\\u003e`],
  ["RTL override around a tag", `\u202e<img src=x onerror=${CALL}>\u202c`],
  ["fullwidth angle brackets", `\uff1cscript\uff1e${CALL}\uff1c/script\uff1e`],
  ["nested tag split (filter evasion)", `<scr<script>ipt>${CALL}</scr</script>ipt>`],
  ["CSS url(javascript:)", `<div style="background:url(javascript:${CALL})">x</div>`],
  ["CSS expression()", `<div style="width:expression(${CALL})">x</div>`],
  ["style element @import", `<style>@import 'javascript:${CALL}';</style>`],
  ["markdown link", `[klicka](javascript:${CALL})`],
  ["markdown image", `![x](x" onerror="${CALL})`],
  ["anchor onclick", `<a href=https://example.com onclick=${CALL}>länk</a>`],
  ["link stylesheet javascript:", `<link rel=stylesheet href="javascript:${CALL}">`],
  ["entity-encoded handler", `<img src=x:x onerror=&#x74;op.__lotsXss(XID)>`],
  ["client template injection", `{{constructor.constructor('${CALL}')()}}`],
  ["JS template literal", `\${${CALL}}`],
  ["noscript title mutation", `<noscript><p title="</noscript><img src=x onerror=${CALL}>">`],
  ["select autofocus onfocus", `<select autofocus onfocus=${CALL}></select>`],
  ["newline inside attribute", `<img src="x\n" onerror="${CALL}">`],
  ["svg style mutation", `<svg><style><img src=x onerror=${CALL}></style></svg>`],
  ["slash-separated svg", `"><svg/onload=${CALL}>`],
  ["marquee onstart", `<marquee onstart=${CALL}>x</marquee>`],
];

/** The corpus, numbered from 1. */
export const PAYLOADS: Payload[] = RAW.map(([context, text], index) => ({ id: index + 1, context, text }));

/** Payloads that are URLs: they go into the URL fields (links, websites) as well as the text fields. */
export const URL_PAYLOADS: Payload[] = PAYLOADS.filter((p) => p.context.startsWith("url:"));

/**
 * The detector id a payload carries in a field: payload × 1000 + field number, so one call names both.
 * Field numbers stay below 1000.
 */
export function detectorId(payloadId: number, fieldNumber: number): number {
  return payloadId * 1000 + fieldNumber;
}

/** Splits a detector id back into payload and field numbers. */
export function fromDetectorId(id: number): { payloadId: number; fieldNumber: number } {
  return { payloadId: Math.floor(id / 1000), fieldNumber: id % 1000 };
}

/** The payload's text with its detector id filled in (B64SCRIPT: a base64 script calling the detector). */
export function rawPayloadFor(payload: Payload, fieldNumber: number): string {
  const id = String(detectorId(payload.id, fieldNumber));
  const script = Buffer.from(`<script>${CALL.replace("XID", id)}</script>`).toString("base64");
  return payload.text.replaceAll("XID", id).replace("B64SCRIPT", script);
}

/** The text stored in a free-text field: the payload behind a short visible tag (which also meets minimum lengths). */
export function payloadFor(payload: Payload, fieldNumber: number): string {
  return `X${payload.id} ${rawPayloadFor(payload, fieldNumber)}`;
}
