/* test_curl_load.c: without libcurl, every fetch fails with a clear reason. */
#include "autoconfig.h"

/* curl_load.c itself, told to load a library that is not there */
#define CURL_LOAD_NAME "libwarta-test-no-such-curl.so.0"
#include "fetch/curl_load.c" /* src/, on the include path */

#include "fetch/fetch.h"
#include "tap.h"
#include "util/err.h"

int
main(void)
{
	struct err e = {{0}};
	struct fetch_options o;
	struct fetch_result r;
	const char *why = curl_load_error();

	ok(why && strstr(why, "cannot load libwarta-test-no-such-curl.so.0"),
	   "the reason names the library (%s)", why ? why : "(none)");
	ok(curl_easy_init() == NULL, "no easy handle");
	ok(curl_multi_init() == NULL, "no multi handle");
	ok(curl_slist_append(NULL, "x") == NULL, "no list");
	is_str(curl_easy_strerror(CURLE_OK), why, "strerror says why");
	ok(fetch_new(2, 1, &e) == NULL && strstr(e.msg, "cannot load"),
	   "fetch_new fails with the reason (%s)", e.msg);
	fetch_options_default(&o);
	memset(&e, 0, sizeof(e));
	ok(fetch_get("http://127.0.0.1:9/", &o, &r, &e) < 0 &&
	       strstr(e.msg, "cannot load"),
	   "fetch_get fails with the reason (%s)", e.msg);
	fetch_result_free(&r);
	return tap_done();
}
