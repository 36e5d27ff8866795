/*
 * Zero OS itself on x86_64: a fresh System whose Init is the embedded
 * user/init running in ring 3, which starts the services and the shell.
 */
#ifndef ZOS_X86_LIVE_H
#define ZOS_X86_LIVE_H

/* Runs until Init ends; then returns. */
void live_run(void);

#endif
