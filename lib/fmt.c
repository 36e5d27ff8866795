/*
 * A small printf-style formatter (see fmt.h) for code with no libc.
 *
 * Every byte goes through emit(), which writes only while there is room for
 * it and the terminator but always counts, so the result is the length the
 * full output needs and truncation is never silent. The buffer is touched
 * only below cap, and is terminated whenever cap > 0.
 *
 * Beyond fmt.h's list, width may also come from the arguments ("%*d") and
 * 'h'/'hh' are accepted, because the compiler's format check allows them
 * and skipping them would shift every later argument. An unknown conversion
 * prints "%?" and consumes no argument.
 */
#include "lib/fmt.h"

#include <stdint.h>

/* Caps a width or precision written as digits, so that a runaway number in
 * a format cannot overflow an int. */
#define FMT_FIELD_MAX 100000

struct out {
	char *buf;
	size_t cap;
	size_t len; /* bytes the full output needs so far */
};

enum fmt_size { SIZE_INT, SIZE_CHAR, SIZE_SHORT, SIZE_LONG, SIZE_LLONG, SIZE_SIZE };

struct spec {
	int left;  /* '-': pad on the right */
	int zero;  /* '0': pad numbers with zeros after the sign or 0x */
	int width; /* minimum field width */
	int prec;  /* %s: at most this many bytes; -1 when absent */
	enum fmt_size size;
};

static void emit(struct out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		emit(o, c);
}

/* n bytes of s as one field of sp->width. */
static void emit_field(struct out *o, const char *s, int n, const struct spec *sp)
{
	if (!sp->left)
		pad(o, ' ', sp->width - n);
	for (int i = 0; i < n; i++)
		emit(o, s[i]);
	if (sp->left)
		pad(o, ' ', sp->width - n);
}

static void emit_str(struct out *o, const char *s, const struct spec *sp)
{
	int n = 0;

	if (!s)
		s = "(null)";
	/* The bound first: with a precision, s need not be terminated. */
	while ((sp->prec < 0 || n < sp->prec) && s[n])
		n++;
	emit_field(o, s, n, sp);
}

/* v in base with prefix ("-" or "0x") in front; '0' pads between the two. */
static void emit_num(struct out *o, uint64_t v, const char *prefix, unsigned base, int upper,
		     const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, plen = 0, len;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	while (prefix[plen])
		plen++;
	len = n + plen;
	if (!sp->left && !sp->zero)
		pad(o, ' ', sp->width - len);
	for (int i = 0; i < plen; i++)
		emit(o, prefix[i]);
	if (!sp->left && sp->zero)
		pad(o, '0', sp->width - len);
	while (n)
		emit(o, tmp[--n]);
	if (sp->left)
		pad(o, ' ', sp->width - len);
}

static const char *parse_digits(const char *f, int *v)
{
	for (*v = 0; *f >= '0' && *f <= '9'; f++)
		if (*v <= FMT_FIELD_MAX)
			*v = *v * 10 + (*f - '0');
	if (*v > FMT_FIELD_MAX)
		*v = FMT_FIELD_MAX;
	return f;
}

/* A width from "%*d" follows C: negative means '-'. Either kind is capped. */
static const char *parse_width(const char *f, struct spec *sp, va_list *ap)
{
	int w;

	if (*f != '*')
		return parse_digits(f, &sp->width);
	w = va_arg(*ap, int);
	if (w < 0) {
		sp->left = 1;
		w = w < -FMT_FIELD_MAX ? FMT_FIELD_MAX : -w;
	}
	sp->width = w > FMT_FIELD_MAX ? FMT_FIELD_MAX : w;
	return f + 1;
}

/* A negative precision from "%.*s" counts as none, as in C. */
static const char *parse_prec(const char *f, struct spec *sp, va_list *ap)
{
	if (*f != '.')
		return f;
	f++;
	if (*f != '*')
		return parse_digits(f, &sp->prec);
	sp->prec = va_arg(*ap, int);
	if (sp->prec < 0)
		sp->prec = -1;
	return f + 1;
}

static const char *parse_size(const char *f, struct spec *sp)
{
	switch (*f) {
	case 'z':
		sp->size = SIZE_SIZE;
		return f + 1;
	case 'l':
		sp->size = f[1] == 'l' ? SIZE_LLONG : SIZE_LONG;
		return f[1] == 'l' ? f + 2 : f + 1;
	case 'h':
		sp->size = f[1] == 'h' ? SIZE_CHAR : SIZE_SHORT;
		return f[1] == 'h' ? f + 2 : f + 1;
	default:
		return f;
	}
}

/* f points just past the '%'; returns the conversion character's address. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	sp->left = sp->zero = 0;
	sp->prec = -1;
	sp->size = SIZE_INT;
	for (;; f++) {
		if (*f == '-')
			sp->left = 1;
		else if (*f == '0')
			sp->zero = 1;
		else
			break;
	}
	f = parse_width(f, sp, ap);
	f = parse_prec(f, sp, ap);
	return parse_size(f, sp);
}

static uint64_t get_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->size) {
	case SIZE_CHAR: return (unsigned char)va_arg(*ap, unsigned int);
	case SIZE_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
	case SIZE_LONG: return va_arg(*ap, unsigned long);
	case SIZE_LLONG: return va_arg(*ap, unsigned long long);
	case SIZE_SIZE: return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned int);
	}
}

static int64_t get_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->size) {
	case SIZE_CHAR: return (signed char)va_arg(*ap, int);
	case SIZE_SHORT: return (short)va_arg(*ap, int);
	case SIZE_LONG: return va_arg(*ap, long);
	case SIZE_LLONG: return va_arg(*ap, long long);
	case SIZE_SIZE: return (int64_t)va_arg(*ap, size_t);
	default: return va_arg(*ap, int);
	}
}

static void emit_signed(struct out *o, const struct spec *sp, va_list *ap)
{
	int64_t s = get_signed(sp, ap);

	/* 0 - u, not -s: negating INT64_MIN would overflow. */
	if (s < 0)
		emit_num(o, (uint64_t)0 - (uint64_t)s, "-", 10, 0, sp);
	else
		emit_num(o, (uint64_t)s, "", 10, 0, sp);
}

static void convert(struct out *o, char conv, const struct spec *sp, va_list *ap)
{
	char c;

	switch (conv) {
	case 'd':
	case 'i': emit_signed(o, sp, ap); break;
	case 'u': emit_num(o, get_unsigned(sp, ap), "", 10, 0, sp); break;
	case 'x': emit_num(o, get_unsigned(sp, ap), "", 16, 0, sp); break;
	case 'X': emit_num(o, get_unsigned(sp, ap), "", 16, 1, sp); break;
	case 'p': emit_num(o, (uintptr_t)va_arg(*ap, void *), "0x", 16, 0, sp); break;
	case 's': emit_str(o, va_arg(*ap, const char *), sp); break;
	case 'c':
		c = (char)va_arg(*ap, int);
		emit_field(o, &c, 1, sp);
		break;
	case '%': emit(o, '%'); break;
	default:
		emit(o, '%');
		emit(o, '?');
		break;
	}
}

int zos_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
	struct out o = { buf, cap, 0 };
	struct spec sp;
	va_list args;

	va_copy(args, ap); /* taken by address below: portable only on a copy */
	while (*fmt) {
		if (*fmt != '%') {
			emit(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		convert(&o, *fmt, &sp, &args);
		if (*fmt) /* a lone '%' at the end printed "%?"; stop at the NUL */
			fmt++;
	}
	va_end(args);
	if (cap)
		buf[o.len < cap ? o.len : cap - 1] = 0;
	return (int)o.len;
}

int zos_snprintf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = zos_vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

void zos_hex(char *out, const void *data, size_t n)
{
	const uint8_t *p = data;
	const char *digits = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = 0;
}

int zos_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int zos_hex_decode(void *out, size_t n, const char *hex, size_t len)
{
	uint8_t *o = out;

	if (len != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi = zos_hex_digit(hex[2 * i]), lo = zos_hex_digit(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		o[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}
