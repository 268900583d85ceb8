/*
 * ringorder's real-KVM backend: a VM with the kernel's dirty ring, a small guest of the
 * project's own that dirties pages in a pattern, and the ioctls around it. Java harvests the
 * mmapped rings with the strategies' own classes and calls the real KVM_RESET_DIRTY_RINGS.
 *
 * Guest memory: slot 0 = the code (not logged); slot 1 = the data, logged; vCPU v dirties its
 * own share of slot 1, one word per host page. The data is logged by the ring, or by the dirty
 * bitmap (KVM_GET_DIRTY_LOG, with manual protect: KVM_CLEAR_DIRTY_LOG), or not at all (the
 * baseline a tracked guest's slowdown is measured against): a VM has one of them, never two. What differs per architecture (the guest's
 * machine code, its memory map, how a vCPU is set up and how the guest exits) is in
 * guest_<arch>.h; on an architecture with none, the library loads and says so (Kvm.backend).
 */
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <linux/kvm.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h> /* offsetof, for arm64's KVM_REG_ARM_CORE_REG */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define DATA_SLOT 1
#define KICK_SIGNAL (SIGRTMIN + 5)
#define MAX_VCPUS 64

/* How a VM tracks its data slot's dirty pages (Kvm.java's Tracking, whose jni values these are). */
enum tracking { TRACK_NONE, TRACK_RING_TSO, TRACK_RING_ACQ_REL, TRACK_BITMAP, TRACK_BITMAP_MANUAL,
		TRACK_BITMAP_MANUAL_INITIALLY_SET };

struct kvm_vm {
	int kvm, vm, nvcpus, tracking;
	int vcpu[MAX_VCPUS];
	struct kvm_run *run[MAX_VCPUS];
	void *ring[MAX_VCPUS];
	pthread_t thread[MAX_VCPUS];
	volatile int running[MAX_VCPUS];
	int run_size;
	uint32_t entries;
	volatile int kicked[MAX_VCPUS];
	uint64_t fault[MAX_VCPUS];
	void *code, *data;
	size_t data_bytes;
};

/* guest_exit's results besides -100 - (exit reason) for an exit the guest never makes. */
#define GUEST_PERIODIC 0
#define GUEST_FAULT 3

/*
 * The ring's page offset in the vCPU's mmap is 64 on every architecture that has the ring (x86,
 * arm64, RISC-V, LoongArch). Not KVM_DIRTY_LOG_PAGE_OFFSET: uapi headers older than an
 * architecture's ring (arm64's before Linux 6.2, Debian 12's among them) define it as 0, which
 * maps kvm_run instead of the ring.
 */
#define DIRTY_RING_PAGE_OFFSET 64
/* Older uapi headers lack this one; the number is the kernel's. */
#ifndef KVM_CAP_DIRTY_LOG_RING_WITH_BITMAP
#define KVM_CAP_DIRTY_LOG_RING_WITH_BITMAP 225
#endif

static int has_ring(const struct kvm_vm *v)
{
	return v->tracking == TRACK_RING_TSO || v->tracking == TRACK_RING_ACQ_REL;
}

/* A register by KVM_SET_ONE_REG / KVM_GET_ONE_REG: how arm64's and riscv's guests are set up (x86's by KVM_SET_REGS). */
static __attribute__((unused)) int set_reg(int vcpu, uint64_t id, uint64_t value)
{
	struct kvm_one_reg r = {.id = id, .addr = (uintptr_t)&value};
	return ioctl(vcpu, KVM_SET_ONE_REG, &r);
}

static __attribute__((unused)) int get_reg(int vcpu, uint64_t id, uint64_t *value)
{
	struct kvm_one_reg r = {.id = id, .addr = (uintptr_t)value};
	return ioctl(vcpu, KVM_GET_ONE_REG, &r);
}

/*
 * The exit of a guest that stores to MMIO with no memslot behind it: at `periodic`, its periodic
 * exit; anywhere else, the report of a trap, whose first word (the syndrome or cause) is kept.
 */
static __attribute__((unused)) int mmio_exit(struct kvm_vm *v, int i, uint64_t periodic)
{
	struct kvm_run *run = v->run[i];
	if (run->exit_reason != KVM_EXIT_MMIO)
		return -100 - (int)run->exit_reason;
	if (run->mmio.phys_addr == periodic)
		return GUEST_PERIODIC;
	uint32_t cause;
	memcpy(&cause, run->mmio.data, sizeof cause);
	v->fault[i] = cause;
	return GUEST_FAULT;
}

#if defined(__x86_64__)
#include "guest_x86_64.h"
#elif defined(__aarch64__)
#include "guest_aarch64.h"
#elif defined(__riscv) && __riscv_xlen == 64
#include "guest_riscv64.h"
#endif

/* The architecture whose guest this library carries, or null: no KVM backend here. */
JNIEXPORT jstring JNICALL Java_org_ringorder_kvm_Kvm_backend(JNIEnv *env, jclass c)
{
#ifdef GUEST_ARCH
	return (*env)->NewStringUTF(env, GUEST_ARCH);
#else
	return NULL;
#endif
}

/* The most logged memory the guest's memory map reaches, in bytes (0: no KVM backend here). */
JNIEXPORT jlong JNICALL Java_org_ringorder_kvm_Kvm_maxDataBytes(JNIEnv *env, jclass c)
{
#ifdef GUEST_ARCH
	return (jlong)MAX_DATA_BYTES;
#else
	return 0;
#endif
}

/* The host's page size: the unit of the ring's offsets and of the guest's writes. */
JNIEXPORT jlong JNICALL Java_org_ringorder_kvm_Kvm_pageSize(JNIEnv *env, jclass c)
{
	return sysconf(_SC_PAGESIZE);
}

static void on_kick(int sig)
{
	(void)sig; /* only interrupts KVM_RUN (no SA_RESTART) */
}

static jlong fail(JNIEnv *env, const char *what)
{
	char msg[256];
	snprintf(msg, sizeof msg, "%s: %s", what, strerror(errno));
	(*env)->ThrowNew(env, (*env)->FindClass(env, "java/lang/IllegalStateException"), msg);
	return 0;
}

/*
 * /dev/kvm's dirty-tracking capabilities: [max ring bytes with TSO, max with ACQ_REL, WITH_BITMAP,
 * MANUAL_DIRTY_LOG_PROTECT2 (the flags it supports: 1 manual protect, 2 initially set)], or -errno
 * in each when KVM is unusable.
 */
JNIEXPORT jlongArray JNICALL Java_org_ringorder_kvm_Kvm_checkExtensions(JNIEnv *env, jclass c)
{
	jlong out[4] = {-ENODEV, -ENODEV, -ENODEV, -ENODEV};
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		out[0] = out[1] = out[2] = out[3] = -errno;
	} else {
		int vm = ioctl(kvm, KVM_CREATE_VM, 0);
		if (vm < 0) {
			out[0] = out[1] = out[2] = out[3] = -errno;
		} else {
			out[0] = ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_DIRTY_LOG_RING);
			out[1] = ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_DIRTY_LOG_RING_ACQ_REL);
			out[2] = ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_DIRTY_LOG_RING_WITH_BITMAP);
			out[3] = ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2);
			close(vm);
		}
		close(kvm);
	}
	jlongArray a = (*env)->NewLongArray(env, 4);
	(*env)->SetLongArrayRegion(env, a, 0, 4, out);
	return a;
}

#ifdef GUEST_ARCH
static void destroy(struct kvm_vm *v)
{
	for (int i = 0; i < v->nvcpus; i++) {
		if (has_ring(v) && v->ring[i] && v->ring[i] != MAP_FAILED)
			munmap(v->ring[i], (size_t)v->entries * sizeof(struct kvm_dirty_gfn));
		if (v->run[i] && v->run[i] != MAP_FAILED)
			munmap(v->run[i], v->run_size);
		if (v->vcpu[i] > 0)
			close(v->vcpu[i]);
	}
	if (v->code && v->code != MAP_FAILED)
		munmap(v->code, CODE_BYTES);
	if (v->data && v->data != MAP_FAILED)
		munmap(v->data, v->data_bytes);
	if (v->vm > 0)
		close(v->vm);
	if (v->kvm > 0)
		close(v->kvm);
	free(v);
}

/* Turns on the VM's dirty tracking before its memslots exist (INITIALLY_SET applies to slots made after it). */
static const char *enable_tracking(struct kvm_vm *v)
{
	struct kvm_enable_cap cap = {0};
	switch (v->tracking) {
	case TRACK_RING_TSO:
	case TRACK_RING_ACQ_REL:
		cap.cap = v->tracking == TRACK_RING_ACQ_REL ? KVM_CAP_DIRTY_LOG_RING_ACQ_REL : KVM_CAP_DIRTY_LOG_RING;
		cap.args[0] = (uint64_t)v->entries * sizeof(struct kvm_dirty_gfn);
		return ioctl(v->vm, KVM_ENABLE_CAP, &cap) ? "KVM_ENABLE_CAP (dirty ring)" : NULL;
	case TRACK_BITMAP_MANUAL:
	case TRACK_BITMAP_MANUAL_INITIALLY_SET:
		cap.cap = KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2;
		cap.args[0] = KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE
			      | (v->tracking == TRACK_BITMAP_MANUAL_INITIALLY_SET ? KVM_DIRTY_LOG_INITIALLY_SET : 0);
		return ioctl(v->vm, KVM_ENABLE_CAP, &cap) ? "KVM_ENABLE_CAP (manual dirty log protect)" : NULL;
	default:
		return NULL; /* none, or the plain bitmap: KVM_GET_DIRTY_LOG gets and re-protects in one */
	}
}

/*
 * A VM with `nvcpus` vCPUs and `data_bytes` of guest memory whose dirty pages are tracked as
 * `tracking` says: a ring of `entries` entries per vCPU (the TSO capability or ACQ_REL), the
 * bitmap (plain, or with manual protect, and initially set), or not at all.
 * KVM_CAP_DIRTY_LOG_RING_WITH_BITMAP is never enabled: it is for memory dirtied with no vCPU
 * running (arm64's vgic ITS saving its tables), and this VM has no vGIC, no ITS, no device at all.
 */
JNIEXPORT jlong JNICALL Java_org_ringorder_kvm_Kvm_createVm(JNIEnv *env, jclass c, jint nvcpus, jint entries,
							    jlong data_bytes, jint tracking)
{
	struct sigaction sa = {.sa_handler = on_kick};
	sigemptyset(&sa.sa_mask);
	sigaction(KICK_SIGNAL, &sa, NULL);

	struct kvm_vm *v = calloc(1, sizeof *v);
	if (!v)
		return fail(env, "calloc");
	v->nvcpus = nvcpus;
	v->tracking = tracking;
	v->entries = (uint32_t)entries;
	v->data_bytes = (size_t)data_bytes;
	if ((v->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC)) < 0)
		return destroy(v), fail(env, "open /dev/kvm");
	if ((v->vm = ioctl(v->kvm, KVM_CREATE_VM, 0)) < 0)
		return destroy(v), fail(env, "KVM_CREATE_VM");
	const char *failed = enable_tracking(v);
	if (failed)
		return destroy(v), fail(env, failed);
	if (v->data_bytes > MAX_DATA_BYTES) {
		errno = EINVAL;
		return destroy(v), fail(env, "the guest's data exceeds its memory map");
	}
	v->code = mmap(NULL, CODE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	v->data = mmap(NULL, v->data_bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (v->code == MAP_FAILED || v->data == MAP_FAILED)
		return destroy(v), fail(env, "mmap guest memory");
	guest_load(v->code);
	struct kvm_userspace_memory_region code = {.slot = 0, .guest_phys_addr = 0, .memory_size = CODE_BYTES,
						   .userspace_addr = (uintptr_t)v->code};
	struct kvm_userspace_memory_region data = {.slot = DATA_SLOT,
						   .flags = v->tracking == TRACK_NONE ? 0 : KVM_MEM_LOG_DIRTY_PAGES,
						   .guest_phys_addr = DATA_GPA, .memory_size = v->data_bytes,
						   .userspace_addr = (uintptr_t)v->data};
	if (ioctl(v->vm, KVM_SET_USER_MEMORY_REGION, &code) || ioctl(v->vm, KVM_SET_USER_MEMORY_REGION, &data))
		return destroy(v), fail(env, "KVM_SET_USER_MEMORY_REGION");
	if ((v->run_size = ioctl(v->kvm, KVM_GET_VCPU_MMAP_SIZE, 0)) < 0)
		return destroy(v), fail(env, "KVM_GET_VCPU_MMAP_SIZE");
	long page = sysconf(_SC_PAGESIZE);
	for (int i = 0; i < nvcpus; i++) {
		if ((v->vcpu[i] = ioctl(v->vm, KVM_CREATE_VCPU, i)) < 0)
			return destroy(v), fail(env, "KVM_CREATE_VCPU");
		v->run[i] = mmap(NULL, v->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, v->vcpu[i], 0);
		if (has_ring(v))
			v->ring[i] = mmap(NULL, (size_t)entries * sizeof(struct kvm_dirty_gfn), PROT_READ | PROT_WRITE,
					  MAP_SHARED, v->vcpu[i], page * DIRTY_RING_PAGE_OFFSET);
		if (v->run[i] == MAP_FAILED || v->ring[i] == MAP_FAILED)
			return destroy(v), fail(env, "mmap kvm_run or the dirty ring");
		failed = vcpu_setup(v, i);
		if (failed)
			return destroy(v), fail(env, failed);
	}
	return (jlong)(uintptr_t)v;
}

JNIEXPORT void JNICALL Java_org_ringorder_kvm_Kvm_destroy(JNIEnv *env, jclass c, jlong h)
{
	destroy((struct kvm_vm *)(uintptr_t)h);
}

/* vCPU i's dirty ring, the kernel's memory, as a direct buffer. */
JNIEXPORT jobject JNICALL Java_org_ringorder_kvm_Kvm_ring(JNIEnv *env, jclass c, jlong h, jint i)
{
	struct kvm_vm *v = (struct kvm_vm *)(uintptr_t)h;
	return (*env)->NewDirectByteBuffer(env, v->ring[i], (jlong)v->entries * sizeof(struct kvm_dirty_gfn));
}

/* The logged guest memory, for checking which pages the guest wrote. */
JNIEXPORT jobject JNICALL Java_org_ringorder_kvm_Kvm_data(JNIEnv *env, jclass c, jlong h)
{
	struct kvm_vm *v = (struct kvm_vm *)(uintptr_t)h;
	return (*env)->NewDirectByteBuffer(env, v->data, (jlong)v->data_bytes);
}

/*
 * Starts vCPU i's guest on pages [first, first + 2^bits) of the data slot with p = (p*a + c) & mask;
 * writes_per_exit < 0 starts it on a `b .` instead: a guest that hangs (for the time limit's test).
 */
JNIEXPORT void JNICALL Java_org_ringorder_kvm_Kvm_guest(JNIEnv *env, jclass c, jlong h, jint i, jlong first_page,
							jint bits, jint a, jint cc, jint writes_per_exit)
{
	struct kvm_vm *v = (struct kvm_vm *)(uintptr_t)h;
	uint64_t base = DATA_GPA + (uint64_t)first_page * (uint64_t)sysconf(_SC_PAGESIZE);
	const char *failed = guest_start(v, i, base, (1u << bits) - 1, (uint32_t)a, (uint32_t)cc, writes_per_exit);
	if (failed)
		fail(env, failed);
}

/* The guest's writes so far: its sequence number, less one. */
JNIEXPORT jlong JNICALL Java_org_ringorder_kvm_Kvm_writes(JNIEnv *env, jclass c, jlong h, jint i)
{
	struct kvm_vm *v = (struct kvm_vm *)(uintptr_t)h;
	uint64_t seq;
	const char *failed = guest_sequence(v, i, &seq);
	if (failed)
		return fail(env, failed);
	return (jlong)seq - 1;
}

/* The syndrome (ESR_EL1) of the exception vCPU i's guest reported, after a run returned 3. */
JNIEXPORT jlong JNICALL Java_org_ringorder_kvm_Kvm_fault(JNIEnv *env, jclass c, jlong h, jint i)
{
	return (jlong)((struct kvm_vm *)(uintptr_t)h)->fault[i];
}

/*
 * One KVM_RUN of vCPU i: 0 on the guest's periodic exit (or a signal that was no kick), 1 on
 * KVM_EXIT_DIRTY_RING_FULL, 2 when kicked, 3 when the guest reported an exception (see fault),
 * -(exit reason) - 100 on any other exit (a crashed guest).
 */
JNIEXPORT jint JNICALL Java_org_ringorder_kvm_Kvm_run(JNIEnv *env, jclass c, jlong h, jint i)
{
	struct kvm_vm *v = (struct kvm_vm *)(uintptr_t)h;
	v->thread[i] = pthread_self();
	__atomic_store_n(&v->running[i], 1, __ATOMIC_SEQ_CST);
	int ret = ioctl(v->vcpu[i], KVM_RUN, 0);
	int err = errno;
	__atomic_store_n(&v->running[i], 0, __ATOMIC_SEQ_CST);
	if (ret < 0) {
		if (err == EINTR) {
			v->run[i]->immediate_exit = 0;
			/* arm64 without an in-kernel irqchip also returns EINTR when the guest's timer line changes */
			return __atomic_exchange_n(&v->kicked[i], 0, __ATOMIC_SEQ_CST) ? 2 : 0;
		}
		errno = err;
		return (jint)fail(env, "KVM_RUN");
	}
	if (v->run[i]->exit_reason == KVM_EXIT_DIRTY_RING_FULL)
		return 1;
	return guest_exit(v, i);
}

/* Makes vCPU i's KVM_RUN return now (or its next one return at once): the time limit's kick. */
JNIEXPORT void JNICALL Java_org_ringorder_kvm_Kvm_kick(JNIEnv *env, jclass c, jlong h, jint i)
{
	struct kvm_vm *v = (struct kvm_vm *)(uintptr_t)h;
	__atomic_store_n(&v->kicked[i], 1, __ATOMIC_SEQ_CST);
	v->run[i]->immediate_exit = 1;
	if (__atomic_load_n(&v->running[i], __ATOMIC_SEQ_CST))
		pthread_kill(v->thread[i], KICK_SIGNAL);
}

/*
 * KVM_GET_DIRTY_LOG of the data slot into `bitmap` (a direct buffer of one bit per page, bit b of
 * byte k = page 8k + b). Without manual protect the kernel also clears its bits and re-protects
 * the pages it reports; with it, its bits stay set until KVM_CLEAR_DIRTY_LOG.
 */
JNIEXPORT void JNICALL Java_org_ringorder_kvm_Kvm_getDirtyLog(JNIEnv *env, jclass c, jlong h, jobject bitmap)
{
	struct kvm_vm *v = (struct kvm_vm *)(uintptr_t)h;
	struct kvm_dirty_log log = {.slot = DATA_SLOT, .dirty_bitmap = (*env)->GetDirectBufferAddress(env, bitmap)};
	if (ioctl(v->vm, KVM_GET_DIRTY_LOG, &log))
		fail(env, "KVM_GET_DIRTY_LOG");
}

/*
 * KVM_CLEAR_DIRTY_LOG of pages [first_page, first_page + num_pages): clears the kernel's bits that
 * are set in `bitmap` (the same layout as the get's, from page 0) and write-protects those pages
 * again. The kernel asks first_page to be a multiple of 64, and num_pages too unless the range
 * reaches the slot's end.
 */
JNIEXPORT void JNICALL Java_org_ringorder_kvm_Kvm_clearDirtyLog(JNIEnv *env, jclass c, jlong h, jobject bitmap,
								jlong first_page, jint num_pages)
{
	struct kvm_vm *v = (struct kvm_vm *)(uintptr_t)h;
	struct kvm_clear_dirty_log log = {.slot = DATA_SLOT, .num_pages = (uint32_t)num_pages, .first_page = (uint64_t)first_page,
					  .dirty_bitmap = (char *)(*env)->GetDirectBufferAddress(env, bitmap) + first_page / 8};
	if (ioctl(v->vm, KVM_CLEAR_DIRTY_LOG, &log))
		fail(env, "KVM_CLEAR_DIRTY_LOG");
}

/* KVM_RESET_DIRTY_RINGS: the number of entries the kernel reset. */
JNIEXPORT jint JNICALL Java_org_ringorder_kvm_Kvm_reset(JNIEnv *env, jclass c, jlong h)
{
	struct kvm_vm *v = (struct kvm_vm *)(uintptr_t)h;
	int n = ioctl(v->vm, KVM_RESET_DIRTY_RINGS, 0);
	if (n < 0)
		return (jint)fail(env, "KVM_RESET_DIRTY_RINGS");
	return n;
}
#endif /* GUEST_ARCH */
