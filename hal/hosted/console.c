/*
 * The console: the terminal (or script) that started zos.
 *
 * On a terminal, input is switched to raw mode (no line editing, no echo,
 * no signals: the Zero OS shell does those) and restored on exit, however
 * zos exits. Output keeps the terminal's newline translation. Input is read
 * only as far as the System has room for it (the loop asks, and stops
 * watching the input meanwhile, so the terminal holds the rest); the end
 * of input (end of file on a script or pipe; Ctrl-D on an empty line is
 * the shell's business) is reported once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <zos/error.h>

#include "hal/hosted/hosted.h"

int console_open(struct hconsole *c, int in_fd, int out_fd)
{
	struct termios raw;
	struct stat st;

	c->in_fd = in_fd;
	c->out_fd = out_fd;
	c->in_is_file = fstat(in_fd, &st) == 0 && S_ISREG(st.st_mode);
	if (!isatty(in_fd))
		return 0;
	if (tcgetattr(in_fd, &c->saved_tty) != 0)
		return -1;
	raw = c->saved_tty;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR | ISTRIP);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in_fd, TCSAFLUSH, &raw) != 0)
		return -1;
	c->tty_raw = 1;
	return 0;
}

void console_restore(struct hconsole *c)
{
	if (c->tty_raw)
		tcsetattr(c->in_fd, TCSAFLUSH, &c->saved_tty);
	c->tty_raw = 0;
}

int64_t console_write(struct hconsole *c, const uint8_t *buf, uint32_t len)
{
	uint32_t done = 0;

	while (done < len) {
		ssize_t n = write(c->out_fd, buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return ZOS_ERR_IO;
		done += (uint32_t)n;
	}
	return len;
}

void console_say(struct hconsole *c, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof buf - 1)
		n = (int)sizeof buf - 1;
	if (n > 0 && write(c->out_fd >= 0 ? c->out_fd : 1, buf, (size_t)n) < 0)
		return; /* nowhere left to say it */
}

void console_watch(struct hconsole *c, int on)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = KEY_CONSOLE };

	if (c->in_is_file || c->at_end || on == c->watching)
		return;
	if (epoll_ctl(c->epfd, on ? EPOLL_CTL_ADD : EPOLL_CTL_DEL, c->in_fd, &ev) == 0)
		c->watching = on;
}

uint32_t console_read(struct hconsole *c, uint8_t *buf, uint32_t cap)
{
	ssize_t n;

	if (c->at_end || cap == 0)
		return 0;
	n = read(c->in_fd, buf, cap);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0) {
		console_watch(c, 0);
		c->at_end = 1;
		return 0;
	}
	return (uint32_t)n;
}
