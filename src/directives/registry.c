/*
 * directives/registry: the table of directives, sorted by name, from the
 * one list (directives/list.h; tests/unit checks the order and that every
 * spec has an estimate, a version and its strings).
 * Produces lookups by name. Never holds state.
 */
#include <string.h>

#include "directives/registry.h"

static const struct directive_spec *const registry[] = {
#define DIRECTIVE(id) &directive_##id,
#include "directives/list.h"
#undef DIRECTIVE
};

#define NREG (sizeof(registry) / sizeof(registry[0]))

const struct directive_spec *
directive_find(const char *name)
{
	size_t i;

	for (i = 0; i < NREG; i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return NULL;
}

size_t
directive_count(void)
{
	return NREG;
}

const struct directive_spec *
directive_at(size_t i)
{
	return i < NREG ? registry[i] : NULL;
}
