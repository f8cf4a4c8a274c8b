libvecdoc_a_SOURCES += \
	src/md/markdown.c src/md/markdown.h \
	src/md/slug.c src/md/slug.h \
	src/md/texmath.c src/md/texmath.h src/md/mathscan.c
