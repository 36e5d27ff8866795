/*
 * The x86_64 kernel's C entry, called by boot.S in long mode on the kernel
 * stack: brings the machine up step by step, printing each on COM1.
 */
#include <stdint.h>
#include <zos/error.h>
#include <zos/param.h>

#include "hal/x86_64/cpu/apic.h"
#include "hal/x86_64/checks/blk_test.h"
#include "hal/x86_64/bootinfo.h"
#include "hal/x86_64/drivers/clock.h"
#include "hal/x86_64/cpu/cpu.h"
#include "hal/x86_64/cpu/cpu_guard.h"
#include "hal/x86_64/embedded.h"
#include "hal/x86_64/drivers/entropy.h"
#include "hal/x86_64/cpu/fpu.h"
#include "hal/x86_64/cpu/gdt.h"
#include "hal/x86_64/checks/guard_test.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/mem/layout.h"
#include "hal/x86_64/live.h"
#include "hal/x86_64/mem/paging.h"
#include "hal/x86_64/drivers/pci.h"
#include "hal/x86_64/platform.h"
#include "hal/x86_64/mem/pmm.h"
#include "hal/x86_64/checks/ring3_test.h"
#include "hal/x86_64/checks/selftest.h"
#include "hal/x86_64/drivers/power.h"
#include "hal/x86_64/prof/prof.h"
#include "hal/x86_64/drivers/serial.h"
#include "hal/x86_64/cpu/trap.h"
#include "hal/x86_64/drivers/virtio_blk.h"
#include "lib/fmt.h"

void kmain(uint32_t magic, uint32_t info_phys);

/* Canonical, lower half, never mapped in the kernel's tables. */
#define FAULT_TEST_ADDR 0x00007a0000000000ull

extern char __kernel_phys_start[], __kernel_end[];

static struct boot_info boot;
static struct x86_platform platform;

static void memory_init(void)
{
	uint64_t k0 = (uint64_t)__kernel_phys_start, k1 = (uint64_t)__kernel_end - KERNEL_VMA;
	struct pmm_stats st;
	struct paging_info pg;
	const char *err = pmm_init(&boot, k0, k1);

	if (err)
		kpanic("memory: %s", err);
	pmm_get_stats(&st);
	kprintf("memory: kernel image %llx-%llx, page bitmap %llu KiB at %llx\n",
		(unsigned long long)k0, (unsigned long long)k1,
		(unsigned long long)(st.bitmap_bytes >> 10), (unsigned long long)st.bitmap_phys);
	if (st.ignored_bytes)
		kprintf("memory: %llu MiB above %llu GiB not used\n",
			(unsigned long long)(st.ignored_bytes >> 20),
			(unsigned long long)(PMM_MAX_PHYS >> 30));
	err = paging_init(&pg);
	if (err)
		kpanic("paging: %s", err);
	pmm_get_stats(&st);
	kprintf("paging: own 4-level tables at %llx (%llu table pages), direct map %llu MiB, "
		"NX %s, identity map dropped\n",
		(unsigned long long)pg.pml4_phys, (unsigned long long)pg.table_pages,
		(unsigned long long)(pg.direct_map_bytes >> 20), pg.nx ? "on" : "not supported");
	kprintf("memory: %llu of %llu pages free (%llu MiB)\n", (unsigned long long)st.free_pages,
		(unsigned long long)st.total_pages, (unsigned long long)(st.free_pages >> 8));
}

static const char *region_name(uint32_t type)
{
	switch (type) {
	case MMAP_AVAILABLE: return "usable";
	case MMAP_ACPI_RECLAIMABLE: return "ACPI reclaimable";
	case MMAP_ACPI_NVS: return "ACPI NVS";
	case MMAP_BAD: return "bad";
	default: return "reserved";
	}
}

static void print_memory_map(const struct boot_info *bi)
{
	uint64_t usable = 0;

	kprintf("memory map (%u regions):\n", bi->mmap_count);
	for (uint32_t i = 0; i < bi->mmap_count; i++) {
		const struct boot_region *r = &bi->mmap[i];
		kprintf("  %016llx-%016llx %8llu KiB %s\n", (unsigned long long)r->base,
			(unsigned long long)(r->base + r->len - 1), (unsigned long long)(r->len >> 10),
			region_name(r->type));
		if (r->type == MMAP_AVAILABLE)
			usable += r->len;
	}
	if (bi->mmap_dropped)
		kprintf("  (%u more regions not kept)\n", bi->mmap_dropped);
	kprintf("memory: %llu MiB usable\n", (unsigned long long)(usable >> 20));
}

static void time_and_entropy(uint64_t entry_tsc)
{
	struct clock_info ci;
	char when[32];

	clock_init(&ci, entry_tsc);
	kprintf("clock: TSC at %llu MHz (%s)\n", (unsigned long long)(ci.tsc_hz / 1000000),
		ci.calibrated ? "measured against the PIT" : "PIT silent: a guess");
	if (ci.boot_wall_ms)
		zos_snprintf(when, sizeof when, "%llu", (unsigned long long)(ci.boot_wall_ms / 1000));
	else
		zos_snprintf(when, sizeof when, "unknown (no RTC)");
	kprintf("clock: wall clock from the RTC: %s s since 1970\n", when);
	kprintf("entropy: %s\n", entropy_init());
}

/* Whether the preemption tick runs. */
static int timer_init(void)
{
	uint64_t hz = 0;
	const char *err = apic_init(&hz);

	if (err) {
		kprintf("timer: %s: processes switch only at syscalls\n", err);
		return 0;
	}
	kprintf("timer: local APIC timer at %llu kHz, preemption every %u ms (legacy PIC masked)\n",
		(unsigned long long)(hz / 1000), (unsigned)APIC_TICK_MS);
	return 1;
}

/* `zos.test=fault`: a deliberate kernel page fault, to show the report. */
static void fault_test(void)
{
	volatile const uint64_t *unmapped = (volatile const uint64_t *)FAULT_TEST_ADDR;

	kprintf("test: reading unmapped address %llx on purpose\n",
		(unsigned long long)FAULT_TEST_ADDR);
	kprintf("test: read %llx (no fault: wrong)\n", (unsigned long long)*unmapped);
}

/* `zos.init=NAME`: an embedded test program runs as Init instead. */
static void choose_init(const struct boot_info *bi)
{
	char name[ZOS_NAME_MAX + 1];

	if (!bootinfo_option_value(bi, "zos.init=", name, sizeof name))
		return;
	if (embedded_run_as_init(name) == ZOS_OK)
		kprintf("Zero OS: %s runs as Init (the kernel option zos.init)\n", name);
	else
		kprintf("Zero OS: zos.init=%s: no such program in this image; Init is init\n", name);
}

void kmain(uint32_t magic, uint32_t info_phys)
{
	uint64_t entry_tsc = rdtsc();
	struct cpu_guard guard;
	struct zos_system *sys;
	int preempt;
	const char *err;

	serial_init();
	/* Until the information is read, a panic just halts. */
	kprintf("\nZero OS for x86_64 - booting\n");
	err = bootinfo_parse(&boot, magic, info_phys);
	if (err)
		kpanic("boot information: %s", err);
	power_exit_to_qemu(bootinfo_has_option(&boot, "zos.exit"));
	prof_on = bootinfo_has_option(&boot, "zos.bench");
	kprintf("boot: loaded by %s (%s firmware), command line \"%s\"\n",
		boot.loader[0] ? boot.loader : "an unnamed loader", boot.efi ? "UEFI" : "BIOS",
		boot.cmdline);
	print_memory_map(&boot);
	if (boot.fb_addr)
		kprintf("framebuffer: %ux%u, %u bpp at %llx\n", boot.fb_width, boot.fb_height,
			boot.fb_bpp, (unsigned long long)boot.fb_addr);
	if (boot.rsdp_phys)
		kprintf("acpi: RSDP (ACPI %s) at %llx\n", boot.rsdp_version == 2 ? "2.0+" : "1.0",
			(unsigned long long)boot.rsdp_phys);
	gdt_init();
	idt_init();
	kprintf("cpu: GDT, TSS and IDT loaded (%u exception handlers)\n", TRAP_EXCEPTIONS);
	memory_init();
	cpu_guard_init(&guard);
	fpu_disable();
	kprintf("cpu: SMEP %s, SMAP %s; x87, MMX and SSE off (a process using them faults)\n",
		guard.smep ? "on" : "not offered", guard.smap ? "on" : "not offered");
	if (bootinfo_has_option(&boot, "zos.test=fault"))
		fault_test();
	guard_test_run(&boot, &guard);
	time_and_entropy(entry_tsc);
	pci_scan();
	virtio_blk_probe();
	blk_test_run(&boot);
	preempt = timer_init();
	/* The System and ring-3 checks (steps 8-9) prove the platform; they
	 * print deliberate fault reports and take a few hundred ms under
	 * emulation, so an ordinary boot skips them. */
	if (bootinfo_has_option(&boot, "zos.tests-only") || bootinfo_has_option(&boot, "zos.checks")) {
		if (platform_init(&platform) != ZOS_OK)
			kpanic("platform: no memory for the in-memory CommitLog");
		sys = system_selftest(&platform);
		if (!sys)
			kpanic("the System self-test failed");
		if (ring3_test(sys, preempt) != ZOS_OK)
			kpanic("the ring-3 test failed");
		kprintf("Zero OS: boot checks passed, %llu ms after kernel entry\n",
			(unsigned long long)(clock_now_ns() / 1000000));
	} else {
		kprintf("Zero OS: starting, %llu ms after kernel entry (the kernel option zos.checks "
			"runs the boot checks first)\n", (unsigned long long)(clock_now_ns() / 1000000));
	}
	if (!bootinfo_has_option(&boot, "zos.tests-only")) {
		choose_init(&boot);
		live_run();
	}
	kprintf("Zero OS stopped.\n");
	machine_stop(0);
}
