/* test_store_proc.c: the cache across processes: a writer beside a reader, kill -9 of a writer, a full disk. */
#include "autoconfig.h"

#include "store/store.h"
#include "unit/store_text.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "util/buf.h"
#include "util/str.h"

static char tmpdir[] = "/tmp/warta-proc-test.XXXXXX";

static void
sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* One source update as refresh does it: a transaction of upserts (some
 * new, some seen before), an article, the fetch state. Then a few state
 * changes outside it, as the UI does; each one committed is logged. */
static int
write_round(struct store *s, long long src, int round, int logfd,
	    struct err *e)
{
	struct store_fetch_state f = {0};
	char key[32], title[64], text[600], line[64];
	long long id = 0;
	int n;

	if (store_begin(s, e) != 0)
		return -1;
	for (int i = 0; i < 25; i++) {
		struct store_item_in in = {0};

		snprintf(key, sizeof(key), "k%d", round * 10 + i);
		snprintf(title, sizeof(title), "Round %d item %d", round, i);
		in.key = key;
		in.title = title;
		in.link = key;
		in.published = 1000 + round * 10 + i;
		if (store_item_upsert(s, src, &in, 5000 + round, NULL, &id, e) !=
		    0)
			goto fail;
	}
	memset(text, 'a' + round % 26, sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	{
		struct store_article_in a = {0};

		a.doc = text;
		a.doc_len = sizeof(text) - 1;
		a.text = text;
		a.raw = text;
		a.raw_len = sizeof(text) - 1;
		if (store_article_put(s, id, &a, e) != 0)
			goto fail;
	}
	f.ok = 1;
	f.when = 5000 + round;
	if (store_source_set_fetch(s, src, &f, e) != 0 ||
	    store_commit(s, e) != 0)
		goto fail;
	/* the UI marking things: autocommit, logged once done */
	if (store_item_set_read(s, id, 1, e) != 0)
		return -1;
	n = snprintf(line, sizeof(line), "R %lld\n", id);
	if (logfd >= 0 && write(logfd, line, (size_t)n) != n)
		return -1;
	if (store_item_set_flagged(s, id - 3, 1, e) != 0)
		return -1;
	n = snprintf(line, sizeof(line), "F %lld\n", id - 3);
	if (logfd >= 0 && write(logfd, line, (size_t)n) != n)
		return -1;
	if (round % 40 == 39 && store_vacuum(s, NULL, NULL, e) != 0)
		return -1;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

static void
test_writer_and_reader(void)
{
	struct err e = {{0}};
	char *path = xasprintf("%s/shared.db", tmpdir);
	struct store *s = store_open(path, &test_store_text, &e);
	struct store_query q = {0};
	struct store_item *rows;
	long long src, v0, v;
	size_t n;
	long cnt, reads = 0, errors = 0, changes = 0;
	pid_t pid;
	int status;

	store_source_ensure(s, "shared", "http://s.example/", &src, &e);
	v0 = store_data_version(s);
	pid = fork();
	if (pid == 0) {
		struct store *w = store_open(path, &test_store_text, &e);
		int rc = 0;

		for (int r = 0; w && r < 150 && rc == 0; r++)
			rc = write_round(w, src, r, -1, &e);
		if (rc)
			fprintf(stderr, "writer: %s\n", e.msg);
		store_close(w);
		_exit(w && rc == 0 ? 0 : 1);
	}
	/* read while it writes: pages and counts must always work */
	for (;;) {
		pid_t done = waitpid(pid, &status, WNOHANG);

		q.view = STORE_VIEW_SOURCE;
		q.source_id = src;
		if (store_items_page(s, &q, NULL, 0, 50, &rows, &n, &e) != 0 ||
		    store_items_count(s, &q, &cnt, &e) != 0) {
			if (errors++ == 0)
				printf("# reader: %s\n", e.msg);
		} else {
			reads++;
			store_items_free(rows, n);
		}
		v = store_data_version(s);
		if (v != v0) {
			changes++;
			v0 = v;
		}
		if (done == pid)
			break;
		sleep_ms(2);
	}
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "the writer process finished without an error");
	is_int(errors, 0, "the reader never failed (%ld reads)", reads);
	ok(changes > 0, "the reader saw new data through data_version (%ld)",
	   changes);
	q.view = STORE_VIEW_SOURCE;
	store_items_count(s, &q, &cnt, &e);
	is_int(cnt, 149 * 10 + 25, "every item arrived");
	ok(store_check(s, &e) == 0, "the cache checks ok (%s)", e.msg);
	store_close(s);
	free(path);
}

/* Every state change the log says was committed is in the cache. */
static int
check_log(struct store *s, const char *logpath, long *checked)
{
	FILE *f = fopen(logpath, "r");
	char kind;
	long long id;
	struct err e = {{0}};
	struct store_item it;
	int lost = 0;

	*checked = 0;
	if (!f)
		return 0;
	while (fscanf(f, " %c %lld", &kind, &id) == 2) {
		if (store_item_get(s, id, &it, &e) != 1)
			lost++;
		else if ((kind == 'R' && !it.read) ||
			 (kind == 'F' && !it.flagged))
			lost++;
		store_item_clear(&it);
		(*checked)++;
	}
	fclose(f);
	return lost;
}

static void
test_kill9(void)
{
	struct err e = {{0}};
	char *path = xasprintf("%s/killed.db", tmpdir);
	char *logpath = xasprintf("%s/killed.log", tmpdir);
	int bad_check = 0, lost = 0, bad_write = 0, bad_count = 0;
	long checked = 0, total_checked = 0;
	int round_base = 0;

	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	for (int k = 0; k < 20; k++) {
		struct store *s;
		long long src = 0;
		pid_t pid;
		int status;

		pid = fork();
		if (pid == 0) {
			int fd = open(logpath, O_WRONLY | O_CREAT | O_APPEND,
				      0600);
			struct store *w =
			    store_open(path, &test_store_text, &e);
			long long wsrc;

			if (!w || store_source_ensure(w, "killed",
						      "http://k.example/",
						      &wsrc, &e) != 0)
				_exit(3);
			for (int r = round_base;; r++)
				if (write_round(w, wsrc, r, fd, &e) != 0)
					_exit(4);
		}
		sleep_ms(5 + rand() % 250);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		round_base += 1000;

		s = store_open(path, &test_store_text, &e);
		if (!s) {
			bad_check++;
			printf("# reopen after kill %d: %s\n", k, e.msg);
			continue;
		}
		if (store_check(s, &e) != 0) {
			bad_check++;
			printf("# check after kill %d: %s\n", k, e.msg);
		}
		lost += check_log(s, logpath, &checked);
		total_checked += checked;
		{
			struct store_source so;
			struct store_query q = {0};
			long cnt = 0;

			if (store_source_get(s, "killed", &so, &e) == 1) {
				src = so.id;
				q.view = STORE_VIEW_UNREAD;
				store_items_count(s, &q, &cnt, &e);
				/* the kept counts agree with the rows */
				q.view = STORE_VIEW_SINCE;
				q.since = 0;
				q.unread_only = 1;
				{
					long rows_unread = 0;

					store_items_count(s, &q, &rows_unread,
							  &e);
					if (rows_unread != cnt)
						bad_count++;
				}
				store_source_clear(&so);
			}
		}
		/* and the next update goes through */
		if (src && write_round(s, src, round_base + 999, -1, &e) != 0) {
			bad_write++;
			printf("# write after kill %d: %s\n", k, e.msg);
		}
		store_close(s);
	}
	is_int(bad_check, 0, "20 kill -9: integrity check ok every time");
	is_int(lost, 0, "no committed read or flagged state lost (%ld checked)",
	       total_checked);
	is_int(bad_count, 0, "the kept unread counts match the rows");
	is_int(bad_write, 0, "the next update works every time");
	free(path);
	free(logpath);
}

static void
test_full_disk(void)
{
	struct err e = {{0}};
	char *path = xasprintf("%s/full.db", tmpdir);
	struct store *s = store_open(path, &test_store_text, &e);
	int pfd[2];
	pid_t pid;
	int status;
	long committed = -1;
	char msg[600] = "";
	ssize_t got;

	store_close(s);
	if (pipe(pfd) != 0) {
		ok(0, "pipe");
		return;
	}
	pid = fork();
	if (pid == 0) {
		struct rlimit rl = {1024 * 1024, 1024 * 1024};
		struct store *w;
		long long src;
		long n = 0;
		struct buf text;
		FILE *out = fdopen(pfd[1], "w");

		close(pfd[0]);
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		w = store_open(path, &test_store_text, &e);
		if (!w || store_source_ensure(w, "full", "http://f.example/",
					      &src, &e) != 0) {
			fprintf(out, "-1 open: %s\n", e.msg);
			_exit(0);
		}
		buf_init(&text, 0);
		for (int i = 0; i < 4000; i++)
			buf_printf(&text, "word%d ", i * 7919 % 100003);
		for (;;) {
			struct store_item_in in = {0};
			struct store_article_in a = {0};
			char key[32];
			long long id;

			snprintf(key, sizeof(key), "k%ld", n);
			in.key = key;
			in.title = key;
			if (store_begin(w, &e) != 0)
				break;
			if (store_item_upsert(w, src, &in, 1, NULL, &id, &e) !=
			    0) {
				store_rollback(w);
				break;
			}
			a.doc = text.data;
			a.doc_len = text.len;
			a.text = text.data;
			if (store_article_put(w, id, &a, &e) != 0) {
				store_rollback(w);
				break;
			}
			if (store_commit(w, &e) != 0)
				break;
			n++;
		}
		fprintf(out, "%ld %s\n", n, e.msg);
		fclose(out);
		store_close(w);
		_exit(0);
	}
	close(pfd[1]);
	got = read(pfd[0], msg, sizeof(msg) - 1);
	msg[got > 0 ? got : 0] = '\0';
	close(pfd[0]);
	waitpid(pid, &status, 0);
	committed = strtol(msg, NULL, 10);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "the writer ends cleanly on a full disk");
	ok(committed > 0 && strchr(msg, ':'),
	   "with an error saying why after %ld items: %s", committed,
	   strchr(msg, ' ') ? strchr(msg, ' ') + 1 : msg);
	s = store_open(path, &test_store_text, &e);
	ok(s && store_check(s, &e) == 0, "the cache checks ok afterwards (%s)",
	   e.msg);
	if (s) {
		struct store_query q = {0};
		long cnt = -1;

		q.view = STORE_VIEW_ALL;
		store_items_count(s, &q, &cnt, &e);
		is_int(cnt, committed, "every committed item is there");
	}
	store_close(s);
	free(path);
}

int
main(void)
{
	char *cmd;

	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_writer_and_reader();
	test_kill9();
	test_full_disk();
	cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
	return tap_done();
}
