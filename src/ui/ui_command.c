/* ui_command.c: what keys run besides the views' actions: a program on the
 * article (exec), the article piped to a program and its output shown, a
 * URL opened by the [open] patterns or the browser, and the article saved
 * to a file or sent to a read-later command. */
#include "autoconfig.h"

#include "config/config.h"
#include "config/paths.h"
#include "doc/doc.h"
#include "html/html_text.h"
#include "render/render.h"
#include "ui/ui_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/file.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The longest file name a save makes of a title, in bytes. */
#define SAVE_NAME_MAX 80

/* An item's feed title and summary as a doc, for an item whose page is
 * not in the cache; caller frees. */
static struct doc *
summary_doc(const struct store_item *it)
{
	struct doc *d = doc_new();
	const char *sum =
	    it->summary && *it->summary ? it->summary : it->content;
	char *text =
	    sum ? html_text_fragment(sum, strlen(sum), HTML_TEXT_LINES, 1 << 16)
		: NULL;
	time_t when = it->published ? it->published : it->updated;
	struct tm tm;
	char iso[32];

	doc_set(&d->meta.title, it->title);
	doc_set(&d->meta.url, it->link);
	doc_set(&d->meta.byline, it->author);
	doc_set(&d->meta.site, it->source);
	if (when && gmtime_r(&when, &tm) &&
	    strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm))
		doc_set(&d->meta.published, iso);
	for (const char *p = text; p && *p;) {
		size_t n = strcspn(p, "\n");

		if (n)
			doc_block_add_run(doc_add_block(d, DOC_PARAGRAPH), p, n,
					  0, NULL, 0);
		p += n + (p[n] != '\0');
	}
	free(text);
	return d;
}

/* The article of s as a doc: the one the article view shows, the cached
 * one, else one made of the feed's title and summary. *owned: the caller
 * frees it. NULL with e set. */
static struct doc *
subject_doc(struct ui *ui, const struct ui_subject *s, int *owned,
	    struct err *e)
{
	struct store_article art;
	struct store_item it;
	struct doc *d;
	int rc;

	*owned = 0;
	if (!s->item_id) {
		err_set(e, "select an article first");
		return NULL;
	}
	if (ui->art.item_id == s->item_id && ui->art.doc)
		return ui->art.doc;
	*owned = 1;
	memset(&art, 0, sizeof(art));
	rc = store_article_get(ui->set->store, s->item_id, &art, e);
	if (rc < 0)
		return NULL;
	if (rc == 1) {
		d = doc_deserialize(art.doc, art.doc_len, e);
		store_article_clear(&art);
		return d;
	}
	memset(&it, 0, sizeof(it));
	rc = store_item_get(ui->set->store, s->item_id, &it, e);
	if (rc != 1) {
		if (rc == 0)
			err_set(e, "the article is no longer in the cache");
		return NULL;
	}
	d = summary_doc(&it);
	store_item_clear(&it);
	return d;
}

/* The values of the placeholders, made safe to hand over: the URL's
 * controls percent-encoded, the other texts without control characters.
 * Each word they go into stays one argument. */
struct vars {
	struct config_command_vars v;
	char *url, *title, *source, *file;
};

static void
vars_free(struct ui *ui, struct vars *va, int remove_file)
{
	if (va->file && remove_file)
		ui_exec_file_remove(ui, va->file);
	free(va->url);
	free(va->title);
	free(va->source);
	free(va->file);
	memset(va, 0, sizeof(*va));
}

static char *
safe_text(const char *s)
{
	return s ? utf8_sanitize(s, strlen(s), 0) : NULL;
}

/* Fill va for running cmd on s with url as %u: the URL checked when the
 * command takes it (append_url: it does, at the end when no %u), the
 * article written to a file when it takes %f. 0, or -1 with e set. */
static int
vars_fill(struct ui *ui, struct vars *va, const struct config_command *cmd,
	  const struct ui_subject *s, const char *url, int append_url,
	  struct err *e)
{
	memset(va, 0, sizeof(*va));
	if (append_url || config_command_uses(cmd, 'u')) {
		if (!url || !*url)
			return err_set(e, "no URL here");
		/* an option's dash, or javascript:, is no URL to hand over */
		if (!url_is_fetchable(url) || url[0] == '-')
			return err_set(e, "not handing over a URL that is not "
					  "http(s)");
		va->url = url_escape_controls(url);
	}
	va->title = safe_text(s->title);
	va->source = safe_text(s->source);
	if (config_command_uses(cmd, 'f')) {
		int owned;
		struct doc *d = subject_doc(ui, s, &owned, e);
		char *md;

		if (!d)
			return -1;
		md = doc_to_markdown(d, 0);
		if (owned)
			doc_free(d);
		va->file = ui_exec_file(ui, md, strlen(md), "md", e);
		free(md);
		if (!va->file) {
			vars_free(ui, va, 0);
			return -1;
		}
	}
	va->v.url = va->url;
	va->v.title = va->title;
	va->v.source = va->source;
	va->v.file = va->file;
	return 0;
}

/* Run cmd on s with url as %u (see vars_fill); done names the success
 * ("opened URL"), NULL for none. Reaction flags. */
static unsigned
run(struct ui *ui, const struct config_command *cmd, const struct ui_subject *s,
    const char *url, int append_url, const char *done)
{
	int bg = (cmd->flags & CONFIG_COMMAND_BACKGROUND) != 0;
	struct vars va;
	struct err e;
	char **argv;
	int rc;

	if (vars_fill(ui, &va, cmd, s, url, append_url, &e) < 0) {
		ui_message(ui, 1, "%s: %s", cmd->argv[0], e.msg);
		return UI_REDRAW_STATUS | UI_FAILED;
	}
	argv = config_command_fill(cmd, &va.v, append_url);
	rc = ui_exec(ui, argv, bg ? UI_EXEC_BACKGROUND : 0, NULL, 0, NULL, &e);
	/* a program in the background may still read its file */
	vars_free(ui, &va, !bg || rc < 0);
	if (rc < 0)
		ui_message(ui, 1, "%s", e.msg);
	else if (rc)
		ui_message(ui, 1, "%s exited with status %d", argv[0], rc);
	else if (done)
		ui_message(ui, 0, "%s", done);
	else if (bg)
		ui_message(ui, 0, "started %s", argv[0]);
	config_strv_free(argv);
	return UI_REDRAW_ALL | (bg ? 0 : UI_CLEAR) | (rc ? UI_FAILED : 0);
}

unsigned
ui_command_exec(struct ui *ui, const struct config_command *cmd)
{
	struct ui_subject s;

	if (!ui_subject(ui, &s)) {
		ui_message(ui, 1, "%s: nothing selected to run it on",
			   cmd->argv[0]);
		return UI_REDRAW_STATUS | UI_FAILED;
	}
	return run(ui, cmd, &s, s.url, 0, NULL);
}

unsigned
ui_command_pipe(struct ui *ui, const struct config_command *cmd)
{
	struct ui_subject s;
	struct ui_target t;
	struct doc *d = NULL;
	struct vars va;
	struct buf out;
	struct err e;
	char **argv = NULL, *input = NULL, *title = NULL;
	int owned = 0, rc, width = ui->set->text_width;
	unsigned flags = UI_REDRAW_ALL | UI_FAILED;

	memset(&va, 0, sizeof(va));
	buf_init(&out, 0);
	if (!ui_subject(ui, &s) || !s.item_id) {
		ui_message(ui, 1, "select an article to pipe it");
		return UI_REDRAW_STATUS | UI_FAILED;
	}
	d = subject_doc(ui, &s, &owned, &e);
	if (!d || vars_fill(ui, &va, cmd, &s, s.url, 0, &e) < 0) {
		ui_message(ui, 1, "%s: %s", cmd->argv[0], e.msg);
		goto out;
	}
	input = cmd->flags & CONFIG_COMMAND_MARKDOWN
		    ? doc_to_markdown(d, 0)
		    : render_text(d, width > 0 ? width : 80, 0);
	argv = config_command_fill(cmd, &va.v, 0);
	rc = ui_exec(ui, argv, UI_EXEC_CAPTURE, input, strlen(input), &out, &e);
	if (rc < 0) {
		ui_message(ui, 1, "%s", e.msg);
		goto out;
	}
	if (out.len >= UI_EXEC_OUTPUT_MAX)
		ui_message(ui, 1, "%s: output cut at %u MiB", argv[0],
			   UI_EXEC_OUTPUT_MAX >> 20);
	else if (rc)
		ui_message(ui, 1, "%s exited with status %d%s", argv[0], rc,
			   out.len ? "" : ", no output");
	else if (!out.len)
		ui_message(ui, 0, "%s: no output", argv[0]);
	if (out.len) {
		title = xasprintf("Output of %s", argv[0]);
		memset(&t, 0, sizeof(t));
		t.title = title;
		t.text = out.data;
		t.from = ui->view;
		ui_go(ui, UI_PAGER, &t);
	}
	flags = UI_REDRAW_ALL | (rc ? UI_FAILED : 0);
out:
	vars_free(ui, &va, 1);
	if (owned)
		doc_free(d);
	config_strv_free(argv);
	free(input);
	free(title);
	buf_free(&out);
	return flags;
}

unsigned
ui_command_pipe_prompt(struct ui *ui)
{
	struct config_command cmd;
	struct ui_subject s;
	struct err e;
	unsigned flags;
	char *line;

	if (!ui_subject(ui, &s) || !s.item_id) {
		ui_message(ui, 1, "select an article to pipe it");
		return UI_REDRAW_STATUS;
	}
	line = ui_prompt(ui, "pipe to (--markdown: as Markdown): ");
	if (!line || !*line) {
		free(line);
		return UI_REDRAW_STATUS;
	}
	if (config_command_parse(line, CONFIG_COMMAND_MARKDOWN, &cmd, &e) < 0) {
		ui_message(ui, 1, "pipe: %s", e.msg);
		free(line);
		return UI_REDRAW_STATUS;
	}
	free(line);
	flags = ui_command_pipe(ui, &cmd);
	config_command_free(&cmd);
	return flags & ~UI_FAILED;
}

/* Write the article of s into a new file of save-dir. */
static unsigned
save_file(struct ui *ui, const struct ui_subject *s)
{
	const struct config *c = ui->set->config;
	const char *dir = c && c->save_dir ? c->save_dir : getenv("HOME");
	int html = c && c->save_html, owned = 0;
	struct doc *d;
	char *text = NULL, *stem = NULL, *path = NULL;
	struct err e;
	unsigned flags = UI_REDRAW_STATUS | UI_FAILED;

	if (!dir || !*dir) {
		ui_message(ui, 1, "save: no save-dir and no HOME");
		return flags;
	}
	d = subject_doc(ui, s, &owned, &e);
	if (!d) {
		ui_message(ui, 1, "save: %s", e.msg);
		return flags;
	}
	if (paths_mkdir(dir, &e) < 0) {
		ui_message(ui, 1, "save: %s", e.msg);
		goto out;
	}
	text = html ? doc_to_html(d, 0) : doc_to_markdown(d, 0);
	stem = file_name_from(s->title && *s->title ? s->title : d->meta.title,
			      SAVE_NAME_MAX);
	path = file_create_unique(dir, stem, html ? "html" : "md", 0644, &e);
	if (!path) {
		ui_message(ui, 1, "save: %s", e.msg);
		goto out;
	}
	/* the new, empty file is replaced whole: never half an article */
	if (file_write_atomic(path, text, strlen(text), 0644, &e) < 0) {
		unlink(path);
		ui_message(ui, 1, "save: %s", e.msg);
		goto out;
	}
	ui_message(ui, 0, "saved to %s", path);
	flags = UI_REDRAW_STATUS;
out:
	if (owned)
		doc_free(d);
	free(text);
	free(stem);
	free(path);
	return flags;
}

unsigned
ui_command_save(struct ui *ui)
{
	const struct config *c = ui->set->config;
	struct ui_subject s;
	char *done;
	unsigned flags;

	if (!ui_subject(ui, &s) || !s.item_id) {
		ui_message(ui, 1, "select an article to save it");
		return UI_REDRAW_STATUS | UI_FAILED;
	}
	if (!c || !c->save_command.argv)
		return save_file(ui, &s);
	done = xasprintf("sent to %s", c->save_command.argv[0]);
	flags = run(ui, &c->save_command, &s, s.url, 0, done);
	free(done);
	return flags;
}

unsigned
ui_open_url(struct ui *ui, const char *url)
{
	const struct config *c = ui->set->config;
	const char *browser = ui->set->browser;
	struct config_command cmd;
	struct ui_subject s;
	struct err e;
	unsigned flags;
	char *done;

	if (!url || !*url) {
		ui_message(ui, 1, "no URL to open");
		return UI_REDRAW_STATUS;
	}
	if (!url_is_fetchable(url) || url[0] == '-') {
		ui_message(ui, 1, "not opening a URL that is not http(s)");
		return UI_REDRAW_STATUS;
	}
	if (!ui_subject(ui, &s))
		memset(&s, 0, sizeof(s));
	done = url_escape_controls(url);
	for (size_t i = 0; c && i < c->nopeners; i++) {
		const struct config_opener *o = &c->openers[i];
		char *msg;

		if (regexec(&o->re, url, 0, NULL, 0) != 0)
			continue;
		msg = xasprintf("opened %s with %s", done, o->cmd.argv[0]);
		flags = run(ui, &o->cmd, &s, url, 1, msg);
		free(msg);
		free(done);
		return flags;
	}
	if (!browser || !*browser)
		browser = getenv("BROWSER");
	if (!browser || !*browser)
		browser = "xdg-open";
	if (config_command_parse(browser, 0, &cmd, &e) < 0) {
		ui_message(ui, 1, "the browser command: %s", e.msg);
		free(done);
		return UI_REDRAW_STATUS;
	}
	{
		char *msg = xasprintf("opened %s", done);

		flags = run(ui, &cmd, &s, url, 1, msg);
		free(msg);
	}
	config_command_free(&cmd);
	free(done);
	return flags;
}
