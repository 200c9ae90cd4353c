import fs from 'node:fs';
import { JSDOM } from 'jsdom';
import { parseSerp } from '../shared/serp/parse.ts';
const d = new JSDOM(fs.readFileSync(process.argv[2], 'utf8')).window.document;
console.log(JSON.stringify(parseSerp(d), null, 1));
