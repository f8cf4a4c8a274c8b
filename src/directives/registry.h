/*
 * directives/registry.h: every directive's spec, declared from the one
 * list (directives/list.h). Adding a directive = its file + one line in
 * list.h (+ its example's golden file and its translations).
 */
#ifndef VECDOC_REGISTRY_H
#define VECDOC_REGISTRY_H

#include "directives/directive.h"

#define DIRECTIVE(id) extern const struct directive_spec directive_##id;
#include "directives/list.h"
#undef DIRECTIVE

#endif
