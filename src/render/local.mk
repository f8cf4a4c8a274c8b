libvecdoc_a_SOURCES += \
	src/render/result.c src/render/result.h \
	src/render/html.c src/render/html.h \
	src/render/chart.c src/render/chart.h
