/* curl_load.c: libcurl loaded when warta first fetches, not at every start. */
#include "autoconfig.h"

#include "fetch/curl_load.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * libcurl and the libraries it pulls in (TLS, HTTP/2, IDN, LDAP, Kerberos,
 * SSH, ...) are most of what a process of warta loads, and loading and
 * initialising them takes longer than everything else before the first
 * screen. Most runs of warta never fetch: the interface until a refresh,
 * `warta search`, export, import. So warta is not linked with libcurl;
 * this file defines the libcurl functions fetch.c calls (so that fetch.c
 * is written, and type-checked, against curl.h as usual) and each of them
 * loads the library on first use and calls the real one.
 *
 * The loaded library is process-wide state, like the library itself;
 * loading it is not thread-safe by design: a second thread that fetches
 * (the interface's sync, refresh_sync_start()) is started only once
 * curl_load_error() has loaded it, and then only reads the table.
 */

/* The libcurl functions warta uses, as loaded. */
struct curl_lib {
	int tried;
	void *lib;
	char error[256];
	CURLcode (*global_init)(long);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *);
	void (*easy_reset)(CURL *);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	CURLHcode (*easy_header)(CURL *, const char *, size_t, unsigned int,
				 int, struct curl_header **);
	const char *(*easy_strerror)(CURLcode);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_cleanup)(CURLM *);
	CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
	CURLMcode (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode (*multi_perform)(CURLM *, int *);
	CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd[], unsigned int,
				int, int *);
	CURLMcode (*multi_wakeup)(CURLM *);
	CURLMsg *(*multi_info_read)(CURLM *, int *);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
};

static struct curl_lib lc;

/* What is loaded (a test loads what is not there). */
#ifndef CURL_LOAD_NAME
#define CURL_LOAD_NAME CURL_SONAME
#endif

static void
unload(void)
{
	lc.global_cleanup();
	/* the library stays mapped: handlers it registered may still run */
}

/* Load the library and every function; 0, or -1 with lc.error set. */
static int
load(void)
{
	static const struct {
		const char *name;
		size_t offset;
	} fn[] = {
#define FN(field, sym) {#sym, offsetof(struct curl_lib, field)}
	    FN(global_init, curl_global_init),
	    FN(global_cleanup, curl_global_cleanup),
	    FN(easy_init, curl_easy_init),
	    FN(easy_cleanup, curl_easy_cleanup),
	    FN(easy_reset, curl_easy_reset),
	    FN(easy_setopt, curl_easy_setopt),
	    FN(easy_getinfo, curl_easy_getinfo),
	    FN(easy_header, curl_easy_header),
	    FN(easy_strerror, curl_easy_strerror),
	    FN(multi_init, curl_multi_init),
	    FN(multi_cleanup, curl_multi_cleanup),
	    FN(multi_setopt, curl_multi_setopt),
	    FN(multi_add_handle, curl_multi_add_handle),
	    FN(multi_remove_handle, curl_multi_remove_handle),
	    FN(multi_perform, curl_multi_perform),
	    FN(multi_poll, curl_multi_poll),
	    FN(multi_wakeup, curl_multi_wakeup),
	    FN(multi_info_read, curl_multi_info_read),
	    FN(slist_append, curl_slist_append),
	    FN(slist_free_all, curl_slist_free_all),
#undef FN
	};

	if (lc.tried)
		return lc.lib ? 0 : -1;
	lc.tried = 1;
	lc.lib = dlopen(CURL_LOAD_NAME, RTLD_NOW | RTLD_LOCAL);
	if (!lc.lib) {
		snprintf(lc.error, sizeof(lc.error), "cannot load %s: %s",
			 CURL_LOAD_NAME, dlerror());
		return -1;
	}
	for (size_t i = 0; i < sizeof(fn) / sizeof(fn[0]); i++) {
		void *p = dlsym(lc.lib, fn[i].name);

		if (!p) {
			snprintf(
			    lc.error, sizeof(lc.error),
			    "%s lacks %s (libcurl 7.84 or later is needed)",
			    CURL_LOAD_NAME, fn[i].name);
			goto fail;
		}
		/* POSIX: a function pointer and void * convert both ways */
		memcpy((char *)&lc + fn[i].offset, &p, sizeof(p));
	}
	if (lc.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(lc.error, sizeof(lc.error), "cannot initialise %s",
			 CURL_LOAD_NAME);
		goto fail;
	}
	atexit(unload);
	return 0;
fail:
	dlclose(lc.lib);
	lc.lib = NULL;
	return -1;
}

const char *
curl_load_error(void)
{
	if (load() == 0)
		return NULL;
	return lc.error;
}

/* ---- the functions fetch.c calls: each one loads the library first;
 * those that take a handle can only be reached once one was made. */

CURL *
curl_easy_init(void)
{
	return load() == 0 ? lc.easy_init() : NULL;
}

void
curl_easy_cleanup(CURL *h)
{
	if (load() == 0)
		lc.easy_cleanup(h);
}

void
curl_easy_reset(CURL *h)
{
	if (load() == 0)
		lc.easy_reset(h);
}

/*
 * The option's number says the type of its one argument (curl.h's
 * CURLOPTTYPE_* bases, as libcurl itself reads it): a long, a pointer, a
 * function pointer or a curl_off_t. It is read as that type and passed on.
 */
CURLcode(curl_easy_setopt)(CURL *h, CURLoption opt, ...)
{
	va_list ap;
	CURLcode rc;

	if (load() < 0)
		return CURLE_FAILED_INIT;
	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = lc.easy_setopt(h, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_FUNCTIONPOINT)
		rc = lc.easy_setopt(h, opt, va_arg(ap, void *));
	else if (opt < CURLOPTTYPE_OFF_T)
		rc = lc.easy_setopt(h, opt, va_arg(ap, void (*)(void)));
	else if (opt < CURLOPTTYPE_BLOB)
		rc = lc.easy_setopt(h, opt, va_arg(ap, curl_off_t));
	else
		rc = lc.easy_setopt(h, opt, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

/* Every CURLINFO_* takes a pointer to where the answer goes. */
CURLcode(curl_easy_getinfo)(CURL *h, CURLINFO info, ...)
{
	va_list ap;
	CURLcode rc;

	if (load() < 0)
		return CURLE_FAILED_INIT;
	va_start(ap, info);
	rc = lc.easy_getinfo(h, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLHcode
curl_easy_header(CURL *h, const char *name, size_t index, unsigned int origin,
		 int request, struct curl_header **hout)
{
	if (load() < 0)
		return CURLHE_NOT_BUILT_IN;
	return lc.easy_header(h, name, index, origin, request, hout);
}

const char *
curl_easy_strerror(CURLcode rc)
{
	if (load() < 0)
		return lc.error;
	return lc.easy_strerror(rc);
}

CURLM *
curl_multi_init(void)
{
	return load() == 0 ? lc.multi_init() : NULL;
}

CURLMcode
curl_multi_cleanup(CURLM *m)
{
	return load() == 0 ? lc.multi_cleanup(m) : CURLM_BAD_HANDLE;
}

/* As for curl_easy_setopt(): the option's number says the type. */
CURLMcode(curl_multi_setopt)(CURLM *m, CURLMoption opt, ...)
{
	va_list ap;
	CURLMcode rc;

	if (load() < 0)
		return CURLM_BAD_HANDLE;
	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = lc.multi_setopt(m, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_FUNCTIONPOINT)
		rc = lc.multi_setopt(m, opt, va_arg(ap, void *));
	else if (opt < CURLOPTTYPE_OFF_T)
		rc = lc.multi_setopt(m, opt, va_arg(ap, void (*)(void)));
	else
		rc = lc.multi_setopt(m, opt, va_arg(ap, curl_off_t));
	va_end(ap);
	return rc;
}

CURLMcode
curl_multi_add_handle(CURLM *m, CURL *h)
{
	return load() == 0 ? lc.multi_add_handle(m, h) : CURLM_BAD_HANDLE;
}

CURLMcode
curl_multi_remove_handle(CURLM *m, CURL *h)
{
	return load() == 0 ? lc.multi_remove_handle(m, h) : CURLM_BAD_HANDLE;
}

CURLMcode
curl_multi_perform(CURLM *m, int *running)
{
	return load() == 0 ? lc.multi_perform(m, running) : CURLM_BAD_HANDLE;
}

CURLMcode
curl_multi_poll(CURLM *m, struct curl_waitfd extra[], unsigned int n,
		int timeout_ms, int *ret)
{
	if (load() < 0)
		return CURLM_BAD_HANDLE;
	return lc.multi_poll(m, extra, n, timeout_ms, ret);
}

CURLMcode
curl_multi_wakeup(CURLM *m)
{
	return load() == 0 ? lc.multi_wakeup(m) : CURLM_BAD_HANDLE;
}

CURLMsg *
curl_multi_info_read(CURLM *m, int *left)
{
	return load() == 0 ? lc.multi_info_read(m, left) : NULL;
}

struct curl_slist *
curl_slist_append(struct curl_slist *l, const char *s)
{
	return load() == 0 ? lc.slist_append(l, s) : NULL;
}

void
curl_slist_free_all(struct curl_slist *l)
{
	if (load() == 0)
		lc.slist_free_all(l);
}
