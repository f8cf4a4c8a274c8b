libvecdoc_a_SOURCES += src/tok/cmd.c src/tok/tok.h src/tok/stub.c
