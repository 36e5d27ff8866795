# Zero OS build. `make test` is the whole check (it installs its own Debian
# packages first); `make bench` the benchmarks; `make loc` the kernel budget.
# Build output lives under build/ only.

BUILD    ?= build
CC       ?= gcc
CLANG    ?= clang
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wcast-qual -Wvla -Wno-missing-field-initializers
INC      := -Iinclude -I.
STD      := -std=c11

# The portable core: everything that must build freestanding for every target.
# user/libzos's portable part (not its per-platform stubs) counts as core too:
# host tests link it; the freestanding images compile it but link only the
# kernel side (its syscall wrappers need a platform's stub).
KERNEL_DIRS := lib lib/crypto lib/blockstore kernel axiom system
KERNEL_SRCS := $(filter-out lib/libc_shim.c,$(wildcard $(addsuffix /*.c,$(KERNEL_DIRS))))
USERLIB_SRCS := $(wildcard user/libzos/*.c)
CORE_DIRS := $(KERNEL_DIRS) user/libzos
CORE_SRCS := $(KERNEL_SRCS) $(USERLIB_SRCS)
CORE_HDRS := $(wildcard include/zos/*.h $(addsuffix /*.h,$(CORE_DIRS)))

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

$(BUILD)/host/%.o: %.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/host/libzos-core.a: $(HOST_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/host/tests/%: tests/%.c $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a $(wildcard tests/*.h tests/support/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -Itests $< $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a -o $@

# ---- sanitizer build (clang, ASan + UBSan, no recovery) ----------------
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_CFLAGS := $(STD) $(WARN) $(INC) -O1 -g $(SAN_FLAGS) -D_DEFAULT_SOURCE
SAN_OBJS := $(patsubst %.c,$(BUILD)/san/%.o,$(CORE_SRCS))

$(BUILD)/san/%.o: %.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CLANG) $(SAN_CFLAGS) -c $< -o $@

$(BUILD)/san/libzos-core.a: $(SAN_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/san/tests/%: tests/%.c $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a $(wildcard tests/*.h tests/support/*.h)
	@mkdir -p $(dir $@)
	$(CLANG) $(SAN_CFLAGS) -Itests $< $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a -o $@

# Static pattern rules, so the general ones above never take these.
$(addprefix $(BUILD)/host/tests/,$(DIFF_TEST_NAMES)): $(BUILD)/host/tests/diff/%: tests/diff/%.c $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a $(wildcard tests/*.h tests/support/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -Itests $< $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a $(DIFF_LIBS) -o $@
$(addprefix $(BUILD)/san/tests/,$(DIFF_TEST_NAMES)): $(BUILD)/san/tests/diff/%: tests/diff/%.c $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a $(wildcard tests/*.h tests/support/*.h)
	@mkdir -p $(dir $@)
	$(CLANG) $(SAN_CFLAGS) -Itests $< $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a $(DIFF_LIBS) -o $@

# ---- freestanding builds: the core must never need libc ----------------
FREE_FLAGS := $(STD) $(WARN) $(INC) -O2 -ffreestanding -fno-builtin -nostdlib -fno-stack-protector
X86_FLAGS  := --target=x86_64-unknown-none-elf $(FREE_FLAGS) -mno-red-zone -mno-sse -mno-mmx -fno-pic -mcmodel=kernel
WASM_FLAGS := --target=wasm32-unknown-unknown $(FREE_FLAGS)
FREE_SRCS  := $(KERNEL_SRCS) lib/libc_shim.c

$(BUILD)/x86_64/%.o: %.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CLANG) $(X86_FLAGS) -c $< -o $@

$(BUILD)/wasm32/%.o: %.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CLANG) $(WASM_FLAGS) -c $< -o $@

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

$(BUILD)/fuzz/obj/%.o: %.c $(CORE_HDRS) $(wildcard tests/support/*.h)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_LIB_CFLAGS) -Itests -c $< -o $@

$(FUZZ_CORE): $(patsubst %.c,$(BUILD)/fuzz/obj/%.o,$(CORE_SRCS))
	@mkdir -p $(dir $@)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_SUPPORT): $(patsubst %.c,$(BUILD)/fuzz/obj/%.o,$(wildcard tests/support/*.c))
	@mkdir -p $(dir $@)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_LIBS) $(CORE_HDRS) $(wildcard tests/support/*.h)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_CFLAGS) -Itests $< $(FUZZ_LIBS) -o $@

# ---- hosted platform: the zos binary (Linux) ----------------------------
HOSTED_SRCS := $(wildcard hal/hosted/*.c)
HOSTED_LIB_SRCS := $(filter-out hal/hosted/main.c,$(HOSTED_SRCS))
HOSTED_HDRS := $(wildcard hal/hosted/*.h hal/*.h)
HOSTED_LIBS := -lsqlite3 -lcurl -lpthread
HOSTED_LIB_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(HOSTED_LIB_SRCS))
SAN_HOSTED_LIB_OBJS := $(patsubst %.c,$(BUILD)/san/%.o,$(HOSTED_LIB_SRCS))

$(BUILD)/host/hal/hosted/%.o: hal/hosted/%.c $(CORE_HDRS) $(HOSTED_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/san/hal/hosted/%.o: hal/hosted/%.c $(CORE_HDRS) $(HOSTED_HDRS)
	@mkdir -p $(dir $@)
	$(CLANG) $(SAN_CFLAGS) -c $< -o $@

$(BUILD)/hosted/zos: $(BUILD)/host/hal/hosted/main.o $(HOSTED_LIB_OBJS) $(BUILD)/host/libzos-core.a
	@mkdir -p $(dir $@)
	$(CC) $^ $(HOSTED_LIBS) -o $@

# Tests of the hosted platform's parts (tests/hosted/test_*.c).
HOSTED_TEST_NAMES := $(patsubst tests/hosted/%.c,%,$(wildcard tests/hosted/test_*.c))
# Static pattern rules: the general $(BUILD)/*/tests/% rules must never take these.
$(addprefix $(BUILD)/host/tests/hosted/,$(HOSTED_TEST_NAMES)): $(BUILD)/host/tests/hosted/%: tests/hosted/%.c $(TEST_SUPPORT) $(HOSTED_LIB_OBJS) $(BUILD)/host/libzos-core.a
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -Itests $< $(TEST_SUPPORT) $(HOSTED_LIB_OBJS) $(BUILD)/host/libzos-core.a $(HOSTED_LIBS) -o $@
$(addprefix $(BUILD)/san/tests/hosted/,$(HOSTED_TEST_NAMES)): $(BUILD)/san/tests/hosted/%: tests/hosted/%.c $(TEST_SUPPORT) $(SAN_HOSTED_LIB_OBJS) $(BUILD)/san/libzos-core.a
	@mkdir -p $(dir $@)
	$(CLANG) $(SAN_CFLAGS) -Itests $< $(TEST_SUPPORT) $(SAN_HOSTED_LIB_OBJS) $(BUILD)/san/libzos-core.a $(HOSTED_LIBS) -o $@

# ---- user programs, built for the hosted platform -----------------------
# Every process is its own static binary with no libc: lib/, libzos and the
# hosted syscall stub (raw Linux calls, in user/libzos/hosted/ only).
USER_RT_SRCS := $(wildcard user/libzos/rt/*.c)
USER_HOSTED_STUB := $(wildcard user/libzos/hosted/*.c)
# The shell reads commits (its `log`): the portable codec and formatter come along.
USER_AXIOM_SRCS := axiom/commit_codec.c axiom/commit_text.c
# lib/crypto comes along for IdentityService (--gc-sections drops it elsewhere).
USER_LIB_SRCS := $(wildcard lib/*.c lib/crypto/*.c) $(USERLIB_SRCS) $(USER_RT_SRCS) $(USER_HOSTED_STUB) $(USER_AXIOM_SRCS)
USER_HDRS := $(CORE_HDRS) $(wildcard user/libzos/*.h user/libzos/rt/*.h user/*/*.h user/*/*/*.h)
UFLAGS := $(STD) $(WARN) $(INC) -Iuser/libzos -O2 -g -ffreestanding -fno-builtin -nostdlib \
	-fno-stack-protector -fno-pie -fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections
ULDFLAGS := -nostdlib -static -no-pie -Wl,--gc-sections -Wl,-e,_start -Wl,-z,noexecstack
USER_LIB_OBJS := $(patsubst %.c,$(BUILD)/uhosted/%.o,$(USER_LIB_SRCS))

$(BUILD)/uhosted/%.o: %.c $(USER_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(UFLAGS) -c $< -o $@

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

hosted: $(BUILD)/hosted/zos $(HOSTED_BINS)

# A service's own code on the host (tests/svc/test_<service>.c, and
# tests/fuzz/fuzz_svc_<service>.c): the service's sources but its main, the
# libzos runtime, and tests/svc/svc_host.c playing Init and the clients.
svc_srcs = $(filter-out user/services/$(1)/main.c,$(wildcard user/services/$(1)/*.c)) $(svc_extra_$(1))
SVC_HOST_SRCS := $(filter-out tests/svc/test_%.c,$(wildcard tests/svc/*.c)) $(USER_RT_SRCS)
# (svc_extra_<service>, below with the other tests' links, adds sources from
# elsewhere: test_shell and fuzz_svc_shell link the shell's parser.)
SVC_DEPS := $(SVC_HOST_SRCS) $(TEST_SUPPORT) $(wildcard user/services/*/*.[ch] tests/svc/*.h user/libzos/*.h) \
	$(wildcard user/apps/terminal/*.[ch])
SVC_TEST_NAMES := $(patsubst tests/svc/%.c,%,$(wildcard tests/svc/test_*.c))
$(addprefix $(BUILD)/host/tests/svc/,$(SVC_TEST_NAMES)): $(BUILD)/host/tests/svc/%: tests/svc/%.c $(SVC_DEPS) $(BUILD)/host/libzos-core.a
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -Itests -Iuser/libzos $< $(call svc_srcs,$(patsubst test_%,%,$*)) $(SVC_HOST_SRCS) $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a -o $@
$(addprefix $(BUILD)/san/tests/svc/,$(SVC_TEST_NAMES)): $(BUILD)/san/tests/svc/%: tests/svc/%.c $(SVC_DEPS) $(BUILD)/san/libzos-core.a
	@mkdir -p $(dir $@)
	$(CLANG) $(SAN_CFLAGS) -Itests -Iuser/libzos $< $(call svc_srcs,$(patsubst test_%,%,$*)) $(SVC_HOST_SRCS) $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a -o $@
$(BUILD)/fuzz/fuzz_svc_%: tests/fuzz/fuzz_svc_%.c $(SVC_DEPS) $(FUZZ_LIBS) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_CFLAGS) -Itests -Iuser/libzos $< $(call svc_srcs,$*) $(SVC_HOST_SRCS) $(FUZZ_LIBS) -o $@

# Init's message handler on the host: the real user/init (but its main) over
# a System on the fake platform.
INIT_FUZZ_SRCS := $(filter-out user/init/main.c,$(wildcard user/init/*.c)) $(USER_RT_SRCS)
$(BUILD)/fuzz/fuzz_init: tests/fuzz/fuzz_init.c $(INIT_FUZZ_SRCS) $(FUZZ_LIBS) $(CORE_HDRS) $(wildcard user/init/*.h tests/support/*.h)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_CFLAGS) -Itests -Iuser/libzos $< $(INIT_FUZZ_SRCS) $(FUZZ_LIBS) -o $@


# ---- x86_64 platform: the kernel image and its GRUB ISO -----------------
# The portable core (built as above, -mcmodel=kernel) and hal/x86_64/,
# linked by hal/x86_64/linker.ld into a multiboot2 ELF; tools/x86_64/mkiso.sh
# wraps it in a hybrid BIOS+UEFI ISO. The test ISOs boot with `zos.exit`
# (QEMU ends when Zero OS stops) and zos-faulttest.iso also with
# `zos.test=fault` (tests/x86_64/boot.sh checks the fault report).
X86_HAL_SRCS := $(wildcard hal/x86_64/*.c)
X86_HAL_ASM := $(wildcard hal/x86_64/*.S)
X86_HAL_HDRS := $(wildcard hal/x86_64/*.h hal/*.h)
X86_KOBJS := $(patsubst %.c,$(BUILD)/x86_64/%.o,$(FREE_SRCS) $(X86_HAL_SRCS)) \
	$(patsubst %.S,$(BUILD)/x86_64/%.o,$(X86_HAL_ASM)) $(BUILD)/x86_64/embedded.o
# Ring-3 test programs (tests/x86_64/user/ring3.c, one per MODE), embedded
# in the kernel image; no SSE (the kernel does not save it yet).
X86_USER_TESTS := r3hello:0 r3kread:1 r3rowrite:2 r3null:3 r3div:4 r3spin:5 r3fpu:6 r3sse:7
X86_USER_ELFS := $(foreach t,$(X86_USER_TESTS),$(BUILD)/x86_64/user/$(word 1,$(subst :, ,$(t))).elf)
X86_UFLAGS := --target=x86_64-unknown-none-elf $(FREE_FLAGS) -mgeneral-regs-only -fno-pic \
	-fno-asynchronous-unwind-tables
$(BUILD)/x86_64/user/%.elf: tests/x86_64/user/ring3.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CLANG) $(X86_UFLAGS) -DMODE=$(word 2,$(subst :, ,$(filter $*:%,$(X86_USER_TESTS)))) $< \
		-static -fuse-ld=lld -Wl,-e,_start -Wl,--image-base=0x400000 -o $@
# The user/ programs (Init, services, apps, tests) for x86_64 ring 3: the
# same sources as the hosted build, with libzos's x86_64 syscall stub
# (user/libzos/x86_64/) instead of the hosted one; no SSE.
USER_X86_LIB_SRCS := $(wildcard lib/*.c lib/crypto/*.c) $(USERLIB_SRCS) $(USER_RT_SRCS) \
	$(wildcard user/libzos/x86_64/*.c) $(USER_AXIOM_SRCS)
USER_X86_CFLAGS := --target=x86_64-unknown-none-elf $(STD) $(WARN) $(INC) -Iuser/libzos -O2 \
	-ffreestanding -fno-builtin -nostdlib -fno-stack-protector -fno-pic -mgeneral-regs-only \
	-fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections
USER_X86_LIB_OBJS := $(patsubst %.c,$(BUILD)/ux86/%.o,$(USER_X86_LIB_SRCS))
$(BUILD)/ux86/%.o: %.c $(USER_HDRS)
	@mkdir -p $(dir $@)
	$(CLANG) $(USER_X86_CFLAGS) -c $< -o $@
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

$(BUILD)/x86_64/hal/x86_64/%.o: hal/x86_64/%.c $(CORE_HDRS) $(X86_HAL_HDRS)
	@mkdir -p $(dir $@)
	$(CLANG) $(X86_FLAGS) -c $< -o $@
$(BUILD)/x86_64/hal/x86_64/%.o: hal/x86_64/%.S $(X86_HAL_HDRS)
	@mkdir -p $(dir $@)
	$(CLANG) --target=x86_64-unknown-none-elf $(INC) -c $< -o $@
$(BUILD)/x86_64/zos.elf: $(X86_KOBJS) hal/x86_64/linker.ld
	$(CLANG) --target=x86_64-unknown-none-elf -nostdlib -static -fuse-ld=lld \
		-Wl,--no-undefined -Wl,-T,hal/x86_64/linker.ld -Wl,-z,max-page-size=4096 $(X86_KOBJS) -o $@
$(BUILD)/x86_64/zos.iso: $(BUILD)/x86_64/zos.elf tools/x86_64/mkiso.sh
	tools/x86_64/mkiso.sh $< $@
$(BUILD)/x86_64/zos-test.iso: $(BUILD)/x86_64/zos.elf tools/x86_64/mkiso.sh
	tools/x86_64/mkiso.sh $< $@ zos.exit zos.tests-only
$(BUILD)/x86_64/zos-faulttest.iso: $(BUILD)/x86_64/zos.elf tools/x86_64/mkiso.sh
	tools/x86_64/mkiso.sh $< $@ zos.exit zos.tests-only zos.test=fault
$(BUILD)/x86_64/zos-shelltest.iso: $(BUILD)/x86_64/zos.elf tools/x86_64/mkiso.sh
	tools/x86_64/mkiso.sh $< $@ zos.exit zos.checks
# The disk tests (tests/x86_64/blk.sh): zos.test=blk, blk-write, blk-verify, blk-faults.
$(BUILD)/x86_64/zos-blktest.iso: $(BUILD)/x86_64/zos.elf tools/x86_64/mkiso.sh
	tools/x86_64/mkiso.sh $< $@ zos.exit zos.tests-only zos.test=blk
$(BUILD)/x86_64/zos-blkwrite.iso: $(BUILD)/x86_64/zos.elf tools/x86_64/mkiso.sh
	tools/x86_64/mkiso.sh $< $@ zos.exit zos.tests-only zos.test=blk-write
$(BUILD)/x86_64/zos-blkverify.iso: $(BUILD)/x86_64/zos.elf tools/x86_64/mkiso.sh
	tools/x86_64/mkiso.sh $< $@ zos.exit zos.tests-only zos.test=blk-verify
$(BUILD)/x86_64/zos-blkfaults.iso: $(BUILD)/x86_64/zos.elf tools/x86_64/mkiso.sh
	tools/x86_64/mkiso.sh $< $@ zos.exit zos.tests-only zos.test=blk-faults
# SMEP and SMAP shown at work (tests/x86_64/guard.sh): each ends in a panic.
$(BUILD)/x86_64/zos-smeptest.iso: $(BUILD)/x86_64/zos.elf tools/x86_64/mkiso.sh
	tools/x86_64/mkiso.sh $< $@ zos.exit zos.tests-only zos.test=smep
$(BUILD)/x86_64/zos-smaptest.iso: $(BUILD)/x86_64/zos.elf tools/x86_64/mkiso.sh
	tools/x86_64/mkiso.sh $< $@ zos.exit zos.tests-only zos.test=smap
x86-isos: $(BUILD)/x86_64/zos.iso $(BUILD)/x86_64/zos-test.iso $(BUILD)/x86_64/zos-faulttest.iso \
	$(BUILD)/x86_64/zos-shelltest.iso $(BUILD)/x86_64/zos-blktest.iso \
	$(BUILD)/x86_64/zos-blkwrite.iso $(BUILD)/x86_64/zos-blkverify.iso \
	$(BUILD)/x86_64/zos-blkfaults.iso $(BUILD)/x86_64/zos-smeptest.iso $(BUILD)/x86_64/zos-smaptest.iso
# `make bench`'s x86_64 figures (tools/x86_64/bench.sh): cycle accounting on.
$(BUILD)/x86_64/zos-bench.iso: $(BUILD)/x86_64/zos.elf tools/x86_64/mkiso.sh
	tools/x86_64/mkiso.sh $< $@ zos.exit zos.checks zos.bench

# ---- host tools --------------------------------------------------------
# zos-disk works on disk images through the hosted file block device.
$(BUILD)/host/tools/zos-disk: tools/zos-disk.c $(BUILD)/host/hal/hosted/blockfile.o $(BUILD)/host/libzos-core.a
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $^ -o $@
$(BUILD)/host/tools/%: tools/%.c $(BUILD)/host/libzos-core.a
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) $< $(BUILD)/host/libzos-core.a -o $@

# ---- benchmarks --------------------------------------------------------
# Figures compare against SQLite, libsodium and OpenSSL in the same run.
BENCH_LIBS := $(HOSTED_LIBS) $(DIFF_LIBS)
$(BUILD)/host/bench/blockstore: bench/blockstore.c $(BUILD)/host/hal/hosted/blockfile.o $(BUILD)/host/libzos-core.a $(wildcard bench/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -Ibench $< $(BUILD)/host/hal/hosted/blockfile.o $(BUILD)/host/libzos-core.a -lsqlite3 -o $@
$(BUILD)/host/bench/%: bench/%.c $(BUILD)/host/libzos-core.a $(wildcard bench/*.h tests/support/*.c)
	@mkdir -p $(dir $@)
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
$(BUILD)/host/tests/fe25519-portable.o: lib/crypto/fe25519.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -DZOS_FE_PORTABLE=1 -c $< -o $@
$(BUILD)/san/tests/fe25519-portable.o: lib/crypto/fe25519.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CLANG) $(SAN_CFLAGS) -DZOS_FE_PORTABLE=1 -c $< -o $@
$(BUILD)/host/tests/test_crypto_fe_portable: $(FE_PORTABLE_TEST) $(BUILD)/host/tests/fe25519-portable.o $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a $(wildcard tests/*.h tests/support/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -Itests $< $(BUILD)/host/tests/fe25519-portable.o $(TEST_SUPPORT) $(BUILD)/host/libzos-core.a -o $@
$(BUILD)/san/tests/test_crypto_fe_portable: $(FE_PORTABLE_TEST) $(BUILD)/san/tests/fe25519-portable.o $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a $(wildcard tests/*.h tests/support/*.h)
	@mkdir -p $(dir $@)
	$(CLANG) $(SAN_CFLAGS) -Itests $< $(BUILD)/san/tests/fe25519-portable.o $(TEST_SUPPORT) $(BUILD)/san/libzos-core.a -o $@

# `make check`: the host unit tests only (the gcc build of tests/test_*.c,
# tests/diff/, tests/hosted/ and tests/svc/), one suite per binary, ending
# with "N passed, N failed" like `make test`; no packages installed, no
# QEMU, sanitizers or fuzzing (tests/check.sh; tests/README.md for more).
.PHONY: check
check:
	@tests/check.sh

# ---- entry points ------------------------------------------------------
.PHONY: all deps test host-tests san-tests freestanding hosted run run-hosted loc bench clean \
	iso x86-isos run-qemu run-qemu-uefi run-uefi
all: $(addprefix $(BUILD)/host/tests/,$(TEST_NAMES))

deps:
	@tools/deps.sh

host-tests: $(addprefix $(BUILD)/host/tests/,$(TEST_NAMES) $(DIFF_TEST_NAMES)) $(addprefix $(BUILD)/host/tests/hosted/,$(HOSTED_TEST_NAMES)) \
	$(addprefix $(BUILD)/host/tests/svc/,$(SVC_TEST_NAMES))
san-tests: $(addprefix $(BUILD)/san/tests/,$(TEST_NAMES) $(DIFF_TEST_NAMES)) $(addprefix $(BUILD)/san/tests/hosted/,$(HOSTED_TEST_NAMES)) \
	$(addprefix $(BUILD)/san/tests/svc/,$(SVC_TEST_NAMES))
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

bench: deps $(patsubst bench/%.c,$(BUILD)/host/bench/%,$(wildcard bench/*.c)) $(BUILD)/x86_64/zos-bench.iso
	@for b in $(filter $(BUILD)/host/bench/%,$^); do $$b || exit 1; done
	@tools/x86_64/bench.sh $(BUILD)/x86_64/zos-bench.iso

clean:
	rm -rf $(BUILD)
