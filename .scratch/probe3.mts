import fs from 'node:fs';
import { JSDOM } from 'jsdom';
const html = fs.readFileSync(process.argv[2], 'utf8');
const d = new JSDOM(html).window.document;
for (const s of ['.VkpGBb','.rllt__details','[data-cid]']) { const m = d.querySelectorAll(s); console.log(s, m.length, m[0]?.tagName, m[0]?.className, m[0]?.getAttribute('data-cid')?.slice(0,30)); }
const a = d.querySelector('[data-cid]')!; let n: Element|null = a; const chain=[]; while(n){chain.push(n.tagName+'.'+n.className); n=n.parentElement;} console.log(chain.slice(0,8).join(' < '));
