/* test_config.c: config.ini reading: defaults, every kind of mistake, paths. */
#include "autoconfig.h"

#include "config/config.h"
#include "config/paths.h"
#include "tap.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

static char *
write_ini(const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return p;
}

/* 1 if some message of v contains all of the given fragment. */
static int
has_msg(char **v, size_t n, const char *frag)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(v[i], frag))
			return 1;
	return 0;
}

static void
test_defaults(void)
{
	struct config c;

	config_init(&c);
	is_int(c.max_connections, 8, "default max-connections");
	is_int(c.per_host, 2, "default per-host");
	is_int(c.timeout, 30, "default timeout");
	is_int(c.connect_timeout, 10, "default connect-timeout");
	is_int(c.max_size, 10 * 1024 * 1024, "default max-size");
	is_int(c.retries, 2, "default retries");
	is_int(c.nsources, 0, "no sources");
	config_free(&c);
}

static void
test_parsers(void)
{
	size_t n = 0;
	int b = -1;

	ok(config_parse_size("10M", &n) == 0 && n == 10485760, "10M");
	ok(config_parse_size("512 KB", &n) == 0 && n == 524288, "512 KB");
	ok(config_parse_size("1GiB", &n) == 0 && n == 1073741824, "1GiB");
	ok(config_parse_size("4096", &n) == 0 && n == 4096, "bytes");
	ok(config_parse_size("ten", &n) < 0, "words refused");
	ok(config_parse_size("10 parsecs", &n) < 0, "unknown unit refused");
	ok(config_parse_size("-1M", &n) < 0, "negative refused");
	ok(config_parse_size("99999999999999999999M", &n) < 0,
	   "overflow refused");
	ok(config_parse_bool("Yes", &b) == 0 && b == 1, "Yes");
	ok(config_parse_bool("off", &b) == 0 && b == 0, "off");
	ok(config_parse_bool("maybe", &b) < 0, "maybe refused");
}

static void
test_good(void)
{
	struct config c;
	struct err e = {""};
	const struct config_source *s;
	const struct config_section *k;
	char *p = write_ini(
		"good.ini",
		"; a comment\n"
		"# another\n"
		"[General]\n"
		"Max-Connections = 12\n"
		"per-host = 3\n"
		"timeout = 45s\n"
		"max-size = 2M\n"
		"user-agent = Mozilla/5.0 (X11)\n"
		"keep-days = 0\n"
		"fetch-articles = no\n"
		"\n"
		"[Kompas]\n"
		"url = https://www.kompas.example/feed\n"
		"tags = news, indonesia , news,\n"
		"max-items = 50\n"
		"\n"
		"[Le Monde Dipl]\n"
		"url = \"https://dipl.example/front#top\"\n"
		"type = page\n"
		"link-pattern = /[0-9]{4}/[0-9]{2}/[a-z-]+$\n"
		"fetch-articles = yes\n"
		"enabled = no\n"
		"insecure = yes\n"
		"\n"
		"[keys]\n"
		"J = next-item\n"
		"[notes]\n"
		"text = just some words\n");

	config_init(&c);
	is_int(config_load(p, &c, &e), 0, "a good config loads");
	is_str(e.msg, "", "no error");
	is_int(c.nerrors, 0, "no errors listed");
	is_int(c.max_connections, 12, "max-connections, key case ignored");
	is_int(c.per_host, 3, "per-host");
	is_int(c.timeout, 45, "timeout with an s");
	is_int(c.max_size, 2 * 1024 * 1024, "max-size 2M");
	is_str(c.user_agent, "Mozilla/5.0 (X11)", "user-agent");
	is_int(c.keep_days, 0, "keep-days 0");
	is_int(c.connect_timeout, 10, "unset options keep defaults");
	is_int(c.nsources, 2, "two sources");
	s = config_find_source(&c, "kompas");
	ok(s != NULL, "find a source ignoring case");
	if (s) {
		is_str(s->name, "Kompas", "display name keeps its case");
		is_str(s->url, "https://www.kompas.example/feed", "url");
		is_str(s->type, "auto", "type defaults to auto");
		is_int(s->ntags, 2, "tags split, trimmed, deduplicated");
		is_str(s->ntags > 1 ? s->tags[1] : NULL, "indonesia",
		       "second tag");
		is_int(s->max_items, 50, "max-items");
		is_int(s->fetch_articles, 0, "fetch-articles from [general]");
		is_int(s->enabled, 1, "enabled by default");
	}
	s = config_find_source(&c, "Le Monde Dipl");
	ok(s != NULL, "a name with spaces");
	if (s) {
		is_str(s->name, "Le Monde Dipl", "spaces kept");
		is_str(s->url, "https://dipl.example/front#top",
		       "a quoted value keeps its #");
		is_str(s->type, "page", "type page");
		is_str(s->link_pattern, "/[0-9]{4}/[0-9]{2}/[a-z-]+$",
		       "link-pattern");
		is_int(s->fetch_articles, 1, "fetch-articles overridden");
		is_int(s->enabled, 0, "enabled = no");
		is_int(s->insecure, 1, "insecure");
		is_int(s->max_items, 200, "max-items default");
	}
	ok(has_msg(c.warnings, c.nwarnings, "[Le Monde Dipl] insecure"),
	   "insecure warns");
	ok(has_msg(c.warnings, c.nwarnings, "[notes] has no url"),
	   "a section without url warns");
	k = config_find_section(&c, "keys");
	ok(k && k->n == 1 && !strcmp(k->keys[0], "J") &&
		   !strcmp(k->values[0], "next-item"),
	   "[keys] kept raw, key case kept");
	ok(c.path && !strcmp(c.path, p), "path recorded");
	config_free(&c);
	free(p);
}

static void
test_mistakes(void)
{
	struct config c;
	struct err e = {""};
	char *p = write_ini(
		"bad.ini",
		"[general]\n"
		"max-connections = lots\n"
		"per-host = 0\n"
		"timeout = soon\n"
		"max-size = 10 parsecs\n"
		"offline = maybe\n"
		"colour = blue\n"
		"\n"
		"[Kompas]\n"
		"url = https://kompas.example/feed\n"
		"max-items = many\n"
		"type = newspaper\n"
		"link-pattern = ([a-z\n"
		"fetch-articles = sometimes\n"
		"\n"
		"[Bomb]\n"
		"url = https://bomb.example/\n"
		"type = page\n"
		"link-pattern = (a{100}){300}\n"
		"\n"
		"[Gopher]\n"
		"url = gopher://old.example/\n"
		"\n"
		"[Empty]\n"
		"url =\n");

	config_init(&c);
	is_int(config_load(p, &c, &e), -1, "a bad config fails");
	ok(strstr(e.msg, "bad.ini: [general] max-connections: \"lots\" is "
			 "not a number") != NULL,
	   "the first error names file, section, key and value: %s", e.msg);
	ok(strstr(e.msg, "more)") != NULL, "... and counts the others");
	ok(has_msg(c.errors, c.nerrors,
		   "[Kompas] max-items: \"many\" is not a number"),
	   "max-items: many");
	ok(has_msg(c.errors, c.nerrors,
		   "per-host: 0 is not between 1 and 32"),
	   "out of range");
	ok(has_msg(c.errors, c.nerrors, "timeout: \"soon\" is not a number "
					"of seconds"),
	   "timeout: soon");
	ok(has_msg(c.errors, c.nerrors, "max-size: \"10 parsecs\" is not a size"),
	   "max-size: parsecs");
	ok(has_msg(c.errors, c.nerrors, "offline: \"maybe\" is not yes or no"),
	   "bool: maybe");
	ok(has_msg(c.errors, c.nerrors,
		   "type: \"newspaper\" is not auto, rss, atom or page"),
	   "type: newspaper");
	ok(has_msg(c.errors, c.nerrors,
		   "link-pattern: \"([a-z\" is not a regular expression"),
	   "link-pattern: bad regex");
	ok(has_msg(c.errors, c.nerrors,
		   "[Bomb] link-pattern: \"(a{100}){300}\" is not a regular "
		   "expression (repetition counts too large)"),
	   "link-pattern: one that would explode is refused");
	ok(has_msg(c.errors, c.nerrors,
		   "fetch-articles: \"sometimes\" is not yes or no"),
	   "fetch-articles: sometimes");
	ok(has_msg(c.errors, c.nerrors,
		   "[Gopher] url: \"gopher://old.example/\" is not an http"),
	   "url: gopher");
	ok(has_msg(c.errors, c.nerrors, "[Empty] url: empty"), "url: empty");
	ok(has_msg(c.warnings, c.nwarnings,
		   "bad.ini:7: [general] colour: unknown key"),
	   "unknown key: a warning with its line");
	is_int(c.nsources, 0, "nothing half-parsed is used: no sources");
	is_int(c.max_connections, 8, "... and defaults kept");
	config_free(&c);
	free(p);
}

static void
test_syntax(void)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{"max-items = 3\n", "s.ini:1: a key before any [section]"},
		{"[general\n", "s.ini:1: expected a section name in brackets"},
		{"[]\n", "section name \"\" is empty"},
		{"[a:b]\nurl = http://x/\n", "holds ':'"},
		{"[general]\njust words\n", "s.ini:2: expected key = value"},
		{"[a]\nurl = http://x/ \\\n", "s.ini:2: a line ending in"},
		{"[a] # note\nurl = http://x/\n", "s.ini:1: text after"},
		{"[A]\nurl = http://a/\n[a]\nurl = http://b/\n",
		 "s.ini:3: [a] appears twice (first on line 1)"},
		{"[A]\nurl = http://a/\nurl = http://b/\n",
		 "s.ini:3: [A] url: set twice"},
		{"[A]\nurl = http://a/ \\\n", "continued lines"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config c;
		struct err e = {""};
		char *p = write_ini("s.ini", cases[i].text);

		config_init(&c);
		ok(config_load(p, &c, &e) < 0 && strstr(e.msg, cases[i].want),
		   "syntax: %s (%s)", cases[i].want, e.msg);
		config_free(&c);
		free(p);
	}
	{
		struct config c;
		struct err e = {""};
		char *long_line = xmalloc(2100), *p;

		memset(long_line, 'x', 2099);
		long_line[2099] = '\0';
		memcpy(long_line, "[a]\nurl = ", 10);
		p = write_ini("s.ini", long_line);
		config_init(&c);
		ok(config_load(p, &c, &e) < 0 && strstr(e.msg, "longer than"),
		   "a 2000-character line: %s", e.msg);
		config_free(&c);
		free(p);
		free(long_line);
		config_init(&c);
		ok(config_load("/nonexistent/warta.ini", &c, &e) < 0 &&
			   strstr(e.msg, "/nonexistent/warta.ini: No such"),
		   "missing file: %s", e.msg);
		config_free(&c);
	}
}

static void
test_example_and_paths(void)
{
	struct config c;
	struct err e = {""};
	struct stat st;
	char *p, *d;

	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("XDG_DATA_HOME", "relative/is/ignored", 1);
	setenv("HOME", dir, 1);
	p = paths_config_file();
	d = xasprintf("%s/warta/config.ini", dir);
	is_str(p, d, "config file under XDG_CONFIG_HOME");
	free(d);
	d = paths_cache_file();
	ok(strstr(d, "/.local/share/warta/cache.db") != NULL,
	   "a relative XDG_DATA_HOME is ignored: %s", d);
	free(d);
	is_int(config_write_example(p, &e), 0, "example written");
	ok(stat(p, &st) == 0 && (st.st_mode & 0777) == 0600,
	   "example is private");
	d = paths_config_dir();
	ok(stat(d, &st) == 0 && (st.st_mode & 0777) == 0700,
	   "config dir created 0700");
	free(d);
	ok(config_write_example(p, &e) < 0 && strstr(e.msg, "already exists"),
	   "never overwrites");
	config_init(&c);
	is_int(config_load(p, &c, &e), 0, "the example loads");
	is_int(c.nwarnings, 0, "... without warnings");
	config_free(&c);
	free(p);
	p = xasprintf("%s/a/b/c", dir);
	ok(paths_mkdir(p, &e) == 0 && stat(p, &st) == 0, "mkdir -p");
	free(p);
	p = paths_pkgdata_dir();
	ok(p && *p, "pkgdata dir: %s", p);
	free(p);
}

/* The [sync] section: the server, and never the secret itself. */
static void
test_sync(void)
{
	static const struct {
		const char *body, *frag;
	} bad[] = {
		{"service = greader\nurl = https://rss.example\nuser = me\n"
		 "password = hunter2\n",
		 "a password is never kept in the config file"},
		{"service = greader\nurl = http://rss.example\nuser = me\n",
		 "plain http"},
		{"service = greader\nurl = https://me:pw@rss.example\nuser = "
		 "me\n",
		 "holds a user name or password"},
		{"service = feedly\nurl = https://rss.example\nuser = me\n",
		 "\"feedly\" is not greader"},
		{"url = https://rss.example\n",
		 "a source called \"sync\" needs another name"},
		{"service = nextcloud\nurl = https://cloud.example\n",
		 "[sync] user: missing"},
		{"service = greader\nurl = https://rss.example\nuser = me\n"
		 "password-command = pass \"show\n",
		 "unclosed \" at column 6"},
		{"service = greader\nurl = https://rss.example\nuser = me\n"
		 "password-command = pass\npassword-file = /p\n",
		 "not both"},
		{"service = greader\nurl = https://rss.example\nuser = me\n"
		 "password-file = secret.txt\n",
		 "not an absolute path"},
	};
	struct config c;
	struct err e;
	char **argv = NULL;
	char *p;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *text = xasprintf("[sync]\n%s", bad[i].body);

		p = write_ini("sync-bad.ini", text);
		config_init(&c);
		ok(config_load(p, &c, &e) < 0 &&
			   has_msg(c.errors, c.nerrors, bad[i].frag),
		   "[sync] refused: %s", bad[i].frag);
		ok(!strstr(e.msg, "hunter2"), "... and the error never "
					      "repeats a password");
		config_free(&c);
		free(text);
		free(p);
	}

	p = write_ini("sync.ini",
		      "[sync]\nservice = FreshRSS\n"
		      "url = https://rss.example/api/greader.php/\n"
		      "user = alice\n"
		      "password-command = secret-tool lookup service "
		      "\"fresh rss\" user 'a b'\\ c\n"
		      "\n[Local]\nurl = https://news.example/feed\n");
	config_init(&c);
	ok(config_load(p, &c, &e) == 0, "a good [sync] section: %s",
	   c.nerrors ? c.errors[0] : "");
	ok(c.sync.on, "sync is on");
	is_str(c.sync.service, "greader", "FreshRSS speaks greader");
	is_str(c.sync.name, "freshrss", "... and messages name it");
	is_str(c.sync.url, "https://rss.example/api/greader.php",
	       "the URL without its trailing slash");
	is_str(c.sync.user, "alice", "the user");
	ok(c.sync.password_command &&
		   !strcmp(c.sync.password_command[0], "secret-tool") &&
		   !strcmp(c.sync.password_command[3], "fresh rss") &&
		   !strcmp(c.sync.password_command[5], "a b c") &&
		   !c.sync.password_command[6],
	   "the command split into arguments, quotes respected");
	is_int(c.nsources, 1, "[sync] is not a source; the local one stays");
	config_free(&c);
	free(p);

	p = write_ini("sync-lo.ini",
		      "[sync]\nservice = nextcloud\nurl = http://127.0.0.1:8080"
		      "\nuser = bob\npassword-file = ~/.nc-pass\n");
	config_init(&c);
	ok(config_load(p, &c, &e) == 0 && c.sync.on &&
		   !strcmp(c.sync.service, "nextcloud"),
	   "plain http to this machine is allowed");
	config_free(&c);
	free(p);
	p = write_ini("sync-insecure.ini",
		      "[sync]\nservice = miniflux\nurl = http://rss.lan\n"
		      "user = bob\ninsecure-http = yes\n");
	config_init(&c);
	ok(config_load(p, &c, &e) == 0, "plain http when the user says so");
	config_free(&c);
	free(p);

	ok(config_split_command("  a   'b  c' \"d\\\"e\" ", &argv, &e) == 0 &&
		   !strcmp(argv[0], "a") && !strcmp(argv[1], "b  c") &&
		   !strcmp(argv[2], "d\"e") && !argv[3],
	   "split: words, single and double quotes, escapes");
	config_strv_free(argv);
	ok(config_split_command("   ", &argv, &e) < 0, "split: no words");
	ok(config_url_is_loopback("http://127.0.0.1:9/") &&
		   config_url_is_loopback("http://localhost/") &&
		   config_url_is_loopback("http://[::1]:80/") &&
		   !config_url_is_loopback("http://127.example.com/") &&
		   !config_url_is_loopback("http://10.0.0.1/"),
	   "loopback hosts");
}

/* Commands: flags, placeholders filled as single arguments, [open],
 * where saves go, and each mistake with its file and line. */
static void
test_commands(void)
{
	struct config_command cmd;
	struct config_command_vars v = {
	    "https://news.example/a?b=1&c=2", "It's \"$(rm -rf ~)\"; ok",
	    "Kabar Demo", "/tmp/x.md"};
	struct config c;
	struct err e;
	char **argv, *p;

	ok(config_command_parse("--background mpv --title='%t (%s)' %u 100%%",
				CONFIG_COMMAND_BACKGROUND, &cmd, &e) == 0,
	   "a command with a flag and placeholders");
	is_int(cmd.flags, CONFIG_COMMAND_BACKGROUND, "... the flag is kept");
	is_str(cmd.argv[0], "mpv", "... and taken from the words");
	ok(config_command_uses(&cmd, 'u') && config_command_uses(&cmd, 't') &&
		   !config_command_uses(&cmd, 'f'),
	   "... the placeholders it uses");
	argv = config_command_fill(&cmd, &v, 1);
	is_str(argv[1], "--title=It's \"$(rm -rf ~)\"; ok (Kabar Demo)",
	       "a title is one argument, nothing in it expanded");
	is_str(argv[2], "https://news.example/a?b=1&c=2", "the URL whole");
	is_str(argv[3], "100%", "%%%% is a %%");
	ok(!argv[4], "no URL appended when %%u is there");
	config_strv_free(argv);
	config_command_free(&cmd);
	ok(config_command_parse("xdg-open", 0, &cmd, &e) == 0,
	   "a command without placeholders");
	argv = config_command_fill(&cmd, &v, 1);
	ok(argv[1] && !strcmp(argv[1], v.url) && !argv[2],
	   "... the URL appended when asked");
	config_strv_free(argv);
	config_command_free(&cmd);
	ok(config_command_parse("--markdown wc -w", CONFIG_COMMAND_MARKDOWN,
				&cmd, &e) == 0 &&
		   cmd.flags == CONFIG_COMMAND_MARKDOWN,
	   "--markdown where it is allowed");
	config_command_free(&cmd);
	ok(config_command_parse("-- --markdown", CONFIG_COMMAND_MARKDOWN, &cmd,
				&e) == 0 &&
		   !cmd.flags && !strcmp(cmd.argv[0], "--markdown"),
	   "-- ends the flags");
	config_command_free(&cmd);
	ok(config_command_parse("--markdown wc", CONFIG_COMMAND_BACKGROUND,
				&cmd, &e) < 0 &&
		   strstr(e.msg, "unknown flag --markdown"),
	   "a flag not allowed there is an error");
	ok(config_command_parse("mpv %x", 0, &cmd, &e) < 0 &&
		   strstr(e.msg, "unknown placeholder %x"),
	   "an unknown placeholder is an error (%s)", e.msg);
	ok(config_command_parse("echo 50%", 0, &cmd, &e) < 0,
	   "a lone %% at the end is an error");
	ok(config_command_parse("--background", CONFIG_COMMAND_BACKGROUND,
				&cmd, &e) < 0 &&
		   strstr(e.msg, "no command"),
	   "a flag without a command is an error");
	ok(config_command_parse("mpv 'unclosed", 0, &cmd, &e) < 0 &&
		   strstr(e.msg, "unclosed"),
	   "an unclosed quote is an error");

	p = write_ini("open.ini",
		      "[general]\n"
		      "browser = 'my browser' --new-tab %u\n"
		      "save-dir = ~/saved\n"
		      "save-format = html\n"
		      "save-command = 'read later' add %u\n"
		      "mouse = no\n"
		      "[open]\n"
		      "youtube\\.com/watch|youtu\\.be/ = --background mpv %u\n"
		      "\\.pdf$ = zathura\n");
	config_init(&c);
	ok(config_load(p, &c, &e) == 0, "[open] and the save keys load");
	is_int(c.nopeners, 2, "... two openers");
	if (c.nopeners == 2) {
		is_str(c.openers[0].pattern, "youtube\\.com/watch|youtu\\.be/",
		       "... in the file's order, the pattern as written");
		is_int(c.openers[0].cmd.flags, CONFIG_COMMAND_BACKGROUND,
		       "... with its flag");
		is_int(c.openers[1].line, 9, "... and its line");
		ok(regexec(&c.openers[1].re, "https://x.example/a.pdf", 0,
			   NULL, 0) == 0 &&
			   regexec(&c.openers[1].re, "https://x.example/a.pdfx",
				   0, NULL, 0) != 0,
		   "... compiled");
	}
	is_str(c.browser, "'my browser' --new-tab %u",
	       "the browser as written, quotes and all");
	free(p);
	p = xasprintf("%s/saved", getenv("HOME") ? getenv("HOME") : "");
	is_str(c.save_dir, getenv("HOME") ? p : NULL, "save-dir: ~ is home");
	free(p);
	is_int(c.save_html, 1, "save-format = html");
	ok(c.save_command.argv && !strcmp(c.save_command.argv[0], "read later"),
	   "save-command: its quoted first word whole");
	is_int(c.mouse, 0, "mouse = no");
	config_free(&c);
	config_init(&c);
	is_int(c.mouse, 1, "the mouse is on by default");
	ok(!c.save_dir && !c.save_html && !c.save_command.argv,
	   "saves go to home as Markdown by default");
	config_free(&c);

	p = write_ini("open-bad.ini",
		      "[general]\n"
		      "save-dir = saved\n"
		      "save-format = pdf\n"
		      "save-command = add %q\n"
		      "browser = firefox %z\n"
		      "[open]\n"
		      "a(b = mpv\n"
		      "ok\\.example = mpv 'open\n"
		      "fine = --loud mpv\n");
	config_init(&c);
	ok(config_load(p, &c, &e) < 0, "bad commands are config errors");
	ok(has_msg(c.errors, c.nerrors, "[general] save-dir: \"saved\" is "
					"not an absolute path"),
	   "... a relative save-dir");
	ok(has_msg(c.errors, c.nerrors,
		   "[general] save-format: \"pdf\" is not markdown or html"),
	   "... an unknown save-format");
	ok(has_msg(c.errors, c.nerrors,
		   "[general] save-command: unknown placeholder %q"),
	   "... a bad save-command");
	ok(has_msg(c.errors, c.nerrors,
		   "[general] browser: unknown placeholder %z"),
	   "... a bad browser");
	ok(has_msg(c.errors, c.nerrors, "open-bad.ini:7: [open] a(b: not a "
					"regular expression"),
	   "... a bad pattern, with its line");
	ok(has_msg(c.errors, c.nerrors,
		   "open-bad.ini:8: [open] ok\\.example: unclosed '"),
	   "... an unclosed quote, with its line");
	ok(has_msg(c.errors, c.nerrors,
		   "open-bad.ini:9: [open] fine: unknown flag --loud"),
	   "... an unknown flag, with its line");
	is_int(c.nopeners, 0, "... and nothing of the file is kept");
	config_free(&c);
	free(p);

	p = write_ini("keys-case.ini", "[keys]\nx = exec a\nX = exec b\n"
				       "[open]\nA = a\na = b\n");
	config_init(&c);
	ok(config_load(p, &c, &e) == 0, "x and X are two keys in [keys] (%s)",
	   c.nerrors ? c.errors[0] : "");
	ok(config_find_section(&c, "keys") &&
	       config_find_section(&c, "keys")->n == 2,
	   "... both kept");
	is_int(c.nopeners, 2, "patterns differing by case are two");
	config_free(&c);
	free(p);
}

int
main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/warta-conf.XXXXXX", t ? t : "/tmp");
	if (!mkdtemp(dir)) {
		printf("1..0 # SKIP no temporary directory\n");
		return 0;
	}
	test_defaults();
	test_parsers();
	test_good();
	test_mistakes();
	test_syntax();
	test_example_and_paths();
	test_sync();
	test_commands();
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
		free(cmd);
	}
	return tap_done();
}
