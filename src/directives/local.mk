libvecdoc_a_SOURCES += src/directives/cmd_run.c
