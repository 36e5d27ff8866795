# Zero OS build. `make` builds what it takes to run Zero OS (installing
# nothing: `make deps` does); `make run` and `make run-hosted` run it;
# `make test` is the whole check (it installs its own Debian packages
# first); `make bench` the benchmarks; `make loc` the kernel budget.
# Build output lives under build/ only.
.DEFAULT_GOAL := all

BUILD    ?= build
CC       ?= gcc
CLANG    ?= clang
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wcast-qual -Wvla -Wno-missing-field-initializers
INC      := -Iinclude -I.
STD      := -std=c11

# Header dependencies come from the compiler: a rule that compiles one
# source to an object adds $(DEPFLAGS) and writes NAME.d beside NAME.o; a
# rule that compiles and links in one command (tests, fuzz targets, tools,
# benches) first calls deps, one preprocessing pass that writes $@.d for
# all its sources (-MMD there would keep only the last source's). The .d
# files are included at the end, so an edit to a header rebuilds what
# includes it and nothing else. -MP: a deleted header is no error.
# An output whose .d is missing (built before headers were tracked, or the
# .d deleted) is rebuilt: rules that compile list $(MISSING_D), which is
# FORCE then and nothing otherwise.
DEPFLAGS := -MMD -MP
deps = $(1) -MM -MP -MT $@ $(2) >$(basename $@).d
.SECONDEXPANSION:
MISSING_D = $$(if $$(wildcard $$(basename $$@).d),,FORCE)
FORCE:

# The portable core: everything that must build freestanding for every target.
# user/libzos's portable part (not its per-platform stubs) counts as core too:
# host tests link it; the freestanding images compile it but link only the
# kernel side (its syscall wrappers need a platform's stub).
KERNEL_DIRS := lib lib/crypto lib/blockstore kernel axiom system
KERNEL_SRCS := $(filter-out lib/libc_shim.c,$(wildcard $(addsuffix /*.c,$(KERNEL_DIRS))))
USERLIB_SRCS := $(wildcard user/libzos/*.c)
CORE_DIRS := $(KERNEL_DIRS) user/libzos
CORE_SRCS := $(KERNEL_SRCS) $(USERLIB_SRCS)

TEST_SRCS := $(wildcard tests/test_*.c)
TEST_SUPPORT := tests/harness.c $(wildcard tests/support/*.c)
TEST_NAMES := $(patsubst tests/%.c,%,$(TEST_SRCS))
# Differential tests (tests/diff/test_*.c): our code against the libraries
# the world trusts (libsodium, OpenSSL), host builds only.
DIFF_LIBS := -lsodium -lcrypto
DIFF_TEST_NAMES := $(patsubst tests/%.c,%,$(wildcard tests/diff/test_*.c))

# ---- host build (gcc, optimised) ---------------------------------------
HOST_CFLAGS := $(STD) $(WARN) $(INC) -O2 -g -D_DEFAULT_SOURCE
HOST_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(CORE_SRCS))

$(BUILD)/host/%.o: %.c $(MISSING_D)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/host/libzos-core.a: $(HOST_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/host/tests/%: tests/%.c $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS) -Itests,$< $(TEST_SUPPORT))
	$(CC) $(HOST_CFLAGS) -Itests $< $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a -o $@

# ---- sanitizer build (clang, ASan + UBSan, no recovery) ----------------
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_CFLAGS := $(STD) $(WARN) $(INC) -O1 -g $(SAN_FLAGS) -D_DEFAULT_SOURCE
SAN_OBJS := $(patsubst %.c,$(BUILD)/san/%.o,$(CORE_SRCS))

$(BUILD)/san/%.o: %.c $(MISSING_D)
	@mkdir -p $(dir $@)
	$(CLANG) $(SAN_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/san/libzos-core.a: $(SAN_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/san/tests/%: tests/%.c $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CLANG) $(SAN_CFLAGS) -Itests,$< $(TEST_SUPPORT))
	$(CLANG) $(SAN_CFLAGS) -Itests $< $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a -o $@

# Static pattern rules, so the general ones above never take these.
$(addprefix $(BUILD)/host/tests/,$(DIFF_TEST_NAMES)): $(BUILD)/host/tests/diff/%: tests/diff/%.c $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS) -Itests,$< $(TEST_SUPPORT))
	$(CC) $(HOST_CFLAGS) -Itests $< $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a $(DIFF_LIBS) -o $@
$(addprefix $(BUILD)/san/tests/,$(DIFF_TEST_NAMES)): $(BUILD)/san/tests/diff/%: tests/diff/%.c $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CLANG) $(SAN_CFLAGS) -Itests,$< $(TEST_SUPPORT))
	$(CLANG) $(SAN_CFLAGS) -Itests $< $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a $(DIFF_LIBS) -o $@

# ---- freestanding builds: the core must never need libc ----------------
FREE_FLAGS := $(STD) $(WARN) $(INC) -O2 -ffreestanding -fno-builtin -nostdlib -fno-stack-protector
X86_FLAGS  := --target=x86_64-unknown-none-elf $(FREE_FLAGS) -mno-red-zone -mno-sse -mno-mmx -fno-pic -mcmodel=kernel \
	-ffunction-sections -fdata-sections
WASM_FLAGS := --target=wasm32-unknown-unknown $(FREE_FLAGS)
FREE_SRCS  := $(KERNEL_SRCS) lib/libc_shim.c

$(BUILD)/x86_64/%.o: %.c $(MISSING_D)
	@mkdir -p $(dir $@)
	$(CLANG) $(X86_FLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/wasm32/%.o: %.c $(MISSING_D)
	@mkdir -p $(dir $@)
	$(CLANG) $(WASM_FLAGS) $(DEPFLAGS) -c $< -o $@

# Linking with no libc and --no-undefined proves nothing outside the core
# (and the shim) is referenced. (wasm-ld has no --no-undefined: refusing
# undefined symbols is already its default.)
$(BUILD)/x86_64/core.elf: $(patsubst %.c,$(BUILD)/x86_64/%.o,$(FREE_SRCS) tools/freestanding/entry.c) \
		| $(patsubst %.c,$(BUILD)/x86_64/%.o,$(USERLIB_SRCS))
	$(CLANG) --target=x86_64-unknown-none-elf -nostdlib -static -fuse-ld=lld \
		-Wl,--no-undefined -Wl,-e,zos_freestanding_entry $^ -o $@

$(BUILD)/wasm32/replay.wasm: $(patsubst %.c,$(BUILD)/wasm32/%.o,$(FREE_SRCS) tools/wasm/replay_main.c) \
		| $(patsubst %.c,$(BUILD)/wasm32/%.o,$(USERLIB_SRCS))
	$(CLANG) --target=wasm32-unknown-unknown -nostdlib -fuse-ld=lld -Wl,--no-entry \
		-Wl,--export-dynamic -Wl,-z,stack-size=1048576 -Wl,--initial-memory=67108864 $^ -o $@

# ---- fuzzing (libFuzzer with ASan + UBSan) -----------------------------
# The core and the test support are compiled once, instrumented, into
# archives every target links (a target's own sources stay on its line).
FUZZ_CFLAGS := $(STD) $(WARN) $(INC) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_LIB_CFLAGS := $(STD) $(WARN) $(INC) -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all
FUZZ_CORE := $(BUILD)/fuzz/lib/libcore.a
FUZZ_SUPPORT := $(BUILD)/fuzz/lib/libsupport.a
FUZZ_LIBS := $(FUZZ_SUPPORT) $(FUZZ_CORE)

$(BUILD)/fuzz/obj/%.o: %.c $(MISSING_D)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_LIB_CFLAGS) -Itests $(DEPFLAGS) -c $< -o $@

$(FUZZ_CORE): $(patsubst %.c,$(BUILD)/fuzz/obj/%.o,$(CORE_SRCS))
	@mkdir -p $(dir $@)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_SUPPORT): $(patsubst %.c,$(BUILD)/fuzz/obj/%.o,$(wildcard tests/support/*.c))
	@mkdir -p $(dir $@)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_LIBS) $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CLANG) $(FUZZ_CFLAGS) -Itests,$<)
	$(CLANG) $(FUZZ_CFLAGS) -Itests $< $(FUZZ_LIBS) -o $@

# ---- hosted platform: the zos binary (Linux) ----------------------------
HOSTED_SRCS := $(wildcard hal/hosted/*.c)
HOSTED_LIB_SRCS := $(filter-out hal/hosted/main.c,$(HOSTED_SRCS))
HOSTED_LIBS := -lsqlite3 -lcurl -lpthread
HOSTED_LIB_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(HOSTED_LIB_SRCS))
SAN_HOSTED_LIB_OBJS := $(patsubst %.c,$(BUILD)/san/%.o,$(HOSTED_LIB_SRCS))

$(BUILD)/hosted/zos: $(BUILD)/host/hal/hosted/main.o $(HOSTED_LIB_OBJS) $(BUILD)/host/libzos-core.a
	@mkdir -p $(dir $@)
	$(CC) $^ $(HOSTED_LIBS) -o $@

# Tests of the hosted platform's parts (tests/hosted/test_*.c).
HOSTED_TEST_NAMES := $(patsubst tests/hosted/%.c,%,$(wildcard tests/hosted/test_*.c))
# Static pattern rules: the general $(BUILD)/*/tests/% rules must never take these.
$(addprefix $(BUILD)/host/tests/hosted/,$(HOSTED_TEST_NAMES)): $(BUILD)/host/tests/hosted/%: tests/hosted/%.c $(TEST_SUPPORT) $(HOSTED_LIB_OBJS) $(BUILD)/host/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS) -Itests,$< $(TEST_SUPPORT))
	$(CC) $(HOST_CFLAGS) -Itests $< $(TEST_SUPPORT) $(HOSTED_LIB_OBJS) $(BUILD)/host/libzos-core.a $(HOSTED_LIBS) -o $@
$(addprefix $(BUILD)/san/tests/hosted/,$(HOSTED_TEST_NAMES)): $(BUILD)/san/tests/hosted/%: tests/hosted/%.c $(TEST_SUPPORT) $(SAN_HOSTED_LIB_OBJS) $(BUILD)/san/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CLANG) $(SAN_CFLAGS) -Itests,$< $(TEST_SUPPORT))
	$(CLANG) $(SAN_CFLAGS) -Itests $< $(TEST_SUPPORT) $(SAN_HOSTED_LIB_OBJS) $(BUILD)/san/libzos-core.a $(HOSTED_LIBS) -o $@

# ---- user programs, built for the hosted platform -----------------------
# Every process is its own static binary with no libc: lib/, libzos and the
# hosted syscall stub (raw Linux calls, in user/libzos/hosted/ only).
USER_RT_SRCS := $(wildcard user/libzos/rt/*.c)
USER_HOSTED_STUB := $(wildcard user/libzos/hosted/*.c)
# lib/crypto comes along for IdentityService, lib/commit_codec.c for the
# shell's `log` (--gc-sections drops them elsewhere). Nothing from axiom/:
# tests/test_layers.sh checks.
USER_LIB_SRCS := $(wildcard lib/*.c lib/crypto/*.c) $(USERLIB_SRCS) $(USER_RT_SRCS) $(USER_HOSTED_STUB)
UFLAGS := $(STD) $(WARN) $(INC) -Iuser/libzos -O2 -g -ffreestanding -fno-builtin -nostdlib \
	-fno-stack-protector -fno-pie -fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections
ULDFLAGS := -nostdlib -static -no-pie -Wl,--gc-sections -Wl,-e,_start -Wl,-z,noexecstack
USER_LIB_OBJS := $(patsubst %.c,$(BUILD)/uhosted/%.o,$(USER_LIB_SRCS))

$(BUILD)/uhosted/%.o: %.c $(MISSING_D)
	@mkdir -p $(dir $@)
	$(CC) $(UFLAGS) $(DEPFLAGS) -c $< -o $@

# Programs: user/init, user/services/<name>, user/apps/<name>, and the test
# programs user/tests/<name>; one binary each.
USER_PROGRAM_DIRS := $(wildcard user/init) $(wildcard user/services/*) $(wildcard user/apps/*) \
	$(wildcard user/tests/*)
USER_PROGRAMS := $(notdir $(USER_PROGRAM_DIRS))
define user_program
$(BUILD)/hosted/bin/$(notdir $(1)): $(patsubst %.c,$(BUILD)/uhosted/%.o,$(wildcard $(1)/*.c)) $(USER_LIB_OBJS)
	@mkdir -p $$(dir $$@)
	$(CC) $(ULDFLAGS) $$^ -lgcc -o $$@
endef
$(foreach d,$(USER_PROGRAM_DIRS),$(eval $(call user_program,$(d))))
HOSTED_BINS := $(addprefix $(BUILD)/hosted/bin/,$(USER_PROGRAMS))

# host-attack (tests/hosted/attack/): a Zero OS program that makes raw Linux
# system calls past its mailbox, to show the confinement refuses them; it
# exists on the hosted platform only (tests/e2e/confine.sh runs it).
$(BUILD)/hosted/bin/host-attack: $(BUILD)/uhosted/tests/hosted/attack/host_attack.o $(USER_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ULDFLAGS) $^ -lgcc -o $@

hosted: $(BUILD)/hosted/zos $(HOSTED_BINS) $(BUILD)/hosted/bin/host-attack

# A service's own code on the host (tests/svc/test_<service>.c, and
# tests/fuzz/fuzz_svc_<service>.c): the service's sources but its main, the
# libzos runtime, and tests/svc/svc_host.c playing Init and the clients.
svc_srcs = $(filter-out user/services/$(1)/main.c,$(wildcard user/services/$(1)/*.c)) $(svc_extra_$(1))
SVC_HOST_SRCS := $(filter-out tests/svc/test_%.c,$(wildcard tests/svc/*.c)) $(USER_RT_SRCS)
# (svc_extra_<service>, below with the other tests' links, adds sources from
# elsewhere: test_shell and fuzz_svc_shell link the shell's parser.)
SVC_DEPS := $(SVC_HOST_SRCS) $(TEST_SUPPORT) $(wildcard user/services/*/*.c user/apps/terminal/*.c)
SVC_TEST_NAMES := $(patsubst tests/svc/%.c,%,$(wildcard tests/svc/test_*.c))
$(addprefix $(BUILD)/host/tests/svc/,$(SVC_TEST_NAMES)): $(BUILD)/host/tests/svc/%: tests/svc/%.c $(SVC_DEPS) $(BUILD)/host/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS) -Itests -Iuser/libzos,$< $(call svc_srcs,$(patsubst test_%,%,$*)) $(SVC_HOST_SRCS) $(TEST_SUPPORT))
	$(CC) $(HOST_CFLAGS) -Itests -Iuser/libzos $< $(call svc_srcs,$(patsubst test_%,%,$*)) $(SVC_HOST_SRCS) $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a -o $@
$(addprefix $(BUILD)/san/tests/svc/,$(SVC_TEST_NAMES)): $(BUILD)/san/tests/svc/%: tests/svc/%.c $(SVC_DEPS) $(BUILD)/san/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CLANG) $(SAN_CFLAGS) -Itests -Iuser/libzos,$< $(call svc_srcs,$(patsubst test_%,%,$*)) $(SVC_HOST_SRCS) $(TEST_SUPPORT))
	$(CLANG) $(SAN_CFLAGS) -Itests -Iuser/libzos $< $(call svc_srcs,$(patsubst test_%,%,$*)) $(SVC_HOST_SRCS) $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a -o $@
$(BUILD)/fuzz/fuzz_svc_%: tests/fuzz/fuzz_svc_%.c $(SVC_DEPS) $(FUZZ_LIBS) $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CLANG) $(FUZZ_CFLAGS) -Itests -Iuser/libzos,$< $(call svc_srcs,$*) $(SVC_HOST_SRCS))
	$(CLANG) $(FUZZ_CFLAGS) -Itests -Iuser/libzos $< $(call svc_srcs,$*) $(SVC_HOST_SRCS) $(FUZZ_LIBS) -o $@

# Init's message handler on the host: the real user/init (but its main) over
# a System on the fake platform.
INIT_FUZZ_SRCS := $(filter-out user/init/main.c,$(wildcard user/init/*.c)) $(USER_RT_SRCS)
$(BUILD)/fuzz/fuzz_init: tests/fuzz/fuzz_init.c $(INIT_FUZZ_SRCS) $(FUZZ_LIBS) $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CLANG) $(FUZZ_CFLAGS) -Itests -Iuser/libzos,$< $(INIT_FUZZ_SRCS))
	$(CLANG) $(FUZZ_CFLAGS) -Itests -Iuser/libzos $< $(INIT_FUZZ_SRCS) $(FUZZ_LIBS) -o $@


# ---- the browser platform: kernel.wasm, the programs, the constants ------
# `make web-wasm` builds what the browser runs below the page, into
# build/web/dist/zos/ (the page's build, `make web`, leaves that folder
# alone): kernel.wasm (the portable core and hal/wasm/, freestanding
# wasm32, lib/ only), every user/ program as a wasm32 module from the same
# sources as the other platforms with libzos's wasm stub
# (user/libzos/wasm/), bin/manifest.json with each module's SHA-256 and
# size, and web/src/generated/zos.ts, the constants of the JavaScript side
# (tools/web/gen_zos_ts.c, from include/zos/ through hal/wasm/abi.h).
WEB_ZOS := $(BUILD)/web/dist/zos
WASM_HAL_SRCS := $(wildcard hal/wasm/*.c)
WASM_KERNEL_OBJS := $(patsubst %.c,$(BUILD)/wasm32/%.o,$(FREE_SRCS) $(WASM_HAL_SRCS))
$(WEB_ZOS)/kernel.wasm: $(WASM_KERNEL_OBJS)
	@mkdir -p $(dir $@)
	$(CLANG) --target=wasm32-unknown-unknown -nostdlib -fuse-ld=lld -Wl,--no-entry \
		-Wl,-z,stack-size=1048576 -Wl,--stack-first $^ -o $@
# A process module imports its memory and zos.syscall, nothing else
# (include/zos/wasm.h); the stack comes first in its memory, so running
# off its end traps instead of overwriting data. wasm-ld writes the zeros
# of .bss into a module whose memory is imported; tools/web/wasm_nobss
# empties those segments (the platform's memory starts zeroed).
USER_WASM_LIB_SRCS := $(wildcard lib/*.c lib/crypto/*.c) $(USERLIB_SRCS) $(USER_RT_SRCS) \
	$(wildcard user/libzos/wasm/*.c)
USER_WASM_CFLAGS := --target=wasm32-unknown-unknown $(STD) $(WARN) $(INC) -Iuser/libzos -O2 \
	-ffreestanding -fno-builtin -nostdlib -fno-stack-protector -ffunction-sections -fdata-sections
USER_WASM_LIB_OBJS := $(patsubst %.c,$(BUILD)/uwasm/%.o,$(USER_WASM_LIB_SRCS))
$(BUILD)/uwasm/%.o: %.c $(MISSING_D)
	@mkdir -p $(dir $@)
	$(CLANG) $(USER_WASM_CFLAGS) $(DEPFLAGS) -c $< -o $@
define user_wasm_program
$(WEB_ZOS)/bin/$(notdir $(1)).wasm: $(patsubst %.c,$(BUILD)/uwasm/%.o,$(wildcard $(1)/*.c)) $(USER_WASM_LIB_OBJS) \
		$(BUILD)/host/tools/wasm_nobss
	@mkdir -p $$(dir $$@)
	$(CLANG) --target=wasm32-unknown-unknown -nostdlib -fuse-ld=lld -Wl,--import-memory \
		-Wl,--no-entry -Wl,-z,stack-size=1048576 -Wl,--stack-first \
		$$(filter %.o,$$^) -o $$@
	$(BUILD)/host/tools/wasm_nobss $$@
endef
$(foreach d,$(USER_PROGRAM_DIRS),$(eval $(call user_wasm_program,$(d))))
USER_WASM_BINS := $(addsuffix .wasm,$(addprefix $(WEB_ZOS)/bin/,$(USER_PROGRAMS)))
$(WEB_ZOS)/bin/manifest.json: $(USER_WASM_BINS) tools/web/manifest.sh
	tools/web/manifest.sh $@ $(USER_WASM_BINS)
$(BUILD)/host/tools/wasm_nobss: tools/web/wasm_nobss.c $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS),$<)
	$(CC) $(HOST_CFLAGS) $< -o $@
# The generator runs on the host, from the same table kernel.wasm carries.
$(BUILD)/host/tools/gen_zos_ts: tools/web/gen_zos_ts.c hal/wasm/abi.c $(BUILD)/host/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS),$< hal/wasm/abi.c)
	$(CC) $(HOST_CFLAGS) $< hal/wasm/abi.c $(BUILD)/host/libzos-core.a -o $@
web/src/generated/zos.ts: $(BUILD)/host/tools/gen_zos_ts
	@mkdir -p $(dir $@)
	$(BUILD)/host/tools/gen_zos_ts >$@.tmp && mv $@.tmp $@
# Tests of hal/wasm on the host (tests/wasm/test_*.c): its C built with
# gcc (and clang with the sanitizers) around the real System, the worker's
# imports played by the test; heap.c (memory.grow) is wasm's alone.
WASM_HAL_HOST_SRCS := $(filter-out hal/wasm/heap.c,$(WASM_HAL_SRCS))
WASM_TEST_NAMES := $(patsubst tests/wasm/%.c,%,$(wildcard tests/wasm/test_*.c))
$(addprefix $(BUILD)/host/tests/wasm/,$(WASM_TEST_NAMES)): $(BUILD)/host/tests/wasm/%: tests/wasm/%.c $(TEST_SUPPORT) $(patsubst %.c,$(BUILD)/host/%.o,$(WASM_HAL_HOST_SRCS)) $(BUILD)/host/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS) -Itests,$< $(TEST_SUPPORT))
	$(CC) $(HOST_CFLAGS) -Itests $< $(TEST_SUPPORT) $(patsubst %.c,$(BUILD)/host/%.o,$(WASM_HAL_HOST_SRCS)) $(BUILD)/host/libzos-core.a -o $@
$(addprefix $(BUILD)/san/tests/wasm/,$(WASM_TEST_NAMES)): $(BUILD)/san/tests/wasm/%: tests/wasm/%.c $(TEST_SUPPORT) $(patsubst %.c,$(BUILD)/san/%.o,$(WASM_HAL_HOST_SRCS)) $(BUILD)/san/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CLANG) $(SAN_CFLAGS) -Itests,$< $(TEST_SUPPORT))
	$(CLANG) $(SAN_CFLAGS) -Itests $< $(TEST_SUPPORT) $(patsubst %.c,$(BUILD)/san/%.o,$(WASM_HAL_HOST_SRCS)) $(BUILD)/san/libzos-core.a -o $@
web-wasm: $(WEB_ZOS)/kernel.wasm $(WEB_ZOS)/bin/manifest.json web/src/generated/zos.ts

# ---- x86_64 platform: the kernel image and its GRUB ISO -----------------
# The portable core (built as above, -mcmodel=kernel) and hal/x86_64/,
# linked by hal/x86_64/linker.ld into a multiboot2 ELF; tools/x86_64/mkiso.sh
# wraps it in a hybrid BIOS+UEFI ISO, one per kernel command line (below).
X86_HAL_SRCS := $(wildcard hal/x86_64/*.c hal/x86_64/*/*.c)
X86_HAL_ASM := $(wildcard hal/x86_64/*.S hal/x86_64/*/*.S)
X86_KOBJS := $(patsubst %.c,$(BUILD)/x86_64/%.o,$(FREE_SRCS) $(X86_HAL_SRCS)) \
	$(patsubst %.S,$(BUILD)/x86_64/%.o,$(X86_HAL_ASM)) $(BUILD)/x86_64/embedded.o
# Ring-3 test programs (tests/x86_64/user/ring3.c, one per MODE), embedded
# in the kernel image; no SSE (the kernel does not save it yet).
X86_USER_TESTS := r3hello:0 r3kread:1 r3rowrite:2 r3null:3 r3div:4 r3spin:5 r3fpu:6 r3sse:7
X86_USER_ELFS := $(foreach t,$(X86_USER_TESTS),$(BUILD)/x86_64/user/$(word 1,$(subst :, ,$(t))).elf)
X86_UFLAGS := --target=x86_64-unknown-none-elf $(FREE_FLAGS) -mgeneral-regs-only -fno-pic \
	-fno-asynchronous-unwind-tables
x86_user_mode = -DMODE=$(word 2,$(subst :, ,$(filter $*:%,$(X86_USER_TESTS))))
$(BUILD)/x86_64/user/%.elf: tests/x86_64/user/ring3.c $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CLANG) $(X86_UFLAGS) $(x86_user_mode),$<)
	$(CLANG) $(X86_UFLAGS) $(x86_user_mode) $< \
		-static -fuse-ld=lld -Wl,-e,_start -Wl,--image-base=0x400000 -o $@
# The user/ programs (Init, services, apps, tests) for x86_64 ring 3: the
# same sources as the hosted build, with libzos's x86_64 syscall stub
# (user/libzos/x86_64/) instead of the hosted one; no SSE.
USER_X86_LIB_SRCS := $(wildcard lib/*.c lib/crypto/*.c) $(USERLIB_SRCS) $(USER_RT_SRCS) \
	$(wildcard user/libzos/x86_64/*.c)
USER_X86_CFLAGS := --target=x86_64-unknown-none-elf $(STD) $(WARN) $(INC) -Iuser/libzos -O2 \
	-ffreestanding -fno-builtin -nostdlib -fno-stack-protector -fno-pic -mgeneral-regs-only \
	-fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections
USER_X86_LIB_OBJS := $(patsubst %.c,$(BUILD)/ux86/%.o,$(USER_X86_LIB_SRCS))
$(BUILD)/ux86/%.o: %.c $(MISSING_D)
	@mkdir -p $(dir $@)
	$(CLANG) $(USER_X86_CFLAGS) $(DEPFLAGS) -c $< -o $@
define user_x86_program
$(BUILD)/x86_64/bin/$(notdir $(1)).elf: $(patsubst %.c,$(BUILD)/ux86/%.o,$(wildcard $(1)/*.c)) $(USER_X86_LIB_OBJS)
	@mkdir -p $$(dir $$@)
	$(CLANG) --target=x86_64-unknown-none-elf -nostdlib -static -fuse-ld=lld -Wl,--gc-sections \
		-Wl,--no-undefined -Wl,-e,_start -Wl,--image-base=0x400000 $$^ -o $$@
endef
$(foreach d,$(USER_PROGRAM_DIRS),$(eval $(call user_x86_program,$(d))))
USER_X86_BINS := $(addsuffix .elf,$(addprefix $(BUILD)/x86_64/bin/,$(USER_PROGRAMS)))

$(BUILD)/x86_64/embedded.S: $(X86_USER_ELFS) $(USER_X86_BINS) tools/x86_64/embed.sh
	tools/x86_64/embed.sh $@ $(X86_USER_ELFS) $(USER_X86_BINS)
$(BUILD)/x86_64/embedded.o: $(BUILD)/x86_64/embedded.S
	$(CLANG) --target=x86_64-unknown-none-elf -c $< -o $@

$(BUILD)/x86_64/hal/x86_64/%.o: hal/x86_64/%.S $(MISSING_D)
	@mkdir -p $(dir $@)
	$(CLANG) --target=x86_64-unknown-none-elf $(INC) $(DEPFLAGS) -c $< -o $@
$(BUILD)/x86_64/zos.elf: $(X86_KOBJS) hal/x86_64/linker.ld
	$(CLANG) --target=x86_64-unknown-none-elf -nostdlib -static -fuse-ld=lld \
		-Wl,--no-undefined -Wl,--gc-sections -Wl,-T,hal/x86_64/linker.ld -Wl,-z,max-page-size=4096 \
		$(X86_KOBJS) -o $@
# The ISOs: iso_words_NAME is the kernel command line of
# build/x86_64/NAME.iso (the options are in docs/x86_64.md); one rule makes
# them all. Every test ISO ends QEMU when Zero OS stops (zos.exit);
# tests/x86_64/*.sh and tools/x86_64/bench.sh boot them by these names.
X86_CHECKS_ONLY := zos.exit zos.tests-only
iso_words_zos :=
iso_words_zos-test := $(X86_CHECKS_ONLY)
iso_words_zos-faulttest := $(X86_CHECKS_ONLY) zos.test=fault
iso_words_zos-shelltest := zos.exit zos.checks
# The disk tests (tests/x86_64/blk.sh).
iso_words_zos-blktest := $(X86_CHECKS_ONLY) zos.test=blk
iso_words_zos-blkwrite := $(X86_CHECKS_ONLY) zos.test=blk-write
iso_words_zos-blkverify := $(X86_CHECKS_ONLY) zos.test=blk-verify
iso_words_zos-blkfaults := $(X86_CHECKS_ONLY) zos.test=blk-faults
# SMEP and SMAP shown at work (tests/x86_64/guard.sh): each ends in a panic.
iso_words_zos-smeptest := $(X86_CHECKS_ONLY) zos.test=smep
iso_words_zos-smaptest := $(X86_CHECKS_ONLY) zos.test=smap
# `make bench`'s x86_64 figures (tools/x86_64/bench.sh): cycle accounting on.
iso_words_zos-bench := zos.exit zos.checks zos.bench
X86_ISOS := $(patsubst iso_words_%,$(BUILD)/x86_64/%.iso,$(sort $(filter iso_words_%,$(.VARIABLES))))
$(X86_ISOS): $(BUILD)/x86_64/%.iso: $(BUILD)/x86_64/zos.elf tools/x86_64/mkiso.sh
	tools/x86_64/mkiso.sh $< $@ $(iso_words_$*)
# Every ISO the tests boot (the bench ISO only for `make bench`).
x86-isos: $(filter-out %/zos-bench.iso,$(X86_ISOS))

# ---- the desktop engine (desktop/) --------------------------------------
# Pure C, freestanding, apart from the kernel's core: an archive per host
# build for its tests (tests/desktop/), the fuzzer and the bench;
# desktop.wasm for the page (only DT_API functions exported: everything is
# built with hidden visibility); web/src/generated/desktop.ts from
# include/zos/desktop.h (tools/desktop/). `make desktop` builds the last two.
DESKTOP_SRCS := $(wildcard desktop/*.c)
DESKTOP_LIB_SRCS := lib/mem.c lib/bytes.c lib/fmt.c
$(BUILD)/host/libdesktop.a: $(patsubst %.c,$(BUILD)/host/%.o,$(DESKTOP_SRCS))
	@rm -f $@
	ar rcs $@ $^
$(BUILD)/san/libdesktop.a: $(patsubst %.c,$(BUILD)/san/%.o,$(DESKTOP_SRCS))
	@rm -f $@
	ar rcs $@ $^
$(BUILD)/fuzz/lib/libdesktop.a: $(patsubst %.c,$(BUILD)/fuzz/obj/%.o,$(DESKTOP_SRCS))
	@mkdir -p $(dir $@)
	@rm -f $@
	ar rcs $@ $^
DESKTOP_WASM_OBJS := $(patsubst %.c,$(BUILD)/dwasm/%.o,$(DESKTOP_SRCS) desktop/wasm/memory.c \
	$(DESKTOP_LIB_SRCS) lib/libc_shim.c)
$(BUILD)/dwasm/%.o: %.c $(MISSING_D)
	@mkdir -p $(dir $@)
	$(CLANG) $(WASM_FLAGS) -fvisibility=hidden $(DEPFLAGS) -c $< -o $@
$(BUILD)/web/dist/zos/desktop.wasm: $(DESKTOP_WASM_OBJS)
	@mkdir -p $(dir $@)
	$(CLANG) --target=wasm32-unknown-unknown -nostdlib -fuse-ld=lld -Wl,--no-entry \
		-Wl,--export-dynamic -Wl,-z,stack-size=65536 -Wl,--stack-first $^ -o $@
DESKTOP_TS_SRCS := tools/desktop/desktop_ts.c
$(BUILD)/host/tools/gen_desktop_ts: tools/desktop/gen_desktop_ts.c $(DESKTOP_TS_SRCS) $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS),$< $(DESKTOP_TS_SRCS))
	$(CC) $(HOST_CFLAGS) $< $(DESKTOP_TS_SRCS) -o $@
web/src/generated/desktop.ts: $(BUILD)/host/tools/gen_desktop_ts
	@mkdir -p $(dir $@)
	$(BUILD)/host/tools/gen_desktop_ts >$@.tmp && mv $@.tmp $@
.PHONY: desktop
desktop: $(BUILD)/web/dist/zos/desktop.wasm web/src/generated/desktop.ts

# The engine's tests (tests/desktop/test_*.c) link the engine, the helpers
# beside them (tests/desktop/*.c that are not tests) and the generator's
# writer; the fuzzer and the bench link the engine likewise.
DESKTOP_TEST_NAMES := $(patsubst tests/desktop/%.c,%,$(wildcard tests/desktop/test_*.c))
DESKTOP_TEST_SRCS := $(filter-out tests/desktop/test_%.c,$(wildcard tests/desktop/*.c))
DESKTOP_TEST_LINK := $(DESKTOP_TEST_SRCS) $(DESKTOP_TS_SRCS) tests/harness.c
$(addprefix $(BUILD)/host/tests/desktop/,$(DESKTOP_TEST_NAMES)): $(BUILD)/host/tests/desktop/%: tests/desktop/%.c $(DESKTOP_TEST_LINK) $(BUILD)/host/libdesktop.a $(BUILD)/host/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS) -Itests,$< $(DESKTOP_TEST_LINK))
	$(CC) $(HOST_CFLAGS) -Itests $< $(DESKTOP_TEST_LINK) $(BUILD)/host/libdesktop.a $(BUILD)/host/libzos-core.a -o $@
$(addprefix $(BUILD)/san/tests/desktop/,$(DESKTOP_TEST_NAMES)): $(BUILD)/san/tests/desktop/%: tests/desktop/%.c $(DESKTOP_TEST_LINK) $(BUILD)/san/libdesktop.a $(BUILD)/san/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CLANG) $(SAN_CFLAGS) -Itests,$< $(DESKTOP_TEST_LINK))
	$(CLANG) $(SAN_CFLAGS) -Itests $< $(DESKTOP_TEST_LINK) $(BUILD)/san/libdesktop.a $(BUILD)/san/libzos-core.a -o $@
$(BUILD)/fuzz/fuzz_desktop: tests/fuzz/fuzz_desktop.c $(DESKTOP_TEST_SRCS) $(BUILD)/fuzz/lib/libdesktop.a $(FUZZ_LIBS) $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CLANG) $(FUZZ_CFLAGS) -Itests,$< $(DESKTOP_TEST_SRCS))
	$(CLANG) $(FUZZ_CFLAGS) -Itests $< $(DESKTOP_TEST_SRCS) $(BUILD)/fuzz/lib/libdesktop.a $(FUZZ_LIBS) -o $@
$(BUILD)/host/bench/desktop_engine: bench/desktop_engine.c $(BUILD)/host/libdesktop.a $(BUILD)/host/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS) -Itests -Ibench,$<)
	$(CC) $(HOST_CFLAGS) -Itests -Ibench $< $(BUILD)/host/libdesktop.a $(BUILD)/host/libzos-core.a -o $@

# ---- host tools --------------------------------------------------------
# zos-disk works on disk images through the hosted file block device.
$(BUILD)/host/tools/zos-disk: tools/zos-disk.c $(BUILD)/host/hal/hosted/blockfile.o $(BUILD)/host/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS),$<)
	$(CC) $(HOST_CFLAGS) $< $(BUILD)/host/hal/hosted/blockfile.o $(BUILD)/host/libzos-core.a -o $@
$(BUILD)/host/tools/%: tools/%.c $(BUILD)/host/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS),$<)
	$(CC) $(HOST_CFLAGS) $< $(BUILD)/host/libzos-core.a -o $@

# ---- benchmarks --------------------------------------------------------
# Figures compare against SQLite, libsodium and OpenSSL in the same run.
BENCH_LIBS := $(HOSTED_LIBS) $(DIFF_LIBS)
$(BUILD)/host/bench/blockstore: bench/blockstore.c $(BUILD)/host/hal/hosted/blockfile.o $(BUILD)/host/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS) -Ibench,$<)
	$(CC) $(HOST_CFLAGS) -Ibench $< $(BUILD)/host/hal/hosted/blockfile.o $(BUILD)/host/libzos-core.a -lsqlite3 -o $@
$(BUILD)/host/bench/%: bench/%.c $(BUILD)/host/libzos-core.a $(wildcard tests/support/*.c) $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS) -Itests -Ibench,$< $(wildcard tests/support/*.c))
	$(CC) $(HOST_CFLAGS) -Itests -Ibench $< $(wildcard tests/support/*.c) $(BUILD)/host/libzos-core.a $(BENCH_LIBS) -o $@

# ---- tests: sources a test links from elsewhere, and `make check` -------
# A test links the code it tests; none #includes another module's .c file.
# The shell is not a service: its parser and path resolution come in whole.
# IdentityService's fake keystore checks keys with the keystore's own rule.
svc_extra_shell := user/apps/terminal/parse.c user/apps/terminal/path.c
svc_extra_identity := user/services/keystore/keys.c
# The field arithmetic's 32-bit path (what wasm32 runs), on the host: fe25519.c
# built again with ZOS_FE_PORTABLE, linked ahead of the core archive so that
# X25519 and Ed25519 use it.
FE_PORTABLE_TEST := tests/test_crypto_fe_portable.c
$(BUILD)/host/tests/fe25519-portable.o: lib/crypto/fe25519.c $(MISSING_D)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $(DEPFLAGS) -DZOS_FE_PORTABLE=1 -c $< -o $@
$(BUILD)/san/tests/fe25519-portable.o: lib/crypto/fe25519.c $(MISSING_D)
	@mkdir -p $(dir $@)
	$(CLANG) $(SAN_CFLAGS) $(DEPFLAGS) -DZOS_FE_PORTABLE=1 -c $< -o $@
$(BUILD)/host/tests/test_crypto_fe_portable: $(FE_PORTABLE_TEST) $(BUILD)/host/tests/fe25519-portable.o $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CC) $(HOST_CFLAGS) -Itests,$< $(TEST_SUPPORT))
	$(CC) $(HOST_CFLAGS) -Itests $< $(BUILD)/host/tests/fe25519-portable.o $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a -o $@
$(BUILD)/san/tests/test_crypto_fe_portable: $(FE_PORTABLE_TEST) $(BUILD)/san/tests/fe25519-portable.o $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a $(MISSING_D)
	@mkdir -p $(dir $@)
	$(call deps,$(CLANG) $(SAN_CFLAGS) -Itests,$< $(TEST_SUPPORT))
	$(CLANG) $(SAN_CFLAGS) -Itests $< $(BUILD)/san/tests/fe25519-portable.o $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a -o $@

# `make check`: the host unit tests only (the gcc build of tests/test_*.c,
# tests/diff/, tests/hosted/ and tests/svc/), one suite per binary, ending
# with "N passed, N failed" like `make test`; no packages installed, no
# QEMU, sanitizers or fuzzing (tests/check.sh; tests/README.md for more).
.PHONY: check
check:
	@tests/check.sh

# ---- the browser (web/) -------------------------------------------------
# `make web` builds Zero OS for a browser tab into build/web/dist: the wasm
# side first (`web-wasm`: zos/kernel.wasm, zos/bin/*.wasm and their
# manifest.json), then the page (TypeScript checked, bundled by Vite).
# npm ci runs when web/node_modules is missing or older than the lockfile,
# trusting the certificate authorities the system trusts (--use-openssl-ca:
# a machine behind a TLS-inspecting proxy adds its CA to the system store
# with update-ca-certificates, and npm, which otherwise trusts only the
# list built into Node, then reaches the registry too).
# The page's build never empties build/web/dist (the wasm output is there):
# it removes only its own old output. `make run-web` serves the result with
# cross-origin isolation (tools/web/serve.mjs) and prints the address.
WEB_DIST := $(BUILD)/web/dist
WEB_PAGE_SRCS := $(shell find web/src -type f 2>/dev/null) web/index.html web/vite.config.ts \
	web/tsconfig.json web/package.json

web/node_modules/.package-lock.json: web/package-lock.json web/package.json
	cd web && NODE_OPTIONS=--use-openssl-ca npm ci --no-audit --no-fund
	@touch $@

$(BUILD)/web/page.stamp: $(WEB_PAGE_SRCS) web/node_modules/.package-lock.json | web-wasm
	@mkdir -p $(WEB_DIST)
	rm -rf $(WEB_DIST)/assets $(WEB_DIST)/index.html
	cd web && npm run build
	@touch $@

web: web-wasm $(BUILD)/web/page.stamp

run-web: deps web
	@node tools/web/serve.mjs

# ---- entry points ------------------------------------------------------
.PHONY: all deps test host-tests san-tests freestanding hosted run run-hosted loc bench clean \
	iso x86-isos run-qemu run-qemu-uefi run-uefi soak web web-wasm run-web
# `make`: the hosted zos and its programs, the x86_64 ISO, the host tools.
all: hosted iso $(BUILD)/host/tools/zos-log $(BUILD)/host/tools/zos-disk
	@echo
	@echo "Zero OS is built:"
	@echo "  $(BUILD)/hosted/zos        Zero OS hosted on Linux (its programs: $(BUILD)/hosted/bin/)"
	@echo "  $(BUILD)/x86_64/zos.iso    Zero OS for x86_64 machines and QEMU (BIOS and UEFI)"
	@echo "  $(BUILD)/host/tools/       zos-log (reads a commit log), zos-disk (x86_64 disk images)"
	@echo "Run it:"
	@echo "  make run          boot the ISO in QEMU, console in this terminal (Ctrl-A X quits)"
	@echo "  make run-hosted   Zero OS on Linux, console in this terminal"
	@echo "  make run-web      Zero OS in a browser tab (builds build/web/dist, serves it, prints the address)"
	@echo "  make test         every test (6-10 minutes; ends with \"N passed, N failed\")"

deps:
	@tools/deps.sh

host-tests: $(addprefix $(BUILD)/host/tests/,$(TEST_NAMES) $(DIFF_TEST_NAMES)) $(addprefix $(BUILD)/host/tests/hosted/,$(HOSTED_TEST_NAMES)) \
	$(addprefix $(BUILD)/host/tests/svc/,$(SVC_TEST_NAMES)) $(addprefix $(BUILD)/host/tests/wasm/,$(WASM_TEST_NAMES)) \
	$(addprefix $(BUILD)/host/tests/desktop/,$(DESKTOP_TEST_NAMES))
san-tests: $(addprefix $(BUILD)/san/tests/,$(TEST_NAMES) $(DIFF_TEST_NAMES)) $(addprefix $(BUILD)/san/tests/hosted/,$(HOSTED_TEST_NAMES)) \
	$(addprefix $(BUILD)/san/tests/svc/,$(SVC_TEST_NAMES)) $(addprefix $(BUILD)/san/tests/wasm/,$(WASM_TEST_NAMES)) \
	$(addprefix $(BUILD)/san/tests/desktop/,$(DESKTOP_TEST_NAMES))
freestanding: $(BUILD)/x86_64/core.elf $(BUILD)/wasm32/replay.wasm

test: deps
	@tests/run.sh

# `make run` boots Zero OS on x86_64 in QEMU (TCG unless a probe boot
# shows KVM works; tools/x86_64/qemu.sh says which), console in this
# terminal (Ctrl-A X quits QEMU), with its two data disks under
# build/x86_64/disks/ (created blank on first use, kept afterwards).
# `make run-uefi` is the same under UEFI firmware (OVMF); `make run-hosted`
# runs the Linux platform, data in build/data/.
DISKS_DIR := $(BUILD)/x86_64/disks
run: deps iso
	@tools/x86_64/qemu.sh bios $(BUILD)/x86_64/zos.iso $$(tools/x86_64/disks.sh $(DISKS_DIR))
run-uefi: deps iso
	@tools/x86_64/qemu.sh uefi $(BUILD)/x86_64/zos.iso $$(tools/x86_64/disks.sh $(DISKS_DIR))
run-hosted: deps hosted
	@$(BUILD)/hosted/zos --data $(BUILD)/data

iso: $(BUILD)/x86_64/zos.iso
# The same boots without disks (nothing persists).
run-qemu: deps iso
	@tools/x86_64/qemu.sh bios $(BUILD)/x86_64/zos.iso
run-qemu-uefi: deps iso
	@tools/x86_64/qemu.sh uefi $(BUILD)/x86_64/zos.iso

loc:
	@tools/loc.sh kernel

# The browser figures (bench/web_*.mjs) run in Debian's Chromium on the
# page `make web` built.
bench: deps $(patsubst bench/%.c,$(BUILD)/host/bench/%,$(wildcard bench/*.c)) $(BUILD)/x86_64/zos-bench.iso web
	@for b in $(filter $(BUILD)/host/bench/%,$^); do $$b || exit 1; done
	@tools/x86_64/bench.sh $(BUILD)/x86_64/zos-bench.iso
	@for b in bench/web_*.mjs; do node $$b || exit 1; done

# Crash soak, beyond make test's budget: 100 SIGKILLs of the whole hosted
# system in the middle of VFS writes, then 20 of QEMU (x86_64), each
# followed by a boot that verifies the log and finds every acknowledged
# write (tests/e2e/vfs_crash.sh, tests/x86_64/persist.sh). The x86_64
# rounds use a 512 MiB system disk: twenty of them write about 500,000
# commits, more than a 64 MiB disk's log region holds (a log that fills
# its region stops the system cleanly; issue 17 bounds it).
soak: deps hosted x86-isos build/host/tools/zos-disk
	@tests/e2e/vfs_crash.sh 100
	@ZOS_PERSIST_DISK_MB=512 tests/x86_64/persist.sh 20

clean:
	rm -rf $(BUILD)

# The headers each output was built from (see DEPFLAGS above); the fuzzers'
# working corpora are skipped, they hold many files and no .d.
-include $(shell find $(BUILD) -path $(BUILD)/fuzz/work -prune -o -name '*.d' -print 2>/dev/null)
