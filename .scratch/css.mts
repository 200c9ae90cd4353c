import { JSDOM } from 'jsdom';
for (const css of ['@media (broken {', 'a{color:red', '.x{}}}}', '@import url(', 'a{b:c;}@font-face{src:url(data:font/woff2;base64,AAA', '}{', '@supports (x) { a { } ', '.a{--x:{}}', 'a{ color: red; } @layer x, y; @container (min-width: 1px) { a{} } :is(a,b){} a:has(> b){}', '@charset "x"; a {', 'x{y:z}/*', '@-webkit-keyframes{', '.a::-webkit-scrollbar{}', 'a{x:expression(1)}', '.KAM(--x-){}', '@media screen and (max-width:100px){.a{}}}.b{}', 'a{b:"unclosed}']) {
  process.stderr.write(`--- ${css}\n`);
  new JSDOM(`<style>${css}</style>`);
}
