// tests/tok/bert-ref.js: the reference side of the BERT parity test.
// Runs Hugging Face's Rust tokenizers (the npm package "tokenizers",
// unpacked in PKGDIR) set up as bert-base-uncased's fast tokenizer is
// (BertNormalizer, BertPreTokenizer, WordPiece, special tokens), and
// writes "id<TAB>piece<TAB>start<TAB>end" per token, offsets in bytes,
// for each FILE into OUTDIR/NAME.bertLC (NAME: the file's base name).
// Never writes anything else.
//
//   node bert-ref.js PKGDIR VOCAB LC(1|0) OUTDIR FILE...
'use strict';
const fs = require('fs');
const path = require('path');

const [pkg, vocabPath, lc, outdir, ...files] = process.argv.slice(2);
const { Tokenizer } = require(path.resolve(pkg, 'index.js'));

// vocab.txt as tokenizers reads it: line k (trailing whitespace trimmed)
// is id k, a later duplicate wins.
const lines = fs.readFileSync(vocabPath, 'utf8').split('\n');
if (lines[lines.length - 1] === '')
	lines.pop();
const vocab = {};
lines.forEach((l, i) => { vocab[l.trimEnd()] = i; });
const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].filter((s) => s in vocab);
const tok = Tokenizer.fromString(JSON.stringify({
	version: '1.0', truncation: null, padding: null,
	added_tokens: specials.map((s) => ({ id: vocab[s], content: s,
	    single_word: false, lstrip: false, rstrip: false, normalized: false,
	    special: true })),
	normalizer: { type: 'BertNormalizer', clean_text: true,
	    handle_chinese_chars: true, strip_accents: null, lowercase: lc !== '0' },
	pre_tokenizer: { type: 'BertPreTokenizer' },
	post_processor: null,
	decoder: null,
	model: { type: 'WordPiece', unk_token: '[UNK]',
	    continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
}));

async function one(file) {
	const text = fs.readFileSync(file, 'utf8');
	// The bindings give offsets in code points: map them to UTF-8 bytes.
	const bytes = [0];
	for (const ch of text)
		bytes.push(bytes[bytes.length - 1] + Buffer.byteLength(ch));
	const e = await tok.encode(text, null, { addSpecialTokens: false });
	const ids = e.getIds(), offs = e.getOffsets(), toks = e.getTokens();
	const out = [];
	for (let i = 0; i < ids.length; i++)
		out.push(ids[i] + '\t' + toks[i] + '\t' + bytes[offs[i][0]] + '\t' +
		    bytes[offs[i][1]]);
	fs.writeFileSync(path.join(outdir, path.basename(file) + '.bert' + lc),
	    out.length ? out.join('\n') + '\n' : '');
}

(async () => {
	for (const f of files)
		await one(f);
})();
