/*
 * The riscv64 guest: VS-mode with address translation off (satp bare: guest-physical addresses
 * are used as they are), as the kernel's riscv selftests start theirs before they set up paging.
 * RISC-V has no memory-type attributes in Bare mode to get wrong (arm64's Device memory trap):
 * memory without a memslot behind it is MMIO because KVM finds no memslot, not because of a type.
 *
 * Guest-physical layout:
 *   0        slot 0, the code slot (not logged): code at 0, the trap vector at 0x800 (stvec), the
 *            writes-per-exit word at 0x2000; 64 KiB, a whole number of host pages;
 *   1 GiB    slot 1, the data (logged), up to 2 GiB;
 *   3 GiB    no memslot: a store there is KVM_EXIT_MMIO, the guest's periodic exit (at +0) and its
 *            report of a trap (at +8, scause).
 * The guest writes one word per host page: its page shift comes from the host's page size.
 */
#define GUEST_ARCH "riscv64"
#define CODE_BYTES (64ul << 10)
#define DATA_GPA (1ul << 30)
#define MAX_DATA_BYTES (2ul << 30)
#define VECTOR_GPA 0x800ul
#define BATCH_GPA 0x2000ul
#define MMIO_GPA (3ul << 30)

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the guest's words are stored in the host's byte order");

/*
 * a0 = its share's base, a1 = A, a2 = C, a3 = mask, a4 = writes until the next exit, a5 = page,
 * a6 = sequence number, a7 = page shift, t0 = the MMIO address, t1 = the writes-per-exit word.
 * sequential: A=1, C=1; stride: A=1, C=an odd stride; random: A=1103515245, C=12345.
 * RV64IM, no compressed instructions (riscv64-linux-gnu-as -march=rv64gc, .option norvc).
 */
static const uint32_t GUEST[] = {
	0x011793b3, /* top:  sll   t2, a5, a7     page p's address: base + (p << shift) */
	0x00a383b3, /*       add   t2, t2, a0 */
	0x0103a023, /*       sw    a6, 0(t2)      page p gets the sequence number */
	0x0018081b, /*       addiw a6, a6, 1 */
	0x02b787bb, /*       mulw  a5, a5, a1     p = (p*A + C) & mask */
	0x00c787bb, /*       addw  a5, a5, a2 */
	0x00d7f7b3, /*       and   a5, a5, a3 */
	0xfff7071b, /*       addiw a4, a4, -1 */
	0xfe0710e3, /*       bnez  a4, top */
	0x0102a023, /*       sw    a6, 0(t0)      a periodic exit to the host */
	0x00032703, /*       lw    a4, 0(t1) */
	0xfd5ff06f, /*       j     top */
	0x0000006f, /* spin: j     spin           a vCPU that must hang (no writes, no exits) */
};
#define SPIN_AT (12 * 4)

/* The trap vector (stvec, direct mode): report scause to the host, then stop. */
static const uint32_t VECTOR[] = {
	0x14202e73, /* csrr t3, scause */
	0x01c2a423, /* sw   t3, 8(t0) */
	0x0000006f, /* j    . */
};

#define CORE(name) (KVM_REG_RISCV | KVM_REG_SIZE_U64 | KVM_REG_RISCV_CORE | KVM_REG_RISCV_CORE_REG(name))
#define CSR(name) (KVM_REG_RISCV | KVM_REG_SIZE_U64 | KVM_REG_RISCV_CSR | KVM_REG_RISCV_CSR_REG(name))

static void guest_load(void *code)
{
	memcpy(code, GUEST, sizeof GUEST);
	memcpy((char *)code + VECTOR_GPA, VECTOR, sizeof VECTOR);
}

/* A vCPU starts in S-mode with translation off; it only needs somewhere to trap to. */
static const char *vcpu_setup(struct kvm_vm *v, int i)
{
	return set_reg(v->vcpu[i], CSR(stvec), VECTOR_GPA) ? "KVM_SET_ONE_REG (stvec)" : NULL;
}

static const char *guest_start(struct kvm_vm *v, int i, uint64_t base, uint32_t mask, uint32_t a, uint32_t c,
			       int32_t writes_per_exit)
{
	*(uint32_t *)((char *)v->code + BATCH_GPA) = (uint32_t)writes_per_exit;
	uint64_t regs[][2] = {{CORE(regs.a0), base},
			      {CORE(regs.a1), a},
			      {CORE(regs.a2), c},
			      {CORE(regs.a3), mask},
			      {CORE(regs.a4), (uint32_t)writes_per_exit},
			      {CORE(regs.a5), 0},
			      {CORE(regs.a6), 1},
			      {CORE(regs.a7), (uint64_t)__builtin_ctzl((unsigned long)sysconf(_SC_PAGESIZE))},
			      {CORE(regs.t0), MMIO_GPA},
			      {CORE(regs.t1), BATCH_GPA},
			      {CORE(regs.pc), writes_per_exit < 0 ? SPIN_AT : 0}};
	for (size_t r = 0; r < sizeof regs / sizeof regs[0]; r++)
		if (set_reg(v->vcpu[i], regs[r][0], regs[r][1]))
			return "KVM_SET_ONE_REG (the guest's registers)";
	return NULL;
}

/* The guest's sequence number (a6): its writes so far, plus one. */
static const char *guest_sequence(struct kvm_vm *v, int i, uint64_t *seq)
{
	uint64_t a6;
	if (get_reg(v->vcpu[i], CORE(regs.a6), &a6))
		return "KVM_GET_ONE_REG (a6)";
	*seq = (uint32_t)a6;
	return NULL;
}

/* The periodic exit is a store to MMIO_GPA; one to MMIO_GPA + 8 carries a trap's scause. */
static int guest_exit(struct kvm_vm *v, int i)
{
	return mmio_exit(v, i, MMIO_GPA);
}
