/* sqlrun.c: run SQL on an SQLite file for the tests, as the sqlite3 shell
 * would, without warta's store. */
#include "autoconfig.h"

#include <sqlite3.h>
#include <stdio.h>

/* Print each row of each statement, columns apart by a tab. */
static int
print_row(void *ctx, int n, char **vals, char **names)
{
	(void)ctx;
	(void)names;
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? "\t" : "", vals[i] ? vals[i] : "");
	putchar('\n');
	return 0;
}

int
main(int argc, char **argv)
{
	sqlite3 *db = NULL;
	char *msg = NULL;
	int rc = 1;

	if (argc != 3) {
		fputs("usage: sqlrun FILE SQL (the rows on stdout, "
		      "tab-separated)\n",
		      stderr);
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlrun: %s: %s\n", argv[1],
			db ? sqlite3_errmsg(db) : "cannot open");
		goto out;
	}
	if (sqlite3_exec(db, argv[2], print_row, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "sqlrun: %s: %s\n", argv[1],
			msg ? msg : sqlite3_errmsg(db));
		goto out;
	}
	rc = 0;
out:
	sqlite3_free(msg);
	if (db && sqlite3_close(db) != SQLITE_OK)
		rc = 1;
	return rc;
}
