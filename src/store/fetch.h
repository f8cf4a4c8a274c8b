/*
 * store/fetch: obtaining the declared data files (vecdoc fetch).
 * Reads vecdoc.yml declarations; produces files under the content root.
 * Never leaves a partial or unverified file at a declared path.
 */
#ifndef VECDOC_STORE_FETCH_H
#define VECDOC_STORE_FETCH_H

#endif
