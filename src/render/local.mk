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

# libFuzzer target for the result cache's reader (see src/store/local.mk
# for how fuzzers are configured and run).
if FUZZ
noinst_PROGRAMS += tests/fuzz/fuzz_result_io
tests_fuzz_fuzz_result_io_SOURCES = tests/fuzz/fuzz_result_io.c
tests_fuzz_fuzz_result_io_LDFLAGS = -fsanitize=fuzzer,address
tests_fuzz_fuzz_result_io_LDADD = $(VECDOC_LIBS)
endif
EXTRA_DIST += tests/fuzz/fuzz_result_io.c
