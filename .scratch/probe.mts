import fs from 'node:fs';
import { JSDOM } from 'jsdom';
const html = fs.readFileSync(process.argv[2], 'utf8');
const d = new JSDOM(html).window.document;
const rso = d.querySelector('#rso')!;
for (const b of Array.from(rso.children)) {
  console.log(b.tagName, b.className, b.id, JSON.stringify(Array.from(b.attributes).map(a=>a.name+'='+a.value.slice(0,40))).slice(0,300));
  console.log('   ', (b.textContent||'').replace(/\s+/g,' ').slice(0,150));
}
for (const a of Array.from(d.querySelectorAll('#rso a.rIRoqf'))) {
  let n: Element|null = a; const chain=[];
  while (n && n!==rso) { chain.push(n.tagName+'.'+n.className.toString().split(' ').join('.')+(n.getAttribute('jscontroller')?'[jsc='+n.getAttribute('jscontroller')+']':'')+(n.getAttribute('data-hveid')?'[hveid]':'')); n=n.parentElement; }
  console.log(chain.join(' < ').slice(0,900));
  break;
}
