/*
 * A small printf-style formatter (see fmt.h). Output goes through one
 * bounded emitter that always counts what the full output would need, so a
 * caller can detect truncation by comparing the result with its buffer.
 */
#include "lib/fmt.h"

#include <stdint.h>

struct out {
	char *buf;
	size_t cap;
	size_t len; /* what the full output needs so far */
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

struct spec {
	int left;   /* '-' */
	int zero;   /* '0' */
	int width;
	int prec;   /* -1: none */
	int size;   /* 0 int, 1 long, 2 long long, 3 size_t */
};

static void emit_str(struct out *o, const char *s, const struct spec *sp)
{
	int n = 0;
	if (!s)
		s = "(null)";
	while (s[n] && (sp->prec < 0 || n < sp->prec))
		n++;
	if (!sp->left)
		pad(o, ' ', sp->width - n);
	for (int i = 0; i < n; i++)
		emit(o, s[i]);
	if (sp->left)
		pad(o, ' ', sp->width - n);
}

static void emit_num(struct out *o, uint64_t v, int neg, unsigned base, int upper,
		     const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	len = n + neg;
	if (!sp->left && !sp->zero)
		pad(o, ' ', sp->width - len);
	if (neg)
		emit(o, '-');
	if (!sp->left && sp->zero)
		pad(o, '0', sp->width - len);
	while (n)
		emit(o, tmp[--n]);
	if (sp->left)
		pad(o, ' ', sp->width - len);
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	sp->left = sp->zero = sp->width = sp->size = 0;
	sp->prec = -1;
	for (;; f++) {
		if (*f == '-')
			sp->left = 1;
		else if (*f == '0')
			sp->zero = 1;
		else
			break;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = sp->width * 10 + (*f - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			sp->prec = sp->prec * 10 + (*f - '0');
	}
	if (*f == 'z') {
		sp->size = 3;
		f++;
	}
	for (; *f == 'l' && sp->size < 2; f++)
		sp->size++;
	return f;
}

static uint64_t get_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->size) {
	case 1: return va_arg(*ap, unsigned long);
	case 2: return va_arg(*ap, unsigned long long);
	case 3: return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned int);
	}
}

static int64_t get_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->size) {
	case 1: return va_arg(*ap, long);
	case 2: return va_arg(*ap, long long);
	case 3: return (int64_t)va_arg(*ap, size_t);
	default: return va_arg(*ap, int);
	}
}

static void convert(struct out *o, char conv, const struct spec *sp, va_list *ap)
{
	int64_t s;

	switch (conv) {
	case 'd':
	case 'i':
		s = get_signed(sp, ap);
		emit_num(o, s < 0 ? (uint64_t)0 - (uint64_t)s : (uint64_t)s, s < 0, 10, 0, sp);
		break;
	case 'u': emit_num(o, get_unsigned(sp, ap), 0, 10, 0, sp); break;
	case 'x': emit_num(o, get_unsigned(sp, ap), 0, 16, 0, sp); break;
	case 'X': emit_num(o, get_unsigned(sp, ap), 0, 16, 1, sp); break;
	case 'p':
		emit(o, '0');
		emit(o, 'x');
		emit_num(o, (uint64_t)(uintptr_t)va_arg(*ap, void *), 0, 16, 0, sp);
		break;
	case 'c': emit(o, (char)va_arg(*ap, int)); break;
	case 's': emit_str(o, va_arg(*ap, const char *), sp); break;
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

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			emit(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		if (!*fmt)
			break;
		convert(&o, *fmt++, &sp, &args);
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
