/*
 * render/chart_axis.h: scales, "nice" ticks and text measuring for charts
 * (private to render/chart*.c and the unit tests).
 * Produces tick positions and labels, formatted numbers, cleaned labels.
 * Never depends on the locale; never returns a non-finite tick.
 */
#ifndef VECDOC_CHART_AXIS_H
#define VECDOC_CHART_AXIS_H

#include <stddef.h>

#define CHART_MAXTICKS	24

/*
 * The ticks of one axis. Linear: the domain [lo, hi] and ticks v[] are in
 * data units, spaced "step" = m * 10^e with m in {1, 2, 5}. Log: lo, hi
 * are in decades (log10 units) and v[] holds the tick exponents.
 */
struct chart_ticks {
	int	 log;
	double	 lo, hi;
	double	 step;
	int	 e;		/* linear: the power of ten of step */
	int	 n;
	double	 v[CHART_MAXTICKS];
	int	 expo;		/* linear: labels as mantissa x 10^expo (0: plain) */
	int	 sup;		/* log: labels as 10^k (else plain decimals) */
};

/*
 * Linear ticks for data in [lo, hi] aiming at about "target" ticks.
 * expand: 1 widens the domain to the outer ticks (matplotlib-like), 0
 * keeps [lo, hi] and puts ticks inside it. Degenerate input is repaired:
 * non-finite bounds give [0, 1], an empty range is padded.
 */
void	 chart_ticks_linear(double lo, double hi, int target, int expand,
	    struct chart_ticks *t);
/*
 * Log10 ticks for positive data in [lo, hi] (non-positive or non-finite
 * bounds give [1, 10]): one tick per decade, or per 2, 5, 10... decades
 * when the range is wide. expand as for chart_ticks_linear.
 */
void	 chart_ticks_log(double lo, double hi, int expand,
	    struct chart_ticks *t);
/*
 * Label of tick i into out: "0.25", "-5", "2×10^11" or "10^6" ('^'
 * marks the superscript that the SVG writer raises).
 */
void	 chart_tick_label(const struct chart_ticks *t, int i, char *out,
	    size_t outsz);
/* A data value for tooltips, legends and descriptions: about 4
 * significant digits, trailing zeros trimmed ("0.5", "1234", "1.5e-07");
 * NaN "NaN", infinities "inf"/"-inf". */
void	 chart_fmt_value(double v, char *out, size_t outsz);
/* An SVG coordinate: at most 2 decimals, no "-0", clamped to ±1e6. */
void	 chart_fmt_coord(double v, char *out, size_t outsz);
/* Display width of UTF-8 text in columns (wide characters count 2). */
size_t	 chart_text_width(const char *s);
/*
 * A copy of s safe for XML text: invalid UTF-8 and characters XML cannot
 * carry become U+FFFD, tabs and newlines spaces; when maxcols > 0 and
 * the text is wider, it is cut to maxcols columns ending in "…" and
 * *cut is set. NULL s gives "". Caller frees.
 */
char	*chart_text_clean(const char *s, size_t maxcols, int *cut);

#endif
