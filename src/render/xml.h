/*
 * render/xml.h: libxml2 helpers for the HTML and SVG vecdoc generates.
 * Produces element trees and their XHTML-compatible serialisation, so
 * that every string from data is escaped by construction.
 * Never emits raw text from data without escaping. The chart code and the
 * result renderer (render/html.h) write through these.
 */
#ifndef VECDOC_XML_H
#define VECDOC_XML_H

#include <libxml/tree.h>

#include "util/buf.h"

/* A detached element (parent NULL) or a child appended to parent. */
xmlNodePtr html_el(xmlNodePtr parent, const char *tag, const char *cls);
void	 html_attr(xmlNodePtr n, const char *name, const char *value);
void	 html_attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Appends escaped text. */
void	 html_text(xmlNodePtr n, const char *text);
void	 html_textn(xmlNodePtr n, const char *text, size_t len);
/* Element with text content. */
xmlNodePtr html_el_text(xmlNodePtr parent, const char *tag, const char *cls,
	    const char *text);
/* Serialises n and its subtree (HTML5-compatible XHTML) into out, then
 * frees n. */
void	 html_flush(xmlNodePtr n, struct buf *out);

#endif
