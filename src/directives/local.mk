libvecdoc_a_SOURCES += \
	src/directives/registry.c src/directives/registry.h \
	src/directives/admonition.c src/directives/random_cosine.c \
	src/directives/directive.c src/directives/directive.h \
	src/directives/run.c src/directives/run.h \
	src/directives/rcache.c src/directives/rcache.h \
	src/directives/doc.c \
	src/directives/common.c src/directives/common.h \
	src/directives/nearest.c src/directives/analogy.c \
	src/directives/evals.c src/directives/geometry.c src/directives/heatmap.c \
	src/directives/normfreq.c src/directives/crossspace.c \
	src/directives/corpora.c
