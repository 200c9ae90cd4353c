import fs from 'node:fs';
import { JSDOM } from 'jsdom';
import { parseSerp } from '../shared/serp/parse.ts';
const html = fs.readFileSync(process.argv[2], 'utf8');
const d = new JSDOM(html).window.document;
console.time('parse');
const s = parseSerp(d);
console.timeEnd('parse');
console.log(JSON.stringify({ ...s, organic: s.organic.map(o => [o.position, o.url, o.title]) }, null, 1).slice(0, 9000));
