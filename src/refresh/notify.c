/* notify.c: the new unread items of a refresh, told to the user's command. */
#include "autoconfig.h"

#include "refresh/notify.h"
#include "config/config.h"
#include "refresh/refresh.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_NAMED_SOURCES 5
#define MAX_IDS 100000
#define WAIT_MS 10000

struct notify {
	const struct config *c;
	long long *ids; /* the new items, in the order the sources came */
	size_t nids;
	char **sources; /* the sources they came from, each once */
	size_t nsources;
	long unread; /* after notify_count() */
	char *titles[NOTIFY_TITLES];
	size_t ntitles;
	char **unread_sources; /* of them, those with unread new items */
	size_t nunread_sources;
};

struct notify *
notify_new(const struct config *c)
{
	struct notify *n = xcalloc(1, sizeof(*n));

	n->c = c;
	return n;
}

void
notify_note(struct notify *n, const struct refresh_event *ev)
{
	const struct config_source *s;

	if (ev->what != REFRESH_SOURCE || !ev->new_items || !ev->new_ids)
		return;
	s = n->c ? config_find_source(n->c, ev->source) : NULL;
	if (s && s->notify == CONFIG_NOTIFY_NO)
		return;
	for (size_t i = 0; i < ev->new_items && n->nids < MAX_IDS; i++) {
		n->ids = xreallocarray(n->ids, n->nids + 1, sizeof(*n->ids));
		n->ids[n->nids++] = ev->new_ids[i];
	}
	n->sources =
	    xreallocarray(n->sources, n->nsources + 1, sizeof(*n->sources));
	n->sources[n->nsources++] = xstrdup(ev->source);
}

long
notify_count(struct notify *n, struct store *st, struct err *e)
{
	size_t done = 0;

	for (size_t i = 0; i < n->ntitles; i++)
		free(n->titles[i]);
	n->ntitles = 0;
	free(n->unread_sources);
	n->unread_sources = NULL;
	n->nunread_sources = 0;
	n->unread = 0;
	/* source by source, so each source is named only when some of its
	 * new items are unread */
	for (size_t s = 0; s < n->nsources; s++) {
		size_t before = (size_t)n->unread;

		for (; done < n->nids; done++) {
			char *title = NULL, *source = NULL;
			int read = 0, got, other;

			/* the state and title alone: a refresh of thousands of
			 * new items must not unpack every summary here */
			got = store_item_brief(st, n->ids[done], &read, &title,
					       &source, e);
			if (got < 0)
				return -1;
			if (got == 0)
				continue;
			other = strcmp(source ? source : "", n->sources[s]);
			if (!other && !read) {
				n->unread++;
				if (n->ntitles < NOTIFY_TITLES && title &&
				    *title) {
					n->titles[n->ntitles++] = title;
					title = NULL;
				}
			}
			free(title);
			free(source);
			if (other)
				break;
		}
		if ((size_t)n->unread > before) {
			n->unread_sources = xreallocarray(
			    n->unread_sources, n->nunread_sources + 1,
			    sizeof(*n->unread_sources));
			n->unread_sources[n->nunread_sources++] = n->sources[s];
		}
	}
	return n->unread;
}

/* s made safe for a terminal or a log, on one line. */
static char *
clean(const char *s)
{
	return utf8_sanitize(s, strlen(s), 0);
}

static char *
sources_text(const struct notify *n)
{
	struct buf b;
	size_t shown = n->nunread_sources < MAX_NAMED_SOURCES
			   ? n->nunread_sources
			   : MAX_NAMED_SOURCES;

	buf_init(&b, 0);
	for (size_t i = 0; i < shown; i++) {
		char *c = clean(n->unread_sources[i]);

		buf_printf(&b, "%s%s", i ? ", " : "", c);
		free(c);
	}
	if (n->nunread_sources > shown)
		buf_printf(&b, " and %zu more", n->nunread_sources - shown);
	return buf_steal(&b);
}

static char *
titles_text(const struct notify *n)
{
	struct buf b;

	buf_init(&b, 0);
	for (size_t i = 0; i < n->ntitles; i++) {
		char *c = clean(n->titles[i]);

		buf_printf(&b, "%s%s", i ? "; " : "", c);
		free(c);
	}
	return buf_steal(&b);
}

char *
notify_text(const struct notify *n, char **body)
{
	char *src = sources_text(n), *text;

	text = xasprintf("%ld new in %s", n->unread, src);
	free(src);
	if (body)
		*body = titles_text(n);
	return text;
}

/* One argument with its placeholders replaced. */
static char *
expand(const char *arg, const struct notify *n)
{
	struct buf b;

	buf_init(&b, 0);
	for (const char *p = arg; *p; p++) {
		char *v = NULL;

		if (*p != '%' || !p[1]) {
			buf_putc(&b, *p);
			continue;
		}
		switch (*++p) {
		case 'n':
			buf_printf(&b, "%ld", n->unread);
			break;
		case 's':
			v = sources_text(n);
			break;
		case 't':
			v = titles_text(n);
			break;
		case '%':
			buf_putc(&b, '%');
			break;
		default: /* not ours: kept as written */
			buf_putc(&b, '%');
			buf_putc(&b, *p);
		}
		if (v) {
			buf_puts(&b, v);
			free(v);
		}
	}
	return buf_steal(&b);
}

static void
quiet_stdio(void)
{
	int fd = open("/dev/null", O_RDWR);

	if (fd < 0)
		return;
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		close(fd);
}

/* In a child: the default signal handlers back, then argv. */
static void
exec_child(char **argv)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (int sig = 1; sig < 32; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &sa, NULL);
	execvp(argv[0], argv);
	_exit(127);
}

static int
wait_child(pid_t pid, const char *name, struct err *e)
{
	struct timespec tick = {0, 20 * 1000000L};
	int status = 0;

	for (int waited = 0; waited < WAIT_MS; waited += 20) {
		pid_t got = waitpid(pid, &status, WNOHANG);

		if (got == pid) {
			if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
				return err_set(e,
					       "notify-command: cannot run "
					       "%s",
					       name);
			if (!WIFEXITED(status) || WEXITSTATUS(status))
				return err_set(e,
					       "notify-command: %s failed "
					       "(status %d)",
					       name,
					       WIFEXITED(status)
						   ? WEXITSTATUS(status)
						   : 128 + WTERMSIG(status));
			return 0;
		}
		if (got < 0 && errno != EINTR)
			return err_set(e, "notify-command: %s",
				       strerror(errno));
		nanosleep(&tick, NULL);
	}
	/* left to finish by itself: a notice is not worth a stuck cron
	 * job */
	return err_set(e, "notify-command: %s still runs after %d s", name,
		       WAIT_MS / 1000);
}

int
notify_run(const struct notify *n, char *const *argv, int wait, struct err *e)
{
	char **args;
	size_t argc = 0;
	pid_t pid;
	int rc = 0;

	if (!argv || !argv[0])
		return err_set(e, "no notify-command in the config");
	while (argv[argc])
		argc++;
	args = xcalloc(argc + 1, sizeof(*args));
	for (size_t i = 0; i < argc; i++)
		args[i] = expand(argv[i], n);
	pid = fork();
	if (pid == 0) {
		if (wait)
			exec_child(args);
		/* the grandchild runs it, so no one need wait for it */
		setsid();
		quiet_stdio();
		if (fork() == 0)
			exec_child(args);
		_exit(0);
	}
	if (pid < 0)
		rc = err_set(e, "notify-command: %s", strerror(errno));
	else if (wait)
		rc = wait_child(pid, args[0], e);
	else
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	for (size_t i = 0; i < argc; i++)
		free(args[i]);
	free(args);
	return rc;
}

void
notify_free(struct notify *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nsources; i++)
		free(n->sources[i]);
	free(n->sources);
	free(n->unread_sources);
	for (size_t i = 0; i < n->ntitles; i++)
		free(n->titles[i]);
	free(n->ids);
	free(n);
}
