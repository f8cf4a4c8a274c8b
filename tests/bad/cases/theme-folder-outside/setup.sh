# A theme named in vecdoc.yml that is a link from the content tree to a
# folder outside it (issue 18). Runs in the suite's work directory.
mkdir -p elsewhere/theme/assets
printf 'secret\n' >elsewhere/theme/assets/secret.css
ln -s "$PWD/elsewhere/theme" content/linked
