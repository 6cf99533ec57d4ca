/* test_schedule.c: when a source is fetched next: the floor, the server's
 * wishes (headers, the feed's own interval), the period from the config
 * and its tags. */
#include "autoconfig.h"

#include "config/config.h"
#include "feed/feed.h"
#include "fetch/fetch.h"
#include "refresh/budget.h"
#include "refresh/schedule.h"
#include "store/store.h"
#include "tap.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define T0 1700000000

static struct fetch_done
answer(int ok, long status, long retry_after, long max_age)
{
	struct fetch_done d;

	memset(&d, 0, sizeof(d));
	d.ok = ok;
	d.res.status = status;
	d.res.retry_after = retry_after;
	d.res.max_age = max_age;
	return d;
}

static void
test_not_before(void)
{
	struct fetch_done d = answer(1, 200, 0, -1);

	is_int(schedule_not_before(T0, &d, 0) - T0, SCHEDULE_FLOOR_S,
	       "an answer that says nothing: the floor");
	d = answer(1, 200, 0, 60);
	is_int(schedule_not_before(T0, &d, 0) - T0, SCHEDULE_FLOOR_S,
	       "max-age below the floor: the floor");
	d = answer(1, 200, 0, 1800);
	is_int(schedule_not_before(T0, &d, 0) - T0, 1800,
	       "max-age above it: max-age");
	d = answer(1, 200, 0, 900);
	is_int(schedule_not_before(T0, &d, 3600) - T0, 3600,
	       "the feed's interval when it is the longer");
	d = answer(1, 200, 0, 86400 * 30);
	is_int(schedule_not_before(T0, &d, 0) - T0, SCHEDULE_WAIT_MAX_S,
	       "a server's wish is capped at a day");
	d = answer(0, 429, 7200, -1);
	is_int(schedule_not_before(T0, &d, 0) - T0, 7200,
	       "a 429 waits for its Retry-After");
	d = answer(0, 503, 0, -1);
	is_int(schedule_not_before(T0, &d, 0) - T0, SCHEDULE_BUSY_WAIT_S,
	       "a 503 without one waits an hour");
	d = answer(0, 500, 9999, -1);
	is_int(schedule_not_before(T0, &d, 0) - T0, SCHEDULE_FLOOR_S,
	       "another failure: the floor");
}

static void
test_due_at(void)
{
	struct store_source row;

	memset(&row, 0, sizeof(row));
	is_int(schedule_due_at(NULL, 0, 0), 0, "no period: never due");
	is_int(schedule_due_at(NULL, 10, 0), 1, "never fetched: due at once");
	row.last_fetch = T0;
	is_int(schedule_due_at(&row, 10, 0) - T0, 600,
	       "fetched: due a period later");
	is_int(schedule_due_at(&row, 1, 0) - T0, SCHEDULE_FLOOR_S,
	       "a period under the floor: the floor");
	row.not_before = T0 + 3600;
	is_int(schedule_due_at(&row, 10, 0) - T0, 3600,
	       "the server's later time wins");
	row.not_before = 0;
	is_int(schedule_due_at(&row, 0, 1) - T0, SCHEDULE_FLOOR_S,
	       "no period, for --due: as soon as the floor allows");
}

static void
test_max_age(void)
{
	is_int(fetch_max_age("public, max-age=600", NULL, NULL), 600,
	       "max-age");
	is_int(fetch_max_age("max-age=600, s-maxage=1200", NULL, NULL), 1200,
	       "s-maxage before max-age");
	is_int(fetch_max_age("no-cache", NULL, NULL), 0, "no-cache: 0");
	is_int(fetch_max_age(NULL, "Thu, 01 Jan 2026 01:00:00 GMT",
			     "Thu, 01 Jan 2026 00:00:00 GMT"),
	       3600, "Expires against Date");
	is_int(fetch_max_age(NULL, "0", NULL), 0, "Expires: 0 is expired");
	is_int(fetch_max_age("private", NULL, NULL), -1, "nothing usable: -1");
	is_int(fetch_max_age(NULL, NULL, NULL), -1, "no headers: -1");
}

static long
interval_of(const char *xml)
{
	struct feed *f = feed_parse(xml, strlen(xml), NULL, NULL, 0, NULL);
	long v = f ? f->interval : -2;

	feed_free(f);
	return v;
}

static void
test_feed_interval(void)
{
	is_int(interval_of("<rss version=\"2.0\"><channel><title>a</title>"
			   "<ttl>90</ttl></channel></rss>"),
	       5400, "<ttl> in minutes");
	is_int(interval_of(
		   "<rss version=\"2.0\" xmlns:sy=\"http://purl.org/rss/1.0/"
		   "modules/syndication/\"><channel><title>a</title>"
		   "<sy:updatePeriod>daily</sy:updatePeriod>"
		   "<sy:updateFrequency>4</sy:updateFrequency>"
		   "</channel></rss>"),
	       21600, "sy:updatePeriod over sy:updateFrequency");
	is_int(interval_of("<rss version=\"2.0\"><channel><title>a</title>"
			   "<ttl>soon</ttl></channel></rss>"),
	       0, "a ttl that is no number says nothing");
	is_int(interval_of("<feed xmlns=\"http://www.w3.org/2005/Atom\">"
			   "<title>a</title></feed>"),
	       0, "a feed that says nothing");
}

static int
load(const char *text, struct config *c)
{
	char path[] = "/tmp/warta-schedule-XXXXXX";
	int fd = mkstemp(path), rc;
	struct err e;

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return -1;
	close(fd);
	config_init(c);
	rc = config_load(path, c, &e);
	unlink(path);
	return rc;
}

static void
test_config(void)
{
	struct config c;
	const struct config_source *s;

	ok(load("[general]\nreload-period = 30\nnotify = terminal\n"
		"notify-command = notify-send \"%n new\" %t\n"
		"[tag world]\nreload-period = 120\nnotify = no\n"
		"[A]\nurl = http://a.example/\ntags = local, world\n"
		"[B]\nurl = http://b.example/\nreload-period = 5\n"
		"tags = world\n"
		"[C]\nurl = http://c.example/\n",
		&c) == 0,
	   "reload-period, notify, notify-command and [tag NAME] load");
	is_int(c.reload_period, 30, "[general] reload-period");
	is_int(c.notify, CONFIG_NOTIFY_TERMINAL, "notify = terminal");
	ok(c.notify_command && !strcmp(c.notify_command[1], "%n new") &&
	       !c.notify_command[3],
	   "notify-command is an argument list");
	s = config_find_source(&c, "A");
	ok(s && s->reload_period == 120 && s->notify == CONFIG_NOTIFY_NO,
	   "a source takes its tag's settings");
	s = config_find_source(&c, "B");
	ok(s && s->reload_period == 5 && s->notify == CONFIG_NOTIFY_NO,
	   "its own period wins over its tag's");
	s = config_find_source(&c, "C");
	ok(s && s->reload_period == 30 && s->notify == CONFIG_NOTIFY_YES,
	   "without a tag: [general]'s");
	config_free(&c);

	ok(load("[general]\nreload-period = often\n", &c) < 0,
	   "a period that is no number is an error");
	config_free(&c);
	ok(load("[A]\nurl = http://a.example/\nnotify = terminal\n", &c) < 0,
	   "notify = terminal only in [general]");
	config_free(&c);
}

static void
test_budget(void)
{
	struct budget *b = budget_new(2);

	budget_start(b, 0, 10, 1000);
	budget_start(b, 0, 10, 5000); /* the first one counts */
	ok(!budget_spent(b, 0, 20999), "a source's articles have 2 timeouts");
	ok(budget_spent(b, 0, 21000), "... then its time is up");
	ok(!budget_spent(b, 0, 30000), "... said once");
	ok(!budget_spent(b, 1, 99999), "a source with no article: never");
	budget_stall(b, "slow.example");
	ok(budget_stalled(b, "SLOW.example") && !budget_stalled(b, "a.example"),
	   "a stalled host is remembered");
	budget_free(b);
}

int
main(void)
{
	test_not_before();
	test_due_at();
	test_max_age();
	test_feed_interval();
	test_config();
	test_budget();
	return tap_done();
}
