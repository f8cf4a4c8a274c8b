# A user theme whose page template, strings and an asset are links to
# files outside it (issue 18); a link that stays inside the theme is fine.
# Runs in the suite's work directory.
mkdir -p elsewhere content/mytheme/assets/css content/mytheme/i18n
printf '<html>{{{content}}}</html>\n' >elsewhere/page.html
printf 'home: Secret\n' >elsewhere/en.yml
printf 'secret\n' >elsewhere/secret.css
printf 'body {}\n' >content/mytheme/assets/css/site.css
ln -s "$PWD/elsewhere/page.html" content/mytheme/page.html
ln -s ../../elsewhere/en.yml content/mytheme/i18n/en.yml
ln -s "$PWD/elsewhere/secret.css" content/mytheme/assets/css/x.css
ln -s css/site.css content/mytheme/assets/ok.css
ln -s "$PWD/elsewhere" content/mytheme/assets/more
