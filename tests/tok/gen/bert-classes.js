// tests/tok/gen/bert-classes.js: how Hugging Face's Rust tokenizers (the
// npm package "tokenizers", unpacked in PKGDIR) classify every code point
// in BertNormalizer and BertPreTokenizer. Prints one line per code point:
//   HEX FLAGS STRIP LOWER
// FLAGS: C (removed by clean_text) W (whitespace) P (punctuation) as 0/1;
// STRIP: UTF-8 hex of strip_accents applied to the code point alone (NFD,
// nonspacing marks dropped); LOWER: of lowercase alone ("-": empty).
// Used by gen-wp-unicode.sh; never run by the test suite.
'use strict';
const path = require('path');
const fs = require('fs');
const t = require(path.resolve(process.argv[2], 'index.js'));
const norm = (o) => t.bertNormalizer(Object.assign({ cleanText: false,
    handleChineseChars: false, stripAccents: false, lowercase: false }, o));
const clean = norm({ cleanText: true });
const strip = norm({ stripAccents: true });
const lower = norm({ lowercase: true });
const pre = t.bertPreTokenizer();
const hex = (s) => Buffer.from(s).toString('hex') || '-';
const out = [];
for (let cp = 0; cp < 0x110000; cp++) {
	if (cp >= 0xD800 && cp < 0xE000)
		continue;
	const c = String.fromCodePoint(cp);
	const n = clean.normalizeString('a' + c + 'a');
	const p = pre.preTokenizeString('a' + c + 'a');
	const P = p.length === 3 && p[1][0] === c ? 1 : 0;
	out.push(cp.toString(16) + ' ' + (n === 'aa' ? 1 : 0) + (n === 'a a' ? 1 : 0) +
	    P + ' ' + hex(strip.normalizeString(c)) + ' ' + hex(lower.normalizeString(c)));
}
fs.writeSync(1, out.join('\n') + '\n');
