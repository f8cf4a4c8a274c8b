libvecdoc_a_SOURCES += \
	src/render/result.c src/render/result.h \
	src/render/result_io.c src/render/result_io.h \
	src/render/xml.c src/render/xml.h \
	src/render/html.c src/render/html.h \
	src/render/chart.c src/render/chart.h
libvecdoc_a_SOURCES += \
	src/render/chart_axis.c src/render/chart_axis.h \
	src/render/chart_svg.c
check_PROGRAMS += tests/unit/test_chart
tests_unit_test_chart_SOURCES = tests/unit/test_chart.c tests/unit/test.h
tests_unit_test_chart_LDADD = $(VECDOC_LIBS)
EXTRA_DIST += tests/chart

