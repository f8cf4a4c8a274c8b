check_PROGRAMS += tests/unit/test_util
tests_unit_test_util_SOURCES = tests/unit/test_util.c tests/unit/test.h
tests_unit_test_util_LDADD = $(VECDOC_LIBS)
EXTRA_DIST += tests/run.sh tests/lib.sh
check_PROGRAMS += tests/unit/test_site
tests_unit_test_site_SOURCES = tests/unit/test_site.c tests/unit/test.h
tests_unit_test_site_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/unit/test_search
tests_unit_test_search_SOURCES = tests/unit/test_search.c tests/unit/test.h
tests_unit_test_search_LDADD = $(VECDOC_LIBS)
check_PROGRAMS += tests/unit/test_math
tests_unit_test_math_SOURCES = tests/unit/test_math.c tests/unit/test.h tests/unit/guard.h
tests_unit_test_math_LDADD = $(VECDOC_LIBS)
EXTRA_DIST += tests/directives tests/cache tests/serve
include tests/fuzz/local.mk
