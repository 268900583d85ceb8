/*
 * ringorder's native backend: the reset-path kernels of every strategy in C11/GCC atomics, on
 * the kernel's 16-byte entry layout in off-heap memory, called through JNI once per ring pass.
 * The strategies mirror the Java classes ordering point by ordering point; kernels.h holds the
 * loops once, included per strategy and once for Linux's kernel side (LinuxKernel.java), which
 * --roles userspace runs against the strategy's VMM side. The memory (entries) belongs to Java's
 * direct buffers; the VM (reset index, fetch index, bitmaps, mmu_lock) is allocated here.
 */
#define _GNU_SOURCE /* sched_setaffinity, CPU_SET: the concurrent workload pins its threads */
#include <jni.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct kvm_dirty_gfn {
	uint32_t flags;
	uint32_t slot;
	uint64_t offset;
};

#define KVM_DIRTY_GFN_F_DIRTY 1u
#define KVM_DIRTY_GFN_F_RESET 2u

/* One bit per page of one memslot: the write-protect state and the VMM's dirty log. */
struct bitmap {
	uint64_t npages;
	uint64_t *words;
};

/*
 * A ring and its indices, each index on a line of its own as its writer owns it: the reset's, the
 * harvest's (with the collector's count of stale payloads), and the vCPU's dirty index (the
 * concurrent workload's push only). A ring that verifies names its vCPU (id) and page pattern.
 */
struct ring {
	struct kvm_dirty_gfn *gfns;
	uint32_t size;
	uint32_t soft_limit;
	uint32_t id;
	uint32_t pattern;
	uint32_t verify;
	uint32_t reset_index __attribute__((aligned(128)));
	uint32_t fetch_index __attribute__((aligned(128)));
	uint64_t stale;
	uint32_t dirty_index __attribute__((aligned(128)));
};

struct vm {
	struct bitmap write_protected;
	struct bitmap dirty_log;
	pthread_mutex_t mmu_lock;
	uint64_t batches, pages, out_of_range;
	uint32_t marked;
	uint32_t doorbell __attribute__((aligned(128)));
};

/* Pages per memslot in the model, as OffsetPattern.NPAGES. */
#define NPAGES (1ull << 20)

static inline uint64_t mix(uint64_t z)
{
	z = (z ^ (z >> 33)) * 0xff51afd7ed558ccdull;
	z = (z ^ (z >> 33)) * 0xc4ceb9fe1a85ec53ull;
	return z ^ (z >> 33);
}

/* OffsetPattern.offset: the page ring `ring` dirties at free-running index `index` (0 sequential, 1 backward, 2 random). */
static inline uint64_t expected_offset(uint32_t pattern, uint32_t ring, uint32_t index)
{
	uint64_t base = (uint64_t)ring << 16;
	switch (pattern) {
	case 0:
		return (base + index) & (NPAGES - 1);
	case 1:
		return (base + (index ^ 63u)) & (NPAGES - 1);
	default:
		return mix(((uint64_t)ring << 32) | index) & (NPAGES - 1);
	}
}

/* A reader's check of the payload it read at `index` (a hoisted branch where the ring does not verify). */
#define CHECK_PAYLOAD(verify, r, index, slot, offset)                                                    \
	do {                                                                                             \
		if ((verify) && ((slot) != 0 || (offset) != expected_offset((r)->pattern, (r)->id, (index)))) \
			(r)->stale++;                                                                    \
	} while (0)

/* A spin-wait's pause, as the kernel's cpu_relax(). */
#if defined(__x86_64__)
#define cpu_relax() __asm__ __volatile__("pause" ::: "memory")
#elif defined(__aarch64__)
#define cpu_relax() __asm__ __volatile__("yield" ::: "memory")
#else
#define cpu_relax() __asm__ __volatile__("" ::: "memory")
#endif

/*
 * The concurrent workload's two loops, each strategy's (and the twin's) starting a page of its own:
 * at 64 bytes, plain's collect straddled two pages where its twin sat in one, and the twin ran 2..3%
 * faster whenever the machine was busy; at a page, identical code sits at identical offsets.
 */
#define WORKLOAD_ALIGNED __attribute__((aligned(4096)))

/*
 * The concurrent workload's vCPU exiting to userspace (KVM_EXIT_DIRTY_RING_FULL, or stopped at the
 * block's end): one more exit, released after its pushes, for the collector to wait on.
 */
static inline void vcpu_exit(uint32_t *exits)
{
	__atomic_store_n(exits, *exits + 1, __ATOMIC_RELEASE); /* the vCPU is its only writer */
}

/* kvm_reset_dirty_gfn: re-protect one coalesced (slot, offset, mask) batch under mmu_lock. */
static void reset_dirty_gfn(struct vm *vm, uint32_t slot, uint64_t offset, uint64_t mask)
{
	struct bitmap *b = &vm->write_protected;
	if (!mask || slot != 0 || offset + (63 - __builtin_clzll(mask)) >= b->npages)
		return;
	pthread_mutex_lock(&vm->mmu_lock);
	uint64_t at = offset >> 6, shift = offset & 63;
	b->words[at] |= mask << shift;
	if (shift && at + 1 < b->npages / 64)
		b->words[at + 1] |= mask >> (64 - shift);
	vm->batches++;
	vm->pages += __builtin_popcountll(mask);
	pthread_mutex_unlock(&vm->mmu_lock);
}

/* The kernel's coalescing: extend the current 64-page batch forwards or backwards, else flush it. */
static inline void coalesce_or_flush(struct vm *vm, uint32_t *cur_slot, uint64_t *cur_offset, uint64_t *mask,
				     uint32_t slot, uint64_t offset)
{
	if (*mask && slot == *cur_slot) {
		int64_t delta = (int64_t)(offset - *cur_offset);
		if (delta >= 0 && delta < 64) {
			*mask |= 1ull << delta;
			return;
		}
		if (delta > -64 && delta < 0 && (*mask << -delta >> -delta) == *mask) {
			*cur_offset = offset;
			*mask = (*mask << -delta) | 1;
			return;
		}
	}
	reset_dirty_gfn(vm, *cur_slot, *cur_offset, *mask);
	*cur_slot = slot;
	*cur_offset = offset;
	*mask = 1;
}

/* QEMU's kvm_slot_page_dirty: a page outside the memslot is dropped and counted. */
static inline void mark_page(struct vm *vm, uint32_t slot, uint64_t offset)
{
	if (slot != 0 || offset >= vm->dirty_log.npages) {
		vm->out_of_range++;
		return;
	}
	vm->dirty_log.words[offset >> 6] |= 1ull << (offset & 63);
}

#define FENCE __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define LOAD_PLAIN(p) ((p)->flags)
#define STORE_PLAIN(p, v) ((p)->flags = (v))

/*
 * A strategy orders both sides with its three accesses, OBSERVE(p), PUBLISH(p, v) and
 * PUBLISH_INDEX(p, v), each defined per strategy below; kernels.h's points in those terms, once:
 */
#define PUBLISH_DIRTY(p) PUBLISH(p, KVM_DIRTY_GFN_F_DIRTY)
#define HARVESTED(p) (OBSERVE(p) & KVM_DIRTY_GFN_F_RESET)
#define READ_PAYLOAD(x) (x)
#define INVALIDATE(p) PUBLISH(p, 0)
#define PUBLISH_RESET_INDEX(p, v) PUBLISH_INDEX(p, v)
#define RESET_INDEX_EACH_ENTRY 0
#define OBSERVE_DIRTY(p) OBSERVE(p)
#define MARK_RESET(p) PUBLISH(p, KVM_DIRTY_GFN_F_RESET)
#define RING_DOORBELL(p, v) PUBLISH_INDEX(p, v)
#define KERNEL_SIDE_ONLY 0

/*
 * plain: plain C accesses, as the kernel and QEMU had them before 2022; and plain's twin, the
 * same kernels compiled a second time at other addresses: the null pair's second side.
 */
#define NAME(x) x##_plain
#define OBSERVE(p) LOAD_PLAIN(p)
#define PUBLISH(p, v) STORE_PLAIN(p, v)
#define PUBLISH_INDEX(p, v) (*(p) = (v))
/* volatile only so that a spin-wait reloads it: the same plain load on every architecture */
#define OBSERVE_INDEX(p) (*(volatile uint32_t *)(p))
#define TWO_PHASE 0
#define AFTER_BATCH_OBSERVE
#define BEFORE_BATCH_PUBLISH
#include "kernels.h"
#undef NAME
#define NAME(x) x##_plain_twin
#include "kernels.h"
#undef NAME
#undef OBSERVE
#undef PUBLISH
#undef PUBLISH_INDEX
#undef OBSERVE_INDEX

/* opaque: relaxed atomics (READ_ONCE/WRITE_ONCE). */
#define NAME(x) x##_opaque
#define OBSERVE(p) __atomic_load_n(&(p)->flags, __ATOMIC_RELAXED)
#define PUBLISH(p, v) __atomic_store_n(&(p)->flags, (v), __ATOMIC_RELAXED)
#define PUBLISH_INDEX(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define OBSERVE_INDEX(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#include "kernels.h"
#undef NAME
#undef OBSERVE
#undef PUBLISH
#undef PUBLISH_INDEX
#undef OBSERVE_INDEX

/* volatile: sequentially consistent atomics. */
#define NAME(x) x##_volatile
#define OBSERVE(p) __atomic_load_n(&(p)->flags, __ATOMIC_SEQ_CST)
#define PUBLISH(p, v) __atomic_store_n(&(p)->flags, (v), __ATOMIC_SEQ_CST)
#define PUBLISH_INDEX(p, v) __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#define OBSERVE_INDEX(p) __atomic_load_n((p), __ATOMIC_SEQ_CST)
#include "kernels.h"
#undef NAME
#undef OBSERVE
#undef PUBLISH
#undef PUBLISH_INDEX
#undef OBSERVE_INDEX

/* acquire-load: smp_load_acquire / smp_store_release. */
#define NAME(x) x##_acquire_load
#define OBSERVE(p) __atomic_load_n(&(p)->flags, __ATOMIC_ACQUIRE)
#define PUBLISH(p, v) __atomic_store_n(&(p)->flags, (v), __ATOMIC_RELEASE)
#define PUBLISH_INDEX(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define OBSERVE_INDEX(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#include "kernels.h"
#undef NAME
#undef OBSERVE
#undef PUBLISH
#undef PUBLISH_INDEX
#undef OBSERVE_INDEX

/* full-fence: plain accesses, a full fence after each observe and before each publish (smp_mb). */
#define NAME(x) x##_full_fence
#define OBSERVE(p) ({ uint32_t f_ = *(volatile uint32_t *)&(p)->flags; FENCE; f_; })
#define PUBLISH(p, v) do { FENCE; *(volatile uint32_t *)&(p)->flags = (v); } while (0)
#define PUBLISH_INDEX(p, v) do { FENCE; *(volatile uint32_t *)(p) = (v); } while (0)
#define OBSERVE_INDEX(p) ({ uint32_t i_ = *(volatile uint32_t *)(p); FENCE; i_; })
#include "kernels.h"
#undef NAME
#undef OBSERVE
#undef PUBLISH
#undef PUBLISH_INDEX
#undef OBSERVE_INDEX

/* batched-fence: plain flag accesses in two-phase batches, one fence per phase. */
#define NAME(x) x##_batched_fence
#define OBSERVE(p) (*(volatile uint32_t *)&(p)->flags)
#define PUBLISH(p, v) (*(volatile uint32_t *)&(p)->flags = (v))
#define PUBLISH_INDEX(p, v) do { FENCE; *(volatile uint32_t *)(p) = (v); } while (0)
#define OBSERVE_INDEX(p) ({ uint32_t i_ = *(volatile uint32_t *)(p); FENCE; i_; })
#undef TWO_PHASE
#undef AFTER_BATCH_OBSERVE
#undef BEFORE_BATCH_PUBLISH
#define TWO_PHASE 1
#define AFTER_BATCH_OBSERVE FENCE
#define BEFORE_BATCH_PUBLISH FENCE
#include "kernels.h"
#undef NAME
#undef OBSERVE
#undef PUBLISH
#undef PUBLISH_INDEX
#undef OBSERVE_INDEX
#undef TWO_PHASE
#undef AFTER_BATCH_OBSERVE
#undef BEFORE_BATCH_PUBLISH

/*
 * Linux's accessors (include/asm-generic/rwonce.h and barrier.h) in C11 atomics, as the kernel's
 * memory model maps them. C11 has no store-store fence, so smp_wmb() is what Linux makes it per
 * architecture: dmb ishst on arm64, fence w,w on riscv, a compiler barrier on x86 (whose stores stay in order).
 */
#define READ_ONCE(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define smp_load_acquire(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define smp_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#if defined(__aarch64__)
#define smp_wmb() __asm__ __volatile__("dmb ishst" ::: "memory")
#elif defined(__riscv)
#define smp_wmb() __asm__ __volatile__("fence w,w" ::: "memory")
#elif defined(__x86_64__)
#define smp_wmb() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#else
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#endif

/* virt/kvm/dirty_ring.c's entry helpers, as Linux writes them. */
static inline void kvm_dirty_gfn_set_invalid(struct kvm_dirty_gfn *gfn)
{
	smp_store_release(&gfn->flags, 0);
}

static inline void kvm_dirty_gfn_set_dirtied(struct kvm_dirty_gfn *gfn)
{
	gfn->flags = KVM_DIRTY_GFN_F_DIRTY;
}

static inline int kvm_dirty_gfn_harvested(struct kvm_dirty_gfn *gfn)
{
	return smp_load_acquire(&gfn->flags) & KVM_DIRTY_GFN_F_RESET;
}

/*
 * linux: the kernel's side as Linux has it since 2022 (LinuxKernel.java), the native backend's
 * kernel side under --roles userspace: kvm_dirty_ring_push's smp_wmb() then a plain flags store;
 * kvm_dirty_ring_reset's acquire of flags, READ_ONCE of slot and offset, release of flags = 0 and
 * plain ring->reset_index++ per entry. A kernel side only: the VMM's side is the strategy's.
 */
#undef PUBLISH_DIRTY
#undef HARVESTED
#undef READ_PAYLOAD
#undef INVALIDATE
#undef PUBLISH_RESET_INDEX
#undef RESET_INDEX_EACH_ENTRY
#undef KERNEL_SIDE_ONLY
#define NAME(x) x##_linux
#define PUBLISH_DIRTY(p) do { smp_wmb(); kvm_dirty_gfn_set_dirtied(p); } while (0)
#define HARVESTED(p) kvm_dirty_gfn_harvested(p)
#define READ_PAYLOAD(x) READ_ONCE(x)
#define INVALIDATE(p) kvm_dirty_gfn_set_invalid(p)
#define PUBLISH_RESET_INDEX(p, v) (*(p) = (v))
#define RESET_INDEX_EACH_ENTRY 1
#define KERNEL_SIDE_ONLY 1
#define TWO_PHASE 0
#define AFTER_BATCH_OBSERVE
#define BEFORE_BATCH_PUBLISH
#include "kernels.h"

/*
 * The strategies this library has kernels for: their Java flags and C suffixes, one list that
 * makes the names and every table. Ids index the tables in this order; after the last strategy
 * comes plain's twin (the null pair's), and in the kernel sides' tables then Linux's.
 */
#define STRATEGIES(X)                                                                                   \
	X("plain", plain) X("opaque", opaque) X("volatile", volatile) X("acquire-load", acquire_load) \
	X("full-fence", full_fence) X("batched-fence", batched_fence)

#define FLAG_OF(flag, s) flag,
#define SCAN_OF(flag, s) scan_##s,
#define RESET_OF(flag, s) reset_##s,
#define HARVEST_OF(flag, s) harvest_##s,
#define DOORBELL_OF(flag, s) doorbell_##s,
#define VCPU_BLOCK_OF(flag, s) vcpu_block_##s,
#define COLLECT_OF(flag, s) collect_##s,

typedef uint64_t (*scan_fn)(struct kvm_dirty_gfn *, uint32_t);
typedef uint32_t (*ring_fn)(struct vm *, struct ring *);
typedef void (*bell_fn)(struct vm *, uint32_t);

static const char *const NAMES[] = {STRATEGIES(FLAG_OF)};
#define NSTRATEGIES (sizeof NAMES / sizeof *NAMES)

/* The kernel sides: the strategies', the twin's, Linux's. */
static const scan_fn SCAN[] = {STRATEGIES(SCAN_OF) scan_plain_twin, scan_linux};
static const ring_fn RESET[] = {STRATEGIES(RESET_OF) reset_plain_twin, reset_linux};
/* The VMM sides: the strategies', the twin's. */
static const ring_fn HARVEST[] = {STRATEGIES(HARVEST_OF) harvest_plain_twin};
static const bell_fn DOORBELL[] = {STRATEGIES(DOORBELL_OF) doorbell_plain_twin};
/* The concurrent workload's roles (workload.h): the strategies', the twin's. */
typedef uint64_t (*vcpu_block_fn)(struct ring *, uint32_t, const uint32_t *, uint32_t *);
typedef uint32_t (*collect_fn)(struct vm *, struct ring **, uint32_t, uint64_t *);
static const vcpu_block_fn VCPU_BLOCK[] = {STRATEGIES(VCPU_BLOCK_OF) vcpu_block_plain_twin};
static const collect_fn COLLECT[] = {STRATEGIES(COLLECT_OF) collect_plain_twin};

/* The strategies this library has kernels for, in id order. */
JNIEXPORT jobjectArray JNICALL Java_org_ringorder_jni_NativeRing_strategyNames(JNIEnv *env, jclass c)
{
	jobjectArray out = (*env)->NewObjectArray(env, NSTRATEGIES, (*env)->FindClass(env, "java/lang/String"), NULL);
	for (jsize i = 0; i < (jsize)NSTRATEGIES; i++)
		(*env)->SetObjectArrayElement(env, out, i, (*env)->NewStringUTF(env, NAMES[i]));
	return out;
}

JNIEXPORT jlong JNICALL Java_org_ringorder_jni_NativeRing_address(JNIEnv *env, jclass c, jobject buffer)
{
	return (jlong)(uintptr_t)(*env)->GetDirectBufferAddress(env, buffer);
}

/* The call alone: what one JNI round trip costs, to set against a ring pass. */
JNIEXPORT jint JNICALL Java_org_ringorder_jni_NativeRing_nop(JNIEnv *env, jclass c, jint x)
{
	return x + 1;
}

JNIEXPORT jlong JNICALL Java_org_ringorder_jni_NativeRing_scan(JNIEnv *env, jclass c, jlong gfns, jint n,
							      jint strategy)
{
	return (jlong)SCAN[strategy]((struct kvm_dirty_gfn *)(uintptr_t)gfns, (uint32_t)n);
}

/* A VM's bitmaps and lock, for `npages` pages; null when it cannot be allocated. */
static struct vm *vm_create(uint64_t npages)
{
	struct vm *vm;
	if (posix_memalign((void **)&vm, 128, sizeof *vm))
		return NULL;
	memset(vm, 0, sizeof *vm);
	vm->write_protected.npages = vm->dirty_log.npages = npages;
	vm->write_protected.words = calloc(npages / 64, 8);
	vm->dirty_log.words = calloc(npages / 64, 8);
	pthread_mutex_init(&vm->mmu_lock, NULL);
	if (!vm->write_protected.words || !vm->dirty_log.words) {
		free(vm->write_protected.words);
		free(vm->dirty_log.words);
		free(vm);
		return NULL;
	}
	return vm;
}

static void vm_destroy(struct vm *vm)
{
	pthread_mutex_destroy(&vm->mmu_lock);
	free(vm->write_protected.words);
	free(vm->dirty_log.words);
	free(vm);
}

JNIEXPORT jlong JNICALL Java_org_ringorder_jni_NativeRing_createVm(JNIEnv *env, jclass c, jlong npages)
{
	return (jlong)(uintptr_t)vm_create((uint64_t)npages);
}

JNIEXPORT void JNICALL Java_org_ringorder_jni_NativeRing_destroyVm(JNIEnv *env, jclass c, jlong p)
{
	vm_destroy((struct vm *)(uintptr_t)p);
}

JNIEXPORT jlong JNICALL Java_org_ringorder_jni_NativeRing_createRing(JNIEnv *env, jclass c, jlong gfns, jint size)
{
	struct ring *r;
	if (posix_memalign((void **)&r, 128, sizeof *r))
		return 0;
	memset(r, 0, sizeof *r);
	r->gfns = (struct kvm_dirty_gfn *)(uintptr_t)gfns;
	r->size = (uint32_t)size;
	return (jlong)(uintptr_t)r;
}

JNIEXPORT void JNICALL Java_org_ringorder_jni_NativeRing_destroyRing(JNIEnv *env, jclass c, jlong p)
{
	free((void *)(uintptr_t)p);
}

JNIEXPORT jint JNICALL Java_org_ringorder_jni_NativeRing_reset(JNIEnv *env, jclass c, jlong vm, jlong ring,
							      jint strategy)
{
	return (jint)RESET[strategy]((struct vm *)(uintptr_t)vm, (struct ring *)(uintptr_t)ring);
}

JNIEXPORT jint JNICALL Java_org_ringorder_jni_NativeRing_harvest(JNIEnv *env, jclass c, jlong vm, jlong ring,
								jint strategy)
{
	return (jint)HARVEST[strategy]((struct vm *)(uintptr_t)vm, (struct ring *)(uintptr_t)ring);
}

JNIEXPORT void JNICALL Java_org_ringorder_jni_NativeRing_doorbell(JNIEnv *env, jclass c, jlong vm, jint marked,
								 jint strategy)
{
	DOORBELL[strategy]((struct vm *)(uintptr_t)vm, (uint32_t)marked);
}

/* The VM's counters: re-protected batches, pages, and harvested pages outside the memslot. */
JNIEXPORT jlong JNICALL Java_org_ringorder_jni_NativeRing_counter(JNIEnv *env, jclass c, jlong p, jint which)
{
	struct vm *vm = (struct vm *)(uintptr_t)p;
	return which == 0 ? (jlong)vm->batches : which == 1 ? (jlong)vm->pages : (jlong)vm->out_of_range;
}

/* Indices, for the Java side's checks and fixtures. */
JNIEXPORT jint JNICALL Java_org_ringorder_jni_NativeRing_index(JNIEnv *env, jclass c, jlong p, jint which)
{
	struct ring *r = (struct ring *)(uintptr_t)p;
	return (jint)(which == 0 ? r->reset_index : r->fetch_index);
}

#include "workload.h"
