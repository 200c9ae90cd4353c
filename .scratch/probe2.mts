import fs from 'node:fs';
import { JSDOM } from 'jsdom';
const html = fs.readFileSync(process.argv[2], 'utf8');
const d = new JSDOM(html).window.document;
const rso = d.querySelector('#rso')!;
const blocks = Array.from(rso.children);
for (const i of [0, 4, 6]) {
  const b = blocks[i];
  for (const h of Array.from(b.querySelectorAll('[role=heading], h2, h3'))) console.log(i, h.tagName, h.getAttribute('aria-level'), h.className, JSON.stringify((h.textContent||'').slice(0,60)));
  // elements with attributes of interest
  const els = Array.from(b.querySelectorAll('[jscontroller],[data-attrid],[data-hveid]')).slice(0,12).map(e=>e.tagName+'.'+e.className+' jsc='+e.getAttribute('jscontroller')+' attrid='+e.getAttribute('data-attrid')+' jsname='+e.getAttribute('jsname'));
  console.log(els.join('\n'));
}
