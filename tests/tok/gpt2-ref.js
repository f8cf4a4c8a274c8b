// tests/tok/gpt2-ref.js: the reference side of the GPT-2 parity test.
// Runs the npm package gpt-3-encoder (unpacked in PKGDIR) and prints one
// line per token. Never writes anything but stdout and the --sweep file.
//
//   node gpt2-ref.js PKGDIR ids OUTDIR FILE...  encode(): the ids of each
//        file's text into OUTDIR/NAME.ids (NAME: the file's base name)
//   node gpt2-ref.js PKGDIR pre OUTDIR FILE...  the package's own regex
//        (read out of Encoder.js): "start end" in bytes of each match,
//        into OUTDIR/NAME.pre
//   node gpt2-ref.js PKGDIR sweep OUT       writes a text with every code
//        point of planes 0-3 and 14 (and a sample of the others), each in
//        the context "a<c>1 <c>!" that tells letters, numbers, spaces and
//        the rest apart, to OUT.
'use strict';
const fs = require('fs');
const path = require('path');

const [pkg, mode, out, ...files] = process.argv.slice(2);

function lines(arr) {
	return arr.length ? arr.join('\n') + '\n' : '';
}

function ids(text, enc) {
	// encode() concatenates arrays token by token (quadratic): feed it
	// pieces cut where its regex would cut anyway, i.e. after a "\n"
	// that follows a non-space and precedes a letter or digit.
	const parts = text.split(/(?<=[^\s]\n)(?=[\p{L}\p{N}])/u);
	const res = [];
	for (const p of parts)
		for (const id of enc.encode(p))
			res.push(id);
	return res;
}

function pre(text, pat) {
	const res = [];
	let last = 0, byte = 0;
	for (const x of text.matchAll(pat)) {
		byte += Buffer.byteLength(text.slice(last, x.index));
		const n = Buffer.byteLength(x[0]);
		res.push(byte + ' ' + (byte + n));
		byte += n;
		last = x.index + x[0].length;
	}
	return res;
}

if (mode === 'ids') {
	const enc = require(path.resolve(pkg, 'Encoder.js'));
	for (const f of files)
		fs.writeFileSync(path.join(out, path.basename(f) + '.ids'),
		    lines(ids(fs.readFileSync(f, 'utf8'), enc)));
} else if (mode === 'pre') {
	const src = fs.readFileSync(path.resolve(pkg, 'Encoder.js'), 'utf8');
	const m = src.match(/^const pat = \/(.*)\/([a-z]*)\s*$/m);
	const pat = new RegExp(m[1], m[2]);
	for (const f of files)
		fs.writeFileSync(path.join(out, path.basename(f) + '.pre'),
		    lines(pre(fs.readFileSync(f, 'utf8'), pat)));
} else if (mode === 'sweep') {
	const wanted = (cp) => cp < 0x40000 || (cp >= 0xE0000 && cp < 0xF0000) ||
	    (cp & 0xFFF) === 0x123;
	const lines = [];
	let line = [];
	for (let cp = 0; cp < 0x110000; cp++) {
		if ((cp >= 0xD800 && cp < 0xE000) || !wanted(cp))
			continue;
		const c = String.fromCodePoint(cp);
		line.push('a' + c + '1 ' + c + '!');
		if (line.length === 128) {
			lines.push(line.join('') + 'a');
			line = [];
		}
	}
	if (line.length)
		lines.push(line.join('') + 'a');
	fs.writeFileSync(out, lines.join('\n'));
} else {
	process.stderr.write('usage: node gpt2-ref.js PKGDIR ids|pre OUTDIR FILE... | sweep OUT\n');
	process.exit(2);
}
