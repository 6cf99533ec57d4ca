/* test_buf.c: the growable buffer and its size cap. */
#include "autoconfig.h"

#include "tap.h"
#include "util/buf.h"

#include <stdlib.h>

int
main(void)
{
	struct buf b;
	char *s;

	buf_init(&b, 0);
	s = buf_steal(&b);
	is_str(s, "", "an empty buffer steals as an empty string");
	free(s);

	buf_init(&b, 0);
	ok(buf_puts(&b, "abc") == 0, "append");
	ok(buf_putc(&b, 'd') == 0, "putc");
	ok(buf_printf(&b, "%d-%s", 42, "x") == 0, "printf");
	is_str(b.data, "abcd42-x", "contents are joined and NUL-terminated");
	is_int(b.len, 8, "length counts the bytes");
	for (int i = 0; i < 10000; i++)
		buf_putc(&b, 'z');
	is_int(b.len, 10008, "grows past many doublings");
	buf_reset(&b);
	is_int(b.len, 0, "reset empties");
	is_str(b.data, "", "reset leaves an empty string");
	buf_free(&b);
	ok(b.data == NULL && b.len == 0, "free leaves it empty");

	buf_init(&b, 5);
	ok(buf_puts(&b, "12345") == 0, "append up to the cap");
	ok(buf_putc(&b, '6') == -1, "one byte past the cap is refused");
	ok(buf_printf(&b, "%s", "long") == -1, "printf past the cap is refused");
	is_str(b.data, "12345", "a refused append changes nothing");
	buf_free(&b);

	buf_init(&b, 0);
	ok(buf_append(&b, "a\0b", 3) == 0, "binary bytes");
	is_int(b.len, 3, "embedded NUL kept in length");
	buf_free(&b);
	return tap_done();
}
