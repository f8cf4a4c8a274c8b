# Links that stay inside the content tree are followed (issue 18).
printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' >content/m/real.svg
ln -s real.svg content/m/alias.svg
ln -s m/real.svg content/top.svg
