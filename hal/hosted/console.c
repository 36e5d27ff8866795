/*
 * The console: the terminal (or script) that started zos.
 *
 * On a terminal, input is switched to raw mode (no line editing, no echo,
 * no signals: the Zero OS shell does those) and restored on exit, however
 * zos exits. Output keeps the terminal's newline translation. Input bytes
 * go to Init's inbox as CONSOLE_INPUT notices from pid 0; while Init has
 * not taken what was read, no more is read (the terminal holds it). The end
 * of input (Ctrl-D on an empty line is the shell's business; here: end of
 * file on a script or pipe) is delivered as an empty CONSOLE_INPUT.
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
#include <zos/msg.h>

#include "hal/hosted/hosted.h"

int console_open(struct hosted *h, int in_fd, int out_fd)
{
	struct termios raw;

	struct stat st;

	h->in_fd = in_fd;
	h->out_fd = out_fd;
	h->in_is_file = fstat(in_fd, &st) == 0 && S_ISREG(st.st_mode);
	if (!isatty(in_fd))
		return 0;
	if (tcgetattr(in_fd, &h->saved_tty) != 0)
		return -1;
	raw = h->saved_tty;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR | ISTRIP);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in_fd, TCSAFLUSH, &raw) != 0)
		return -1;
	h->tty_raw = 1;
	return 0;
}

void console_restore(struct hosted *h)
{
	if (h->tty_raw)
		tcsetattr(h->in_fd, TCSAFLUSH, &h->saved_tty);
	h->tty_raw = 0;
}

void console_say(struct hosted *h, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof buf - 1)
		n = (int)sizeof buf - 1;
	if (n > 0 && write(h->out_fd >= 0 ? h->out_fd : 1, buf, (size_t)n) < 0)
		return; /* nowhere left to say it */
}

/* Stops (or resumes) watching the input while Init has not taken the
 * last of it, so the loop does not spin on input it will not read yet. */
static void watch_input(struct hosted *h, int on)
{
	struct epoll_event ev = { .events = on ? EPOLLIN : 0, .data.u64 = KEY_CONSOLE };

	if (!h->in_is_file)
		epoll_ctl(h->epfd, EPOLL_CTL_MOD, h->in_fd, &ev);
}

void console_readable(struct hosted *h)
{
	ssize_t n;

	if (h->in_pending_len || h->in_eof)
		return; /* Init has not taken the last input yet */
	n = read(h->in_fd, h->in_pending, sizeof h->in_pending);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		h->in_eof = 1;
		if (!h->in_is_file)
			epoll_ctl(h->epfd, EPOLL_CTL_DEL, h->in_fd, 0);
		return;
	}
	h->in_pending_len = (uint32_t)n;
	watch_input(h, 0);
}

void console_deliver(struct hosted *h)
{
	int64_t r;

	if (h->in_pending_len) {
		r = system_kernel_send(h->sys, ZOS_KERNEL_INIT_SLOT, ZOS_MSG_SUP_CONSOLE_INPUT,
				       h->in_pending, h->in_pending_len);
		if (r == ZOS_OK) {
			h->in_pending_len = 0;
			watch_input(h, 1);
		}
		return;
	}
	if (h->in_eof == 1) {
		r = system_kernel_send(h->sys, ZOS_KERNEL_INIT_SLOT, ZOS_MSG_SUP_CONSOLE_INPUT, 0, 0);
		if (r == ZOS_OK)
			h->in_eof = 2; /* delivered */
	}
}
