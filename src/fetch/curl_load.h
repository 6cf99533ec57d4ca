/* curl_load.h: libcurl loaded when warta first fetches (see curl_load.c). */
#ifndef WARTA_CURL_LOAD_H
#define WARTA_CURL_LOAD_H

/* Load libcurl now if it is not yet: NULL when it is there, else why not
 * ("cannot load libcurl.so.4: ..."). */
const char *curl_load_error(void);

#endif
