/*
 * render/xml: the escaping HTML/SVG writer (libxml2 trees).
 * Produces element trees and serialises them; never computes anything.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include "render/xml.h"
#include "util/xalloc.h"

/*
 * libxml2 initialises itself lazily, and that first use is not safe from
 * several threads at once (pages are rendered on the build's workers):
 * two racing xmlInitCharEncodingHandlers left one table leaked under
 * LeakSanitizer. libxml2 asks multithreaded programs to call
 * xmlInitParser once first; every program that renders links this file,
 * so it runs here, at load time, before any thread exists.
 */
__attribute__((constructor)) static void
xml_init(void)
{
	xmlInitParser();
}

xmlNodePtr
html_el(xmlNodePtr parent, const char *tag, const char *cls)
{
	xmlNodePtr n = xmlNewNode(NULL, BAD_CAST tag);

	if (cls != NULL && cls[0] != '\0')
		xmlNewProp(n, BAD_CAST "class", BAD_CAST cls);
	if (parent != NULL)
		xmlAddChild(parent, n);
	return n;
}

void
html_attr(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, BAD_CAST name, BAD_CAST value);
}

void
html_attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	html_attr(n, name, tmp);
}

void
html_textn(xmlNodePtr n, const char *text, size_t len)
{
	xmlAddChild(n, xmlNewTextLen(BAD_CAST text, (int)len));
}

void
html_text(xmlNodePtr n, const char *text)
{
	html_textn(n, text, strlen(text));
}

xmlNodePtr
html_el_text(xmlNodePtr parent, const char *tag, const char *cls,
    const char *text)
{
	xmlNodePtr n = html_el(parent, tag, cls);

	html_text(n, text);
	return n;
}

void
html_flush(xmlNodePtr n, struct buf *out)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlSaveCtxtPtr s = xmlSaveToBuffer(b, "UTF-8",
	    XML_SAVE_NO_DECL | XML_SAVE_XHTML);
	/* Owned by a UTF-8 document so attributes keep their characters
	 * instead of turning into numeric references. */
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");

	doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	xmlDocSetRootElement(doc, n);
	xmlSaveTree(s, n);
	xmlSaveClose(s);
	buf_put(out, xmlBufferContent(b), (size_t)xmlBufferLength(b));
	xmlBufferFree(b);
	xmlFreeDoc(doc);
}
