/*
 * The x86_64 platform's syscall stub and process start-up, for a Zero OS
 * process running in ring 3 on the Zero OS kernel (hal/x86_64/).
 *
 * One instruction: `syscall` with rdi = the address of the zos_syscall_t.
 * The kernel checks every pointer in it against this process's page
 * tables, copies the input in and the answer out, and returns the result
 * in rax (rcx and r11 are clobbered, as `syscall` does). A blocking
 * receive simply returns later: the kernel runs others meanwhile.
 */
#include "zos.h"

int64_t zos_syscall(zos_syscall_t *sc)
{
	int64_t r;

	__asm__ volatile("syscall" : "=a"(r) : "D"(sc) : "rcx", "r11", "memory");
	return r;
}

__attribute__((used, noreturn)) void zos_x86_start(void);
__attribute__((used, noreturn)) void zos_x86_start(void)
{
	zos_runtime_init();
	zos_exit(zos_main());
}

/* The ELF entry: the kernel starts us with rsp 8 below a 16-byte boundary,
 * as after a call; realign anyway, then start. */
__asm__(".globl _start\n"
	"_start:\n"
	"	xor %rbp, %rbp\n"
	"	and $-16, %rsp\n"
	"	call zos_x86_start\n"
	"	ud2\n");
