/*
 * The x86_64 guest: flat 32-bit protected mode, no paging, so it reaches up to 4 GiB of data.
 * Slot 0 = the code page (not logged) at guest-physical 0; slot 1 = the data, logged, at 1 MiB.
 * Pages are 4 KiB on x86: the guest's `shl $12` is the host's page shift.
 */
#define GUEST_ARCH "x86_64"
#define CODE_BYTES 4096ul
#define DATA_GPA (1ul << 20)
#define MAX_DATA_BYTES ((4ul << 30) - DATA_GPA)
#define BATCH_ADDR 0xf00 /* the guest reloads its writes-per-exit count from here */

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

static void guest_load(void *code)
{
	memcpy(code, GUEST, sizeof GUEST);
	memcpy((char *)code + SPIN_AT, SPIN, sizeof SPIN);
}

/* Flat 32-bit segments, protected mode on, paging off. */
static const char *vcpu_setup(struct kvm_vm *v, int i)
{
	struct kvm_sregs s;
	if (ioctl(v->vcpu[i], KVM_GET_SREGS, &s))
		return "KVM_GET_SREGS";
	struct kvm_segment cs = {.base = 0, .limit = 0xffffffff, .selector = 8, .type = 11, .present = 1,
				 .db = 1, .s = 1, .g = 1};
	struct kvm_segment ds = cs;
	ds.type = 3;
	ds.selector = 16;
	s.cs = cs;
	s.ds = s.es = s.fs = s.gs = s.ss = ds;
	s.cr0 |= 1;
	return ioctl(v->vcpu[i], KVM_SET_SREGS, &s) ? "KVM_SET_SREGS" : NULL;
}

static const char *guest_start(struct kvm_vm *v, int i, uint64_t base, uint32_t mask, uint32_t a, uint32_t c,
			       int32_t writes_per_exit)
{
	*(uint32_t *)((char *)v->code + BATCH_ADDR) = (uint32_t)writes_per_exit;
	struct kvm_regs r = {0};
	r.rip = writes_per_exit < 0 ? SPIN_AT : 0;
	r.rflags = 2;
	r.rdi = base;
	r.rbx = a;
	r.rbp = c;
	r.rsi = mask;
	r.rcx = (uint32_t)writes_per_exit;
	r.rdx = 0;
	r.rsp = 1;
	return ioctl(v->vcpu[i], KVM_SET_REGS, &r) ? "KVM_SET_REGS" : NULL;
}

/* The guest's sequence number (esp): its writes so far, plus one. */
static const char *guest_sequence(struct kvm_vm *v, int i, uint64_t *seq)
{
	struct kvm_regs r;
	if (ioctl(v->vcpu[i], KVM_GET_REGS, &r))
		return "KVM_GET_REGS";
	*seq = (uint32_t)r.rsp;
	return NULL;
}

/* The periodic exit is `out`: KVM_EXIT_IO. */
static int guest_exit(struct kvm_vm *v, int i)
{
	return v->run[i]->exit_reason == KVM_EXIT_IO ? GUEST_PERIODIC : -100 - (int)v->run[i]->exit_reason;
}
