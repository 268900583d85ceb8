/*
 * The aarch64 guest: EL1 with its MMU on, over an identity map of Normal write-back memory, as
 * the kernel's selftests run theirs. (With the MMU off its data accesses would be Device memory:
 * on cores without FEAT_S2FWB, Neoverse N1 among them, the host could then read stale page
 * contents. Emulation never shows that; hardware would.)
 *
 * Guest-physical layout, one 1 GiB level-1 block each (4 KiB granule, 39-bit VA, 32-bit PA):
 *   0        slot 0, the code slot (not logged): code at 0, vectors at 0x800, the level-1 table
 *            at 0x1000, the writes-per-exit word at 0x2000; 64 KiB, a whole number of host pages
 *            for 4K, 16K and 64K kernels;
 *   1 GiB    slot 1, the data (logged), up to 2 GiB (two blocks);
 *   3 GiB    Device memory with no memslot behind it: a store there is KVM_EXIT_MMIO, the
 *            guest's periodic exit (at +0) and its report of an exception (at +8, the ESR).
 * The guest writes one word per host page: its page shift comes from the host's page size.
 */
#define GUEST_ARCH "aarch64"
#define CODE_BYTES (64ul << 10)
#define DATA_GPA (1ul << 30)
#define MAX_DATA_BYTES (2ul << 30)
#define VECTORS_GPA 0x800ul
#define TABLE_GPA 0x1000ul
#define BATCH_GPA 0x2000ul
#define MMIO_GPA (3ul << 30)

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the guest's words are stored in the host's byte order");

/*
 * x0 = its share's base, w1 = A, w2 = C, w3 = mask, w4 = writes until the next exit, w5 = page,
 * w6 = sequence number, x7 = page shift, x8 = the MMIO address, x9 = the writes-per-exit word.
 * sequential: A=1, C=1; stride: A=1, C=an odd stride; random: A=1103515245, C=12345.
 */
static const uint32_t GUEST[] = {
	0x9ac720aa, /* top:  lsl  x10, x5, x7      page p's address: base + (p << shift) */
	0x8b00014a, /*       add  x10, x10, x0 */
	0xb9000146, /*       str  w6, [x10]        page p gets the sequence number */
	0x110004c6, /*       add  w6, w6, #1 */
	0x1b0108a5, /*       madd w5, w5, w1, w2   p = (p*A + C) & mask */
	0x0a0300a5, /*       and  w5, w5, w3 */
	0x71000484, /*       subs w4, w4, #1 */
	0x54ffff21, /*       b.ne top */
	0xb9000106, /*       str  w6, [x8]         a periodic exit to the host */
	0xb9400124, /*       ldr  w4, [x9] */
	0x17fffff6, /*       b    top */
	0x14000000, /* spin: b    spin             a vCPU that must hang (no writes, no exits) */
};
#define SPIN_AT (11 * 4)

/* Each of the 16 exception vectors: report ESR_EL1 to the host, then stop. */
static const uint32_t VECTOR[] = {
	0xd538520b, /* mrs x11, esr_el1 */
	0xb900090b, /* str w11, [x8, #8] */
	0x14000000, /* b   . */
};

/* Level-1 block descriptors: AF, inner shareable, AttrIndx 0 (Normal WB) or 1 (Device, never executable). */
#define BLOCK_NORMAL(pa) ((pa) | (1ul << 10) | (3ul << 8) | 1)
#define BLOCK_DEVICE(pa) ((pa) | (1ul << 54) | (1ul << 53) | (1ul << 10) | (1ul << 2) | 1)

#define SYS_SCTLR_EL1 ARM64_SYS_REG(3, 0, 1, 0, 0)
#define SYS_TTBR0_EL1 ARM64_SYS_REG(3, 0, 2, 0, 0)
#define SYS_TCR_EL1 ARM64_SYS_REG(3, 0, 2, 0, 2)
#define SYS_MAIR_EL1 ARM64_SYS_REG(3, 0, 10, 2, 0)
#define SYS_VBAR_EL1 ARM64_SYS_REG(3, 0, 12, 0, 0)
#define CORE(name) (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | KVM_REG_ARM_CORE_REG(name))
#define X(n) CORE(regs.regs[n])

/* SCTLR_EL1: M (MMU), C (data cache), I (instruction cache). */
#define SCTLR_MMU_CACHES ((1ul << 0) | (1ul << 2) | (1ul << 12))
/* TCR_EL1: T0SZ 25 (39-bit VA), walks Normal WB inner shareable, 4 KiB granule, TTBR1 walks off, IPS 32 bits. */
#define TCR_IDENTITY (25ul | (1ul << 8) | (1ul << 10) | (3ul << 12) | (25ul << 16) | (1ul << 23) | (2ul << 30))
/* MAIR_EL1: attr0 Normal write-back read/write-allocate, attr1 Device-nGnRE. */
#define MAIR_NORMAL_DEVICE 0x04fful

static void guest_load(void *code)
{
	memcpy(code, GUEST, sizeof GUEST);
	for (int e = 0; e < 16; e++)
		memcpy((char *)code + VECTORS_GPA + e * 0x80, VECTOR, sizeof VECTOR);
	uint64_t *l1 = (uint64_t *)((char *)code + TABLE_GPA);
	l1[0] = BLOCK_NORMAL(0ul);
	l1[1] = BLOCK_NORMAL(1ul << 30);
	l1[2] = BLOCK_NORMAL(2ul << 30);
	l1[3] = BLOCK_DEVICE(MMIO_GPA);
}

/* The preferred target, then the MMU on over the identity map (KVM_SET_ONE_REG). */
static const char *vcpu_setup(struct kvm_vm *v, int i)
{
	struct kvm_vcpu_init init;
	if (ioctl(v->vm, KVM_ARM_PREFERRED_TARGET, &init))
		return "KVM_ARM_PREFERRED_TARGET";
	if (ioctl(v->vcpu[i], KVM_ARM_VCPU_INIT, &init))
		return "KVM_ARM_VCPU_INIT";
	uint64_t sctlr;
	if (get_reg(v->vcpu[i], SYS_SCTLR_EL1, &sctlr))
		return "KVM_GET_ONE_REG (SCTLR_EL1)";
	if (set_reg(v->vcpu[i], SYS_MAIR_EL1, MAIR_NORMAL_DEVICE) || set_reg(v->vcpu[i], SYS_TCR_EL1, TCR_IDENTITY) ||
	    set_reg(v->vcpu[i], SYS_TTBR0_EL1, TABLE_GPA) || set_reg(v->vcpu[i], SYS_VBAR_EL1, VECTORS_GPA) ||
	    set_reg(v->vcpu[i], SYS_SCTLR_EL1, sctlr | SCTLR_MMU_CACHES))
		return "KVM_SET_ONE_REG (the MMU's registers)";
	return NULL;
}

static const char *guest_start(struct kvm_vm *v, int i, uint64_t base, uint32_t mask, uint32_t a, uint32_t c,
			       int32_t writes_per_exit)
{
	*(uint32_t *)((char *)v->code + BATCH_GPA) = (uint32_t)writes_per_exit;
	uint64_t regs[][2] = {{X(0), base},
			      {X(1), a},
			      {X(2), c},
			      {X(3), mask},
			      {X(4), (uint32_t)writes_per_exit},
			      {X(5), 0},
			      {X(6), 1},
			      {X(7), (uint64_t)__builtin_ctzl((unsigned long)sysconf(_SC_PAGESIZE))},
			      {X(8), MMIO_GPA},
			      {X(9), BATCH_GPA},
			      {CORE(regs.pc), writes_per_exit < 0 ? SPIN_AT : 0}};
	for (size_t r = 0; r < sizeof regs / sizeof regs[0]; r++)
		if (set_reg(v->vcpu[i], regs[r][0], regs[r][1]))
			return "KVM_SET_ONE_REG (the guest's registers)";
	return NULL;
}

/* The guest's sequence number (w6): its writes so far, plus one. */
static const char *guest_sequence(struct kvm_vm *v, int i, uint64_t *seq)
{
	uint64_t x6;
	if (get_reg(v->vcpu[i], X(6), &x6))
		return "KVM_GET_ONE_REG (x6)";
	*seq = (uint32_t)x6;
	return NULL;
}

/* The periodic exit is a store to MMIO_GPA; one to MMIO_GPA + 8 carries an exception's ESR_EL1. */
static int guest_exit(struct kvm_vm *v, int i)
{
	return mmio_exit(v, i, MMIO_GPA);
}
