/*
 * COM1 (16550-compatible UART at I/O port 0x3F8), polled: output waits for
 * the transmit holding register to empty; input is read when the line
 * status says a byte is there. No interrupts yet.
 */
#include "hal/x86_64/drivers/serial.h"

#include "hal/x86_64/cpu/cpu.h"

#define COM1 0x3F8
#define REG_DATA 0
#define REG_IER 1
#define REG_FCR 2
#define REG_LCR 3
#define REG_MCR 4
#define REG_LSR 5
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define BAUD_DIVISOR 1 /* 115200 = 115200 / 1 */

void serial_init(void)
{
	outb(COM1 + REG_IER, 0x00);             /* no interrupts */
	outb(COM1 + REG_LCR, LCR_DLAB);         /* divisor follows */
	outb(COM1 + REG_DATA, BAUD_DIVISOR & 0xFF);
	outb(COM1 + REG_IER, BAUD_DIVISOR >> 8);
	outb(COM1 + REG_LCR, LCR_8N1);
	outb(COM1 + REG_FCR, 0xC7);             /* FIFOs on, cleared, 14-byte level */
	outb(COM1 + REG_MCR, 0x03);             /* DTR + RTS */
}

static void put(char c)
{
	/* A bounded wait: with no UART present the console must not hang boot. */
	for (uint32_t spin = 0; spin < 1000000u; spin++)
		if (inb(COM1 + REG_LSR) & LSR_THR_EMPTY)
			break;
	outb(COM1 + REG_DATA, (uint8_t)c);
}

void serial_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			put('\r');
		put(s[i]);
	}
}

int serial_getc(void)
{
	if (!(inb(COM1 + REG_LSR) & LSR_DATA_READY))
		return -1;
	return inb(COM1 + REG_DATA);
}
