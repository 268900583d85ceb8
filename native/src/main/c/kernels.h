/*
 * One strategy's kernels: the bare scan, kvm_dirty_ring_reset and QEMU's reap_one, written
 * once and included once per strategy by ringorder.c with these macros defined:
 *
 *   NAME(x)             the strategy's suffix for function x
 *   OBSERVE(p)          load flags at an observe point (harvest: DIRTY, reset: RESET)
 *   PUBLISH(p, v)       store flags at a publish point (mark RESET, invalidate)
 *   PUBLISH_INDEX(p, v) store an index (reset index, doorbell)
 *   TWO_PHASE           1 when the strategy orders whole batches
 *   AFTER_BATCH_OBSERVE, BEFORE_BATCH_PUBLISH   the batch orderings (empty otherwise)
 */

static uint64_t NAME(scan)(struct kvm_dirty_gfn *g, uint32_t n)
{
	uint64_t sum = 0;
#if TWO_PHASE
	for (uint32_t start = 0; start < n;) {
		uint32_t end = start, limit = n < start + 64 ? n : start + 64;
		while (end < limit && (OBSERVE(&g[end]) & KVM_DIRTY_GFN_F_RESET))
			end++;
		if (end == start)
			break;
		AFTER_BATCH_OBSERVE;
		for (uint32_t i = start; i < end; i++)
			sum += g[i].offset;
		BEFORE_BATCH_PUBLISH;
		for (uint32_t i = start; i < end; i++)
			PUBLISH(&g[i], 0);
		if (end < limit)
			break;
		start = end;
	}
#else
	for (uint32_t i = 0; i < n; i++) {
		if (!(OBSERVE(&g[i]) & KVM_DIRTY_GFN_F_RESET))
			break;
		sum += g[i].offset;
		PUBLISH(&g[i], 0);
	}
#endif
	return sum;
}

/*
 * kvm_dirty_ring_reset, which reads the ring through its pointer on every entry, as the kernel's
 * does: after each load-acquire the compiler must load r->gfns again.
 */
static uint32_t NAME(reset)(struct vm *vm, struct ring *r)
{
	uint32_t index = r->reset_index, count = 0, wrap = r->size - 1;
	uint32_t cur_slot = 0;
	uint64_t cur_offset = 0, mask = 0;
#if TWO_PHASE
	while (count < r->size) {
		uint32_t n = 0;
		while (n < 64 && count + n < r->size &&
		       (OBSERVE(&r->gfns[(index + n) & wrap]) & KVM_DIRTY_GFN_F_RESET))
			n++;
		if (n == 0)
			break;
		AFTER_BATCH_OBSERVE;
		for (uint32_t j = 0; j < n; j++) {
			struct kvm_dirty_gfn *e = &r->gfns[(index + j) & wrap];
			coalesce_or_flush(vm, &cur_slot, &cur_offset, &mask, e->slot, e->offset);
		}
		BEFORE_BATCH_PUBLISH;
		for (uint32_t j = 0; j < n; j++)
			PUBLISH(&r->gfns[(index + j) & wrap], 0);
		index += n;
		count += n;
	}
#else
	while (count < r->size) {
		struct kvm_dirty_gfn *e = &r->gfns[index & wrap];
		if (!(OBSERVE(e) & KVM_DIRTY_GFN_F_RESET))
			break;
		uint32_t slot = e->slot;
		uint64_t offset = e->offset;
		PUBLISH(e, 0);
		index++;
		count++;
		coalesce_or_flush(vm, &cur_slot, &cur_offset, &mask, slot, offset);
	}
#endif
	reset_dirty_gfn(vm, cur_slot, cur_offset, mask);
	PUBLISH_INDEX(&r->reset_index, index);
	return count;
}

/*
 * QEMU's kvm_dirty_ring_reap_one, which reads the ring's entries and size into locals before its
 * loop (an acquire would otherwise make the compiler reload them after every flag load).
 */
static uint32_t NAME(harvest)(struct vm *vm, struct ring *r)
{
	struct kvm_dirty_gfn *gfns = r->gfns;
	uint32_t size = r->size, fetch = r->fetch_index, count = 0, wrap = size - 1;
#if TWO_PHASE
	while (count < size && OBSERVE(&gfns[(fetch + count) & wrap]) == KVM_DIRTY_GFN_F_DIRTY)
		count++;
	if (count == 0)
		return 0;
	AFTER_BATCH_OBSERVE;
	for (uint32_t j = 0; j < count; j++) {
		struct kvm_dirty_gfn *e = &gfns[(fetch + j) & wrap];
		mark_page(vm, e->slot, e->offset);
	}
	BEFORE_BATCH_PUBLISH;
	for (uint32_t j = 0; j < count; j++)
		PUBLISH(&gfns[(fetch + j) & wrap], KVM_DIRTY_GFN_F_RESET);
#else
	while (count < size) {
		struct kvm_dirty_gfn *e = &gfns[(fetch + count) & wrap];
		if (OBSERVE(e) != KVM_DIRTY_GFN_F_DIRTY)
			break;
		mark_page(vm, e->slot, e->offset);
		PUBLISH(e, KVM_DIRTY_GFN_F_RESET);
		count++;
	}
#endif
	r->fetch_index = fetch + count;
	return count;
}

static void NAME(doorbell)(struct vm *vm, uint32_t marked)
{
	PUBLISH_INDEX(&vm->doorbell, marked);
}

/*
 * Each ordering point alone, for `ringorder asm`: kept out of line and exported, so objdump shows
 * exactly the instructions this strategy's orderings compile to.
 */
__attribute__((noinline, used, visibility("default"))) uint32_t NAME(ro_point_observe)(struct kvm_dirty_gfn *p)
{
	return OBSERVE(p);
}

__attribute__((noinline, used, visibility("default"))) void NAME(ro_point_publish)(struct kvm_dirty_gfn *p, uint32_t v)
{
	PUBLISH(p, v);
}

/* A lone publish (push's DIRTY): a two-phase strategy makes it a batch of one. */
__attribute__((noinline, used, visibility("default"))) void NAME(ro_point_publish_lone)(struct kvm_dirty_gfn *p, uint32_t v)
{
#if TWO_PHASE
	BEFORE_BATCH_PUBLISH;
#endif
	PUBLISH(p, v);
}

__attribute__((noinline, used, visibility("default"))) void NAME(ro_point_publish_index)(uint32_t *p, uint32_t v)
{
	PUBLISH_INDEX(p, v);
}

__attribute__((noinline, used, visibility("default"))) void NAME(ro_point_after_batch_observe)(void)
{
	AFTER_BATCH_OBSERVE;
}

__attribute__((noinline, used, visibility("default"))) void NAME(ro_point_before_batch_publish)(void)
{
	BEFORE_BATCH_PUBLISH;
}
