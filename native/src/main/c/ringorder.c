/*
 * ringorder's native backend: the reset-path kernels of every strategy in C11/GCC atomics, on
 * the kernel's 16-byte entry layout in off-heap memory, called through JNI once per ring pass.
 * The strategies mirror the Java classes ordering point by ordering point; kernels.h holds the
 * loops once, included per strategy. The memory (entries) belongs to Java's direct buffers;
 * the VM (reset index, fetch index, bitmaps, mmu_lock) is allocated here.
 */
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

struct ring {
	struct kvm_dirty_gfn *gfns;
	uint32_t size;
	uint32_t reset_index __attribute__((aligned(128)));
	uint32_t fetch_index __attribute__((aligned(128)));
};

struct vm {
	struct bitmap write_protected;
	struct bitmap dirty_log;
	pthread_mutex_t mmu_lock;
	uint64_t batches, pages, out_of_range;
	uint32_t doorbell __attribute__((aligned(128)));
};

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
 * plain: plain C accesses, as the kernel and QEMU had them before 2022; and plain's twin, the
 * same kernels compiled a second time at other addresses: the null pair's second side.
 */
#define NAME(x) x##_plain
#define OBSERVE(p) LOAD_PLAIN(p)
#define PUBLISH(p, v) STORE_PLAIN(p, v)
#define PUBLISH_INDEX(p, v) (*(p) = (v))
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

/* opaque: relaxed atomics (READ_ONCE/WRITE_ONCE). */
#define NAME(x) x##_opaque
#define OBSERVE(p) __atomic_load_n(&(p)->flags, __ATOMIC_RELAXED)
#define PUBLISH(p, v) __atomic_store_n(&(p)->flags, (v), __ATOMIC_RELAXED)
#define PUBLISH_INDEX(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#include "kernels.h"
#undef NAME
#undef OBSERVE
#undef PUBLISH
#undef PUBLISH_INDEX

/* volatile: sequentially consistent atomics. */
#define NAME(x) x##_volatile
#define OBSERVE(p) __atomic_load_n(&(p)->flags, __ATOMIC_SEQ_CST)
#define PUBLISH(p, v) __atomic_store_n(&(p)->flags, (v), __ATOMIC_SEQ_CST)
#define PUBLISH_INDEX(p, v) __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#include "kernels.h"
#undef NAME
#undef OBSERVE
#undef PUBLISH
#undef PUBLISH_INDEX

/* acquire-load: smp_load_acquire / smp_store_release. */
#define NAME(x) x##_acquire_load
#define OBSERVE(p) __atomic_load_n(&(p)->flags, __ATOMIC_ACQUIRE)
#define PUBLISH(p, v) __atomic_store_n(&(p)->flags, (v), __ATOMIC_RELEASE)
#define PUBLISH_INDEX(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#include "kernels.h"
#undef NAME
#undef OBSERVE
#undef PUBLISH
#undef PUBLISH_INDEX

/* full-fence: plain accesses, a full fence after each observe and before each publish (smp_mb). */
#define NAME(x) x##_full_fence
#define OBSERVE(p) ({ uint32_t f_ = *(volatile uint32_t *)&(p)->flags; FENCE; f_; })
#define PUBLISH(p, v) do { FENCE; *(volatile uint32_t *)&(p)->flags = (v); } while (0)
#define PUBLISH_INDEX(p, v) do { FENCE; *(volatile uint32_t *)(p) = (v); } while (0)
#include "kernels.h"
#undef NAME
#undef OBSERVE
#undef PUBLISH
#undef PUBLISH_INDEX
#undef TWO_PHASE
#undef AFTER_BATCH_OBSERVE
#undef BEFORE_BATCH_PUBLISH

/* batched-fence: plain flag accesses in two-phase batches, one fence per phase. */
#define NAME(x) x##_batched_fence
#define OBSERVE(p) (*(volatile uint32_t *)&(p)->flags)
#define PUBLISH(p, v) (*(volatile uint32_t *)&(p)->flags = (v))
#define PUBLISH_INDEX(p, v) do { FENCE; *(volatile uint32_t *)(p) = (v); } while (0)
#define TWO_PHASE 1
#define AFTER_BATCH_OBSERVE FENCE
#define BEFORE_BATCH_PUBLISH FENCE
#include "kernels.h"

/*
 * Strategy ids index these tables. NAMES are the Java flags (NativeRing compares them by name at
 * load time); the entry after the last name is plain's twin, for the null pair.
 */
typedef uint64_t (*scan_fn)(struct kvm_dirty_gfn *, uint32_t);
typedef uint32_t (*ring_fn)(struct vm *, struct ring *);
typedef void (*bell_fn)(struct vm *, uint32_t);

static const char *const NAMES[] = {"plain", "opaque", "volatile", "acquire-load", "full-fence", "batched-fence"};
#define NSTRATEGIES (sizeof NAMES / sizeof *NAMES)

static const scan_fn SCAN[] = {scan_plain, scan_opaque, scan_volatile, scan_acquire_load, scan_full_fence,
			       scan_batched_fence, scan_plain_twin};
static const ring_fn RESET[] = {reset_plain, reset_opaque, reset_volatile, reset_acquire_load, reset_full_fence,
				reset_batched_fence, reset_plain_twin};
static const ring_fn HARVEST[] = {harvest_plain, harvest_opaque, harvest_volatile, harvest_acquire_load,
				  harvest_full_fence, harvest_batched_fence, harvest_plain_twin};
static const bell_fn DOORBELL[] = {doorbell_plain, doorbell_opaque, doorbell_volatile, doorbell_acquire_load,
				   doorbell_full_fence, doorbell_batched_fence, doorbell_plain_twin};
_Static_assert(sizeof SCAN / sizeof *SCAN == NSTRATEGIES + 1, "one kernel per name, and the twin");
_Static_assert(sizeof RESET / sizeof *RESET == NSTRATEGIES + 1, "one kernel per name, and the twin");
_Static_assert(sizeof HARVEST / sizeof *HARVEST == NSTRATEGIES + 1, "one kernel per name, and the twin");
_Static_assert(sizeof DOORBELL / sizeof *DOORBELL == NSTRATEGIES + 1, "one kernel per name, and the twin");

/* The strategy names this library was built with, in id order. */
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

JNIEXPORT jlong JNICALL Java_org_ringorder_jni_NativeRing_createVm(JNIEnv *env, jclass c, jlong npages)
{
	struct vm *vm;
	if (posix_memalign((void **)&vm, 128, sizeof *vm))
		return 0;
	memset(vm, 0, sizeof *vm);
	vm->write_protected.npages = vm->dirty_log.npages = (uint64_t)npages;
	vm->write_protected.words = calloc(npages / 64, 8);
	vm->dirty_log.words = calloc(npages / 64, 8);
	pthread_mutex_init(&vm->mmu_lock, NULL);
	if (!vm->write_protected.words || !vm->dirty_log.words) {
		free(vm->write_protected.words);
		free(vm->dirty_log.words);
		free(vm);
		return 0;
	}
	return (jlong)(uintptr_t)vm;
}

JNIEXPORT void JNICALL Java_org_ringorder_jni_NativeRing_destroyVm(JNIEnv *env, jclass c, jlong p)
{
	struct vm *vm = (struct vm *)(uintptr_t)p;
	pthread_mutex_destroy(&vm->mmu_lock);
	free(vm->write_protected.words);
	free(vm->dirty_log.words);
	free(vm);
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
