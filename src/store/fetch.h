/*
 * store/fetch: obtaining the declared data files (vecdoc fetch).
 * Reads vecdoc.yml declarations; produces files under the content root.
 * Never leaves a partial or unverified file at a declared path.
 */
#ifndef VECDOC_STORE_FETCH_H
#define VECDOC_STORE_FETCH_H

/*
 * Obtains every file DIR/vecdoc.yml declares that is missing (mirror,
 * npm, https), verifies and converts it; "dry": only say what would be
 * tried; "noconv": leave the .vds cache alone; "quiet": print only
 * diagnostics. Messages go to stdout, progress bars (on a terminal) and
 * errors to stderr. SIGINT and SIGTERM stop it cleanly, keeping the part
 * file of a tensor being downloaded. Returns 0, 1 when a declared file
 * was not obtained, or 130 when interrupted.
 */
int	 fetch_all(const char *dir, int dry, int noconv, int quiet);

#endif
