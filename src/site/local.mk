libvecdoc_a_SOURCES += \
	src/site/site.h src/site/config.c src/site/scan.c \
	src/site/theme.c src/site/theme.h \
	src/site/nav.c src/site/nav.h \
	src/site/build.c src/site/build.h src/site/publish.c src/site/publish.h src/site/cache.c src/site/cache.h \
	src/site/search.c src/site/search.h src/site/serve.c src/site/serve.h
