/*
 * ringorder's real-KVM backend: a VM with the kernel's dirty ring, a small 32-bit guest of the
 * project's own that dirties pages in a pattern, and the ioctls around it. Java harvests the
 * mmapped rings with the strategies' own classes and calls the real KVM_RESET_DIRTY_RINGS.
 *
 * Guest memory: slot 0 = the code page (not logged) at guest-physical 0; slot 1 = the data,
 * logged, at 1 MiB. The guest runs in flat 32-bit protected mode (no paging), so it reaches
 * up to 4 GiB of data; vCPU v dirties its own share of slot 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <linux/kvm.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define DATA_GPA (1ul << 20)
#define DATA_SLOT 1
#define BATCH_ADDR 0xf00 /* the guest reloads its writes-per-exit count from here */
#define KICK_SIGNAL (SIGRTMIN + 5)
#define MAX_VCPUS 64

/*
 * The guest (as --32; edi = its share's base, ebx = A, ebp = C, esi = mask, ecx = writes per
 * exit, edx = page, esp = sequence number, never used as a stack):
 *   top: mov %edx,%eax; shl $12,%eax; add %edi,%eax; mov %esp,(%eax)   # page p gets the sequence number
 *        inc %esp; mov %edx,%eax; imul %ebx,%eax; add %ebp,%eax; and %esi,%eax; mov %eax,%edx  # p = (p*A + C) & mask
 *        dec %ecx; jnz top
 *        out %al,$0x10                                               # a periodic exit to the host
 *        mov 0xf00,%ecx; jmp top
 * sequential: A=1, C=1; stride: A=1, C=an odd stride; random: A=1103515245, C=12345 (full period mod 2^k).
 */
static const unsigned char GUEST[] = {
	0x89, 0xd0, 0xc1, 0xe0, 0x0c, 0x01, 0xf8, 0x89, 0x20, 0x44, 0x89, 0xd0, 0x0f, 0xaf, 0xc3, 0x01, 0xe8,
	0x21, 0xf0, 0x89, 0xc2, 0x49, 0x75, 0xe8, 0xe6, 0x10, 0x8b, 0x0d, 0x00, 0x0f, 0x00, 0x00, 0xeb, 0xde};

/* `jmp .` right after the guest: where a test starts a vCPU that must hang (no writes, no exits). */
static const unsigned char SPIN[] = {0xeb, 0xfe};
#define SPIN_AT sizeof GUEST

struct kvm_vm {
	int kvm, vm, nvcpus;
	int vcpu[MAX_VCPUS];
	struct kvm_run *run[MAX_VCPUS];
	void *ring[MAX_VCPUS];
	pthread_t thread[MAX_VCPUS];
	volatile int running[MAX_VCPUS];
	int run_size;
	uint32_t entries;
	void *code, *data;
	size_t data_bytes;
};

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

/* /dev/kvm's dirty-ring capabilities: [max ring bytes with TSO, max with ACQ_REL], or -errno when KVM is unusable. */
JNIEXPORT jlongArray JNICALL Java_org_ringorder_kvm_Kvm_probe(JNIEnv *env, jclass c)
{
	jlong out[2] = {-ENODEV, -ENODEV};
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		out[0] = out[1] = -errno;
	} else {
		int vm = ioctl(kvm, KVM_CREATE_VM, 0);
		if (vm < 0) {
			out[0] = out[1] = -errno;
		} else {
			out[0] = ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_DIRTY_LOG_RING);
			out[1] = ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_DIRTY_LOG_RING_ACQ_REL);
			close(vm);
		}
		close(kvm);
	}
	jlongArray a = (*env)->NewLongArray(env, 2);
	(*env)->SetLongArrayRegion(env, a, 0, 2, out);
	return a;
}

static void destroy(struct kvm_vm *v)
{
	for (int i = 0; i < v->nvcpus; i++) {
		if (v->ring[i] && v->ring[i] != MAP_FAILED)
			munmap(v->ring[i], (size_t)v->entries * sizeof(struct kvm_dirty_gfn));
		if (v->run[i] && v->run[i] != MAP_FAILED)
			munmap(v->run[i], v->run_size);
		if (v->vcpu[i] > 0)
			close(v->vcpu[i]);
	}
	if (v->code && v->code != MAP_FAILED)
		munmap(v->code, 4096);
	if (v->data && v->data != MAP_FAILED)
		munmap(v->data, v->data_bytes);
	if (v->vm > 0)
		close(v->vm);
	if (v->kvm > 0)
		close(v->kvm);
	free(v);
}

/*
 * A VM with `nvcpus` vCPUs, each with a dirty ring of `entries` entries (capability `cap`: the
 * TSO one or ACQ_REL), and `data_bytes` of logged guest memory.
 */
JNIEXPORT jlong JNICALL Java_org_ringorder_kvm_Kvm_create(JNIEnv *env, jclass c, jint nvcpus, jint entries,
							  jlong data_bytes, jboolean acq_rel)
{
	struct sigaction sa = {.sa_handler = on_kick};
	sigemptyset(&sa.sa_mask);
	sigaction(KICK_SIGNAL, &sa, NULL);

	struct kvm_vm *v = calloc(1, sizeof *v);
	if (!v)
		return fail(env, "calloc");
	v->nvcpus = nvcpus;
	v->entries = (uint32_t)entries;
	v->data_bytes = (size_t)data_bytes;
	if ((v->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC)) < 0)
		return destroy(v), fail(env, "open /dev/kvm");
	if ((v->vm = ioctl(v->kvm, KVM_CREATE_VM, 0)) < 0)
		return destroy(v), fail(env, "KVM_CREATE_VM");
	struct kvm_enable_cap cap = {.cap = acq_rel ? KVM_CAP_DIRTY_LOG_RING_ACQ_REL : KVM_CAP_DIRTY_LOG_RING,
				     .args = {(uint64_t)entries * sizeof(struct kvm_dirty_gfn)}};
	if (ioctl(v->vm, KVM_ENABLE_CAP, &cap))
		return destroy(v), fail(env, "KVM_ENABLE_CAP (dirty ring)");
	v->code = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	v->data = mmap(NULL, v->data_bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (v->code == MAP_FAILED || v->data == MAP_FAILED)
		return destroy(v), fail(env, "mmap guest memory");
	memcpy(v->code, GUEST, sizeof GUEST);
	memcpy((char *)v->code + SPIN_AT, SPIN, sizeof SPIN);
	struct kvm_userspace_memory_region code = {.slot = 0, .guest_phys_addr = 0, .memory_size = 4096,
						   .userspace_addr = (uintptr_t)v->code};
	struct kvm_userspace_memory_region data = {.slot = DATA_SLOT, .flags = KVM_MEM_LOG_DIRTY_PAGES,
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
		v->ring[i] = mmap(NULL, (size_t)entries * sizeof(struct kvm_dirty_gfn), PROT_READ | PROT_WRITE, MAP_SHARED,
				  v->vcpu[i], page * KVM_DIRTY_LOG_PAGE_OFFSET);
		if (v->run[i] == MAP_FAILED || v->ring[i] == MAP_FAILED)
			return destroy(v), fail(env, "mmap kvm_run or the dirty ring");
		struct kvm_sregs s;
		if (ioctl(v->vcpu[i], KVM_GET_SREGS, &s))
			return destroy(v), fail(env, "KVM_GET_SREGS");
		struct kvm_segment cs = {.base = 0, .limit = 0xffffffff, .selector = 8, .type = 11, .present = 1,
					 .db = 1, .s = 1, .g = 1};
		struct kvm_segment ds = cs;
		ds.type = 3;
		ds.selector = 16;
		s.cs = cs;
		s.ds = s.es = s.fs = s.gs = s.ss = ds;
		s.cr0 |= 1; /* protected mode, no paging: flat 4 GiB */
		if (ioctl(v->vcpu[i], KVM_SET_SREGS, &s))
			return destroy(v), fail(env, "KVM_SET_SREGS");
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
 * writes_per_exit < 0 starts it on `jmp .` instead: a guest that hangs (for the time limit's test).
 */
JNIEXPORT void JNICALL Java_org_ringorder_kvm_Kvm_guest(JNIEnv *env, jclass c, jlong h, jint i, jlong first_page,
							jint bits, jint a, jint cc, jint writes_per_exit)
{
	struct kvm_vm *v = (struct kvm_vm *)(uintptr_t)h;
	*(uint32_t *)((char *)v->code + BATCH_ADDR) = (uint32_t)writes_per_exit;
	struct kvm_regs r = {0};
	r.rip = writes_per_exit < 0 ? SPIN_AT : 0;
	r.rflags = 2;
	r.rdi = DATA_GPA + ((uint64_t)first_page << 12);
	r.rbx = (uint32_t)a;
	r.rbp = (uint32_t)cc;
	r.rsi = (1u << bits) - 1;
	r.rcx = (uint32_t)writes_per_exit;
	r.rdx = 0;
	r.rsp = 1;
	if (ioctl(v->vcpu[i], KVM_SET_REGS, &r))
		fail(env, "KVM_SET_REGS");
}

/* The guest's writes so far: its sequence number, less one. */
JNIEXPORT jlong JNICALL Java_org_ringorder_kvm_Kvm_writes(JNIEnv *env, jclass c, jlong h, jint i)
{
	struct kvm_vm *v = (struct kvm_vm *)(uintptr_t)h;
	struct kvm_regs r;
	if (ioctl(v->vcpu[i], KVM_GET_REGS, &r))
		return fail(env, "KVM_GET_REGS");
	return (jlong)(uint32_t)(r.rsp - 1);
}

/*
 * One KVM_RUN of vCPU i: 0 on the guest's periodic exit, 1 on KVM_EXIT_DIRTY_RING_FULL, 2 when
 * kicked (interrupted), -(exit reason) - 100 on any other exit (a crashed guest).
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
			return 2;
		}
		errno = err;
		return (jint)fail(env, "KVM_RUN");
	}
	switch (v->run[i]->exit_reason) {
	case KVM_EXIT_IO:
		return 0;
	case KVM_EXIT_DIRTY_RING_FULL:
		return 1;
	default:
		return -100 - (jint)v->run[i]->exit_reason;
	}
}

/* Makes vCPU i's KVM_RUN return now (or its next one return at once): the time limit's kick. */
JNIEXPORT void JNICALL Java_org_ringorder_kvm_Kvm_kick(JNIEnv *env, jclass c, jlong h, jint i)
{
	struct kvm_vm *v = (struct kvm_vm *)(uintptr_t)h;
	v->run[i]->immediate_exit = 1;
	if (__atomic_load_n(&v->running[i], __ATOMIC_SEQ_CST))
		pthread_kill(v->thread[i], KICK_SIGNAL);
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
