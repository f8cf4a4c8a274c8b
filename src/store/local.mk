libvecdoc_a_SOURCES += src/store/cmd.c
