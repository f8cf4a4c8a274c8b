libvecdoc_a_SOURCES += src/site/cmd.c
