check_PROGRAMS += tests/unit/test_util
tests_unit_test_util_SOURCES = tests/unit/test_util.c tests/unit/test.h
tests_unit_test_util_LDADD = $(VECDOC_LIBS)
EXTRA_DIST += tests/run.sh tests/lib.sh
check_PROGRAMS += tests/unit/test_site
tests_unit_test_site_SOURCES = tests/unit/test_site.c tests/unit/test.h
tests_unit_test_site_LDADD = $(VECDOC_LIBS)
