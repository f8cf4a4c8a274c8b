# Links from the content tree to files outside it (issue 18): an asset,
# a page and a whole folder. Runs in the suite's work directory.
mkdir -p elsewhere/mod
printf '<svg xmlns="http://www.w3.org/2000/svg">secret</svg>\n' >elsewhere/secret.svg
printf -- '---\ntitle: Leak\n---\nsecret\n' >elsewhere/leak.md
printf -- '---\ntitle: Mod\n---\nsecret\n' >elsewhere/mod/index.md
ln -s "$PWD/elsewhere/secret.svg" content/m/x.svg
ln -s ../../elsewhere/leak.md content/m/leak.md
ln -s "$PWD/elsewhere/mod" content/ext
ln -s "$PWD/elsewhere/secret.svg" content/top.svg
