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
 * tried; "noconv": leave the .vds cache alone. Progress and errors go to
 * stderr. Returns 0, or 1 when a declared file was not obtained.
 */
int	 fetch_all(const char *dir, int dry, int noconv);

#endif
