/*
 * Text the engine keeps (window titles and app names, desktop names): it
 * comes from processes and people, so it is checked before it is stored.
 * Accepted: well-formed UTF-8 (shortest forms, no surrogates, nothing past
 * U+10FFFF) without C0 controls, DEL or C1 controls. Bidi controls and
 * zero-width characters are valid text and pass: a front end shows titles
 * as text (never as HTML) in a bidi-isolated box.
 */
#include "desktop/engine.h"

/* The length of the UTF-8 sequence at s[0..n), or 0 if it is not one. */
static uint32_t utf8_seq(const uint8_t *s, uint32_t n)
{
	uint32_t c = s[0], len, cp;

	if (c < 0x80)
		return 1;
	len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
	if (len == 0 || c > 0xF4 || len > n)
		return 0;
	cp = c & (0x3Fu >> (len - 1));
	for (uint32_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3Fu);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp < 0xA0))
		return 0;
	return len;
}

int dt_text_ok(const char *s, uint32_t len, uint32_t min, uint32_t max)
{
	const uint8_t *p = (const uint8_t *)s;

	if (len < min || len > max || (len > 0 && !s))
		return 0;
	for (uint32_t i = 0; i < len;) {
		uint32_t n = utf8_seq(p + i, len - i);
		if (n == 0 || (n == 1 && (p[i] < 0x20 || p[i] == 0x7F)))
			return 0;
		i += n;
	}
	return 1;
}
