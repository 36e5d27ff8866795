/*
 * Switching between the kernel and ring 3.
 *
 * enter_user(frame): loads every register from a struct trap_frame (trap.h)
 * and iretq's into it: how a process starts and resumes.
 * kctx_save(ctx) / kctx_jump(ctx): a setjmp/longjmp pair for the kernel's
 * own context, so the scheduler can come back to its caller when no
 * process is ready (kctx_save returns 0, then 1 after a jump).
 */
	.text
	.code64

	.global enter_user
enter_user:
	mov %rdi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	add $16, %rsp		/* vector, error */
	iretq

	.global kctx_save
kctx_save:
	mov %rbx, 0(%rdi)
	mov %rbp, 8(%rdi)
	mov %r12, 16(%rdi)
	mov %r13, 24(%rdi)
	mov %r14, 32(%rdi)
	mov %r15, 40(%rdi)
	lea 8(%rsp), %rax
	mov %rax, 48(%rdi)
	mov (%rsp), %rax
	mov %rax, 56(%rdi)
	xor %eax, %eax
	ret

	.global kctx_jump
kctx_jump:
	mov 0(%rdi), %rbx
	mov 8(%rdi), %rbp
	mov 16(%rdi), %r12
	mov 24(%rdi), %r13
	mov 32(%rdi), %r14
	mov 40(%rdi), %r15
	mov 48(%rdi), %rsp
	mov $1, %eax
	jmp *56(%rdi)
