# vecdoc import: legacy pages into vecdoc pages (site level: util, md).
libvecdoc_a_SOURCES += \
	src/import/import.h src/import/repair.c src/import/convert.c
EXTRA_DIST += tests/import

