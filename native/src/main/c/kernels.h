/*
 * One kernel side's and one VMM side's kernels: the bare scan, kvm_dirty_ring_reset and QEMU's
 * reap_one, written once and included once per strategy by ringorder.c with these macros defined:
 *
 *   NAME(x)             the suffix for function x (the strategy's, or _linux)
 *   TWO_PHASE           1 when the side orders whole batches
 *   AFTER_BATCH_OBSERVE, BEFORE_BATCH_PUBLISH   the batch orderings (empty otherwise)
 *
 * The kernel's side (KernelSide.java), as virt/kvm/dirty_ring.c does each point:
 *   PUBLISH_DIRTY(p)           push: flags = DIRTY, after the slot and offset stores
 *   HARVESTED(p)               reset: load flags, nonzero when RESET, before the payload loads
 *   READ_PAYLOAD(x)            reset: the slot and offset loads
 *   INVALIDATE(p)              reset: flags = 0, after them
 *   PUBLISH_RESET_INDEX(p, v)  reset: the new reset index
 *   RESET_INDEX_EACH_ENTRY     1: stored after each entry (ring->reset_index++); 0: once a pass
 *
 * The VMM's side (UserspaceSide.java), unless KERNEL_SIDE_ONLY is 1 (Linux's has none):
 *   OBSERVE_DIRTY(p)          harvest: load flags, before the payload loads
 *   MARK_RESET(p)             harvest: flags = RESET, after them
 *   RING_DOORBELL(p, v)       harvest: how many entries are marked
 *   OBSERVE_INDEX(p)          push: the vCPU's read of the reset index (the concurrent workload only)
 *
 * The concurrent workload's readers check every payload they read where the ring verifies
 * (CHECK_PAYLOAD, r->verify); the sequential kernels are compiled with the check's flag a constant 0.
 */

/* The bare scan (BareScan.java): the reset's loop and its orderings alone, no coalescing. */
static uint64_t NAME(scan)(struct kvm_dirty_gfn *g, uint32_t n)
{
	uint64_t sum = 0;
#if TWO_PHASE
	for (uint32_t start = 0; start < n;) {
		uint32_t end = start, limit = n < start + 64 ? n : start + 64;
		while (end < limit && HARVESTED(&g[end]))
			end++;
		if (end == start)
			break;
		AFTER_BATCH_OBSERVE;
		for (uint32_t i = start; i < end; i++)
			sum += g[i].offset;
		BEFORE_BATCH_PUBLISH;
		for (uint32_t i = start; i < end; i++)
			INVALIDATE(&g[i]);
		if (end < limit)
			break;
		start = end;
	}
#else
	for (uint32_t i = 0; i < n; i++) {
		if (!HARVESTED(&g[i]))
			break;
		sum += g[i].offset;
		INVALIDATE(&g[i]);
	}
#endif
	return sum;
}

/*
 * kvm_dirty_ring_reset, which reads the ring through its pointer on every entry, as the kernel's
 * does: after each load-acquire the compiler must load r->gfns again.
 */
static inline __attribute__((always_inline)) uint32_t NAME(reset_pass)(struct vm *vm, struct ring *r, const int verify)
{
	uint32_t index = r->reset_index, count = 0, wrap = r->size - 1;
	uint32_t cur_slot = 0;
	uint64_t cur_offset = 0, mask = 0;
#if TWO_PHASE
	while (count < r->size) {
		uint32_t n = 0;
		while (n < 64 && count + n < r->size && HARVESTED(&r->gfns[(index + n) & wrap]))
			n++;
		if (n == 0)
			break;
		AFTER_BATCH_OBSERVE;
		for (uint32_t j = 0; j < n; j++) {
			struct kvm_dirty_gfn *e = &r->gfns[(index + j) & wrap];
			uint32_t slot = READ_PAYLOAD(e->slot);
			uint64_t offset = READ_PAYLOAD(e->offset);
			CHECK_PAYLOAD(verify, r, index + j, slot, offset);
			coalesce_or_flush(vm, &cur_slot, &cur_offset, &mask, slot, offset);
		}
		BEFORE_BATCH_PUBLISH;
		for (uint32_t j = 0; j < n; j++)
			INVALIDATE(&r->gfns[(index + j) & wrap]);
		index += n;
		count += n;
	}
#else
	while (count < r->size) {
		struct kvm_dirty_gfn *e = &r->gfns[index & wrap];
		if (!HARVESTED(e))
			break;
		uint32_t slot = READ_PAYLOAD(e->slot);
		uint64_t offset = READ_PAYLOAD(e->offset);
		CHECK_PAYLOAD(verify, r, index, slot, offset);
		INVALIDATE(e);
		index++;
		count++;
#if RESET_INDEX_EACH_ENTRY
		PUBLISH_RESET_INDEX(&r->reset_index, index);
#endif
		coalesce_or_flush(vm, &cur_slot, &cur_offset, &mask, slot, offset);
	}
#endif
	reset_dirty_gfn(vm, cur_slot, cur_offset, mask);
#if !RESET_INDEX_EACH_ENTRY
	PUBLISH_RESET_INDEX(&r->reset_index, index);
#endif
	return count;
}

/* The reset as the ordering points measure it: verify is a constant 0, so no check is compiled into its loop. */
static uint32_t NAME(reset)(struct vm *vm, struct ring *r)
{
	return NAME(reset_pass)(vm, r, 0);
}

#if TWO_PHASE && RESET_INDEX_EACH_ENTRY
#error "a two-phase reset publishes its index once a pass"
#endif

#if !KERNEL_SIDE_ONLY
/*
 * QEMU's kvm_dirty_ring_reap_one, which reads the ring's entries and size into locals before its
 * loop (an acquire would otherwise make the compiler reload them after every flag load).
 */
static inline __attribute__((always_inline)) uint32_t NAME(harvest_pass)(struct vm *vm, struct ring *r, const int verify)
{
	struct kvm_dirty_gfn *gfns = r->gfns;
	uint32_t size = r->size, fetch = r->fetch_index, count = 0, wrap = size - 1;
#if TWO_PHASE
	while (count < size && OBSERVE_DIRTY(&gfns[(fetch + count) & wrap]) == KVM_DIRTY_GFN_F_DIRTY)
		count++;
	if (count == 0)
		return 0;
	AFTER_BATCH_OBSERVE;
	for (uint32_t j = 0; j < count; j++) {
		struct kvm_dirty_gfn *e = &gfns[(fetch + j) & wrap];
		CHECK_PAYLOAD(verify, r, fetch + j, e->slot, e->offset);
		mark_page(vm, e->slot, e->offset);
	}
	BEFORE_BATCH_PUBLISH;
	for (uint32_t j = 0; j < count; j++)
		MARK_RESET(&gfns[(fetch + j) & wrap]);
#else
	while (count < size) {
		struct kvm_dirty_gfn *e = &gfns[(fetch + count) & wrap];
		if (OBSERVE_DIRTY(e) != KVM_DIRTY_GFN_F_DIRTY)
			break;
		CHECK_PAYLOAD(verify, r, fetch + count, e->slot, e->offset);
		mark_page(vm, e->slot, e->offset);
		MARK_RESET(e);
		count++;
	}
#endif
	r->fetch_index = fetch + count;
	return count;
}

/* The harvest as the ordering points measure it, no check in its loop (verify a constant 0). */
static uint32_t NAME(harvest)(struct vm *vm, struct ring *r)
{
	return NAME(harvest_pass)(vm, r, 0);
}

static void NAME(doorbell)(struct vm *vm, uint32_t marked)
{
	RING_DOORBELL(&vm->doorbell, marked);
}

/*
 * The concurrent workload's two roles (workload.h), each one loop per strategy so that its
 * orderings inline as in the sequential kernels. A vCPU: kvm_dirty_ring_soft_full (the reset index
 * observed before an entry is reused: e6), then kvm_dirty_ring_push (the payload, then flags =
 * DIRTY), `entries` times. Where it finds its ring soft-full it exits to userspace
 * (KVM_EXIT_DIRTY_RING_FULL: one more *exits, released, which the collector waits for) and waits
 * for the reset; after its last push it exits once more, as a vCPU stopped for the migration's
 * final sync. Returns the soft-full exits, or stops waiting once *gave_up is set.
 */
static inline int NAME(soft_full)(struct ring *r)
{
	return r->dirty_index - OBSERVE_INDEX(&r->reset_index) >= r->soft_limit;
}

static WORKLOAD_ALIGNED uint64_t NAME(vcpu_block)(struct ring *r, uint32_t entries, const uint32_t *gave_up, uint32_t *exits)
{
	uint64_t stalls = 0;
	for (uint32_t n = 0; n < entries; n++) {
		if (NAME(soft_full)(r)) {
			stalls++;
			vcpu_exit(exits);
			while (NAME(soft_full)(r)) {
				if (__atomic_load_n(gave_up, __ATOMIC_ACQUIRE)) /* the collector gave up on this block */
					return stalls;
				cpu_relax();
			}
		}
		uint32_t index = r->dirty_index;
		struct kvm_dirty_gfn *e = &r->gfns[index & (r->size - 1)];
		e->slot = 0;
		e->offset = expected_offset(r->pattern, r->id, index);
#if TWO_PHASE
		BEFORE_BATCH_PUBLISH;
#endif
		PUBLISH_DIRTY(e);
		r->dirty_index = index + 1;
	}
	vcpu_exit(exits);
	return stalls;
}

/*
 * The collector: QEMU's kvm_dirty_ring_reap_locked, every ring harvested, the doorbell, then the
 * reset ioctl over every ring, whose count must equal the entries harvested (a short reset is
 * counted in *short_resets). Returns the entries reset.
 */
static WORKLOAD_ALIGNED uint32_t NAME(collect)(struct vm *vm, struct ring **rings, uint32_t n, uint64_t *short_resets)
{
	uint32_t marked = 0, reset = 0;
	for (uint32_t v = 0; v < n; v++)
		marked += rings[v]->verify ? NAME(harvest_pass)(vm, rings[v], 1) : NAME(harvest_pass)(vm, rings[v], 0);
	if (marked == 0)
		return 0;
	vm->marked += marked;
	NAME(doorbell)(vm, vm->marked);
	for (uint32_t v = 0; v < n; v++)
		reset += rings[v]->verify ? NAME(reset_pass)(vm, rings[v], 1) : NAME(reset_pass)(vm, rings[v], 0);
	if (reset != marked)
		(*short_resets)++;
	return reset;
}
#endif

/*
 * Each ordering point alone, for `ringorder asm` and its tests: kept out of line and exported,
 * so objdump shows exactly the instructions this side's orderings compile to. Named after the
 * Java points (ro_point_publish_dirty_linux is LinuxKernel.publishDirty).
 */
#define RO_POINT __attribute__((noinline, used, visibility("default")))

/* push's lone publish: a two-phase side makes it a batch of one. */
RO_POINT void NAME(ro_point_publish_dirty)(struct kvm_dirty_gfn *p)
{
#if TWO_PHASE
	BEFORE_BATCH_PUBLISH;
#endif
	PUBLISH_DIRTY(p);
}

/* A flag load, a flag store, an index store: one exported function each, named after its Java point. */
#define RO_POINT_LOAD(point, access) \
	RO_POINT uint32_t NAME(ro_point_##point)(struct kvm_dirty_gfn *p) { return access(p); }
#define RO_POINT_STORE(point, access) \
	RO_POINT void NAME(ro_point_##point)(struct kvm_dirty_gfn *p) { access(p); }
#define RO_POINT_INDEX(point, access) \
	RO_POINT void NAME(ro_point_##point)(uint32_t *p, uint32_t v) { access(p, v); }

RO_POINT_LOAD(observe_reset, HARVESTED)
RO_POINT_STORE(invalidate, INVALIDATE)
RO_POINT_INDEX(publish_reset_index, PUBLISH_RESET_INDEX)
#if !KERNEL_SIDE_ONLY
RO_POINT_LOAD(observe_dirty, OBSERVE_DIRTY)
RO_POINT_STORE(mark_reset, MARK_RESET)
RO_POINT_INDEX(ring_doorbell, RING_DOORBELL)
#endif

#undef RO_POINT_LOAD
#undef RO_POINT_STORE
#undef RO_POINT_INDEX

RO_POINT void NAME(ro_point_after_batch_observe)(void)
{
	AFTER_BATCH_OBSERVE;
}

RO_POINT void NAME(ro_point_before_batch_publish)(void)
{
	BEFORE_BATCH_PUBLISH;
}

#undef RO_POINT
