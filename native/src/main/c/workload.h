/*
 * The concurrent workload, paired (ConcurrentPairedBench's native backend): two sides, each
 * `copies` VMs of `vcpus` rings under one strategy's kernels (vcpu_block, collect), a block on one
 * copy at a time (rotating: where each copy's memory lands is averaged within the run). vCPU
 * threads of the workload's own (pthreads, each pinned to a CPU of its own) push into their rings;
 * whenever one exits (its ring soft-full, or its pushes done), the calling thread, the collector,
 * harvests every ring and resets them, as the kernel's dirty_log_test drives KVM_EXIT_DIRTY_RING_FULL
 * (QEMU reaps there too, on the vCPU's own thread), while the other vCPUs go on pushing.
 *
 * A block: every vCPU pushes `entries`; the collector recycles them all (harvest, reset) and the
 * block's time runs from its start signal to the last reset. The sides take turns, one block at a
 * time on the same threads, never at once. Between JMH iterations the vCPU threads sleep
 * (workload_park) instead of spinning beside the JIT and JMH.
 */
#include <errno.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

struct side {
	struct vm *vm;
	struct ring **rings;
	struct kvm_dirty_gfn **gfns;
	uint32_t strategy;
	uint64_t short_resets;
	uint64_t recycled;
	uint64_t reaps; /* reaps that reset entries (harvest and reset over every ring): recycled / reaps is the mean batch */
};

struct vcpu {
	pthread_t thread;
	struct workload *w;
	uint32_t index;
	int cpu;
	int started;
	int pin_error; /* sched_setaffinity's errno, reported before the thread's first block (ready) */
	uint32_t ready;
	/* the last block this vCPU finished, its exits to userspace, and the ring-full waits of each side: the vCPU's alone */
	uint32_t done __attribute__((aligned(128)));
	uint32_t exits;
	uint64_t stalls[2];
} __attribute__((aligned(128)));

struct workload {
	struct side *side; /* side s's copy k is side[s * copies + k] */
	uint32_t copies;
	uint32_t vcpus;
	struct vcpu *threads;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	/* the collector's commands: the side (0 or 1), its copy and the entries of block `go`, then go (release) */
	uint32_t which, copy, entries;
	uint32_t go __attribute__((aligned(128)));
	uint32_t parked;
	uint32_t quit;
	uint32_t gave_up; /* a block ran past its limit: every vCPU stops waiting for room */
};

static uint64_t now_nanos(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

/* The calling thread onto one CPU; 0, or the errno of sched_setaffinity. */
static int pin_to(int cpu)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof set, &set) ? errno : 0;
}

static void *vcpu_main(void *arg)
{
	struct vcpu *t = arg;
	struct workload *w = t->w;
	uint32_t seen = 0;
	t->pin_error = t->cpu >= 0 ? pin_to(t->cpu) : 0;
	__atomic_store_n(&t->ready, 1, __ATOMIC_RELEASE);
	for (;;) {
		uint32_t go;
		while ((go = __atomic_load_n(&w->go, __ATOMIC_ACQUIRE)) == seen) {
			if (__atomic_load_n(&w->parked, __ATOMIC_ACQUIRE) || __atomic_load_n(&w->quit, __ATOMIC_ACQUIRE)) {
				pthread_mutex_lock(&w->lock);
				while (w->parked && !w->quit && __atomic_load_n(&w->go, __ATOMIC_ACQUIRE) == seen)
					pthread_cond_wait(&w->wake, &w->lock);
				pthread_mutex_unlock(&w->lock);
				if (__atomic_load_n(&w->quit, __ATOMIC_ACQUIRE))
					return NULL;
			}
			cpu_relax();
		}
		seen = go;
		struct side *s = &w->side[w->which * w->copies + w->copy];
		__atomic_fetch_add(&t->stalls[w->which],
				   VCPU_BLOCK[s->strategy](s->rings[t->index], w->entries, &w->gave_up, &t->exits), __ATOMIC_RELAXED);
		__atomic_store_n(&t->done, go, __ATOMIC_RELEASE);
	}
}

static void side_free(struct side *s, uint32_t vcpus)
{
	for (uint32_t v = 0; s->rings && v < vcpus; v++) {
		free(s->rings[v]);
		if (s->gfns)
			free(s->gfns[v]);
	}
	free(s->rings);
	free(s->gfns);
	if (s->vm)
		vm_destroy(s->vm);
}

static int side_init(struct side *s, uint32_t strategy, uint32_t vcpus, uint32_t size, uint32_t reserve, uint32_t pattern,
		     uint32_t verify)
{
	memset(s, 0, sizeof *s);
	s->strategy = strategy;
	s->vm = vm_create(NPAGES);
	s->rings = calloc(vcpus, sizeof *s->rings);
	s->gfns = calloc(vcpus, sizeof *s->gfns);
	if (!s->vm || !s->rings || !s->gfns)
		return -1;
	for (uint32_t v = 0; v < vcpus; v++) {
		if (posix_memalign((void **)&s->gfns[v], 4096, (size_t)size * sizeof(struct kvm_dirty_gfn)) ||
		    posix_memalign((void **)&s->rings[v], 128, sizeof(struct ring)))
			return -1;
		memset(s->gfns[v], 0, (size_t)size * sizeof(struct kvm_dirty_gfn));
		memset(s->rings[v], 0, sizeof(struct ring));
		struct ring *r = s->rings[v];
		r->gfns = s->gfns[v];
		r->size = size;
		r->soft_limit = size - reserve;
		r->id = v;
		r->pattern = pattern;
		r->verify = verify;
	}
	return 0;
}

static void workload_free(struct workload *w)
{
	if (w->threads) {
		pthread_mutex_lock(&w->lock);
		__atomic_store_n(&w->gave_up, 1, __ATOMIC_RELEASE);
		__atomic_store_n(&w->quit, 1, __ATOMIC_RELEASE);
		pthread_cond_broadcast(&w->wake);
		pthread_mutex_unlock(&w->lock);
		for (uint32_t v = 0; v < w->vcpus; v++)
			if (w->threads[v].started)
				pthread_join(w->threads[v].thread, NULL);
		free(w->threads);
	}
	for (uint32_t k = 0; w->side && k < 2 * w->copies; k++)
		side_free(&w->side[k], w->vcpus);
	free(w->side);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
	free(w);
}

/*
 * Two sides' VMs, `copies` each (kernels `reference` and `test`; `verify` bit 0: the reference's
 * readers check every payload, bit 1: the test's; copy k's test side allocated first where
 * `test_first` has bit k), and a vCPU thread per ring, thread v pinned to cpus[v] (no pinning where
 * cpus is null). The threads start parked. Returns 0 when it cannot.
 */
JNIEXPORT jlong JNICALL Java_org_ringorder_jni_NativeRing_workloadCreate(JNIEnv *env, jclass c, jint reference, jint test,
									jint copies, jlong test_first, jint vcpus, jint size,
									jint reserve, jint pattern, jint verify, jintArray cpus)
{
	struct workload *w;
	if (posix_memalign((void **)&w, 128, sizeof *w))
		return 0;
	memset(w, 0, sizeof *w);
	w->vcpus = (uint32_t)vcpus;
	w->copies = (uint32_t)copies;
	w->parked = 1;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	w->side = calloc(2 * w->copies, sizeof *w->side);
	if (!w->side) {
		workload_free(w);
		return 0;
	}
	/* copy by copy, its two sides in the order drawn (where each one's memory lands must not favour one side) */
	for (uint32_t k = 0; k < 2 * w->copies; k++) {
		uint32_t copy = k >> 1, s = (k & 1) ^ (uint32_t)((uint64_t)test_first >> copy & 1);
		if (side_init(&w->side[s * w->copies + copy], s ? (uint32_t)test : (uint32_t)reference, w->vcpus, (uint32_t)size,
			      (uint32_t)reserve, (uint32_t)pattern, (verify >> s) & 1)) {
			workload_free(w);
			return 0;
		}
	}
	if (posix_memalign((void **)&w->threads, 128, w->vcpus * sizeof *w->threads)) {
		workload_free(w);
		return 0;
	}
	memset(w->threads, 0, w->vcpus * sizeof *w->threads);
	jint *cpu = cpus ? (*env)->GetIntArrayElements(env, cpus, NULL) : NULL;
	if (cpus && !cpu) {
		workload_free(w);
		return 0;
	}
	for (uint32_t v = 0; v < w->vcpus; v++) {
		struct vcpu *t = &w->threads[v];
		t->w = w;
		t->index = v;
		t->cpu = cpu ? cpu[v] : -1;
		t->started = pthread_create(&t->thread, NULL, vcpu_main, t) == 0;
		if (!t->started) {
			if (cpu)
				(*env)->ReleaseIntArrayElements(env, cpus, cpu, JNI_ABORT);
			workload_free(w);
			return 0;
		}
	}
	if (cpu)
		(*env)->ReleaseIntArrayElements(env, cpus, cpu, JNI_ABORT);
	for (uint32_t v = 0; v < w->vcpus; v++)
		while (!__atomic_load_n(&w->threads[v].ready, __ATOMIC_ACQUIRE))
			sched_yield();
	return (jlong)(uintptr_t)w;
}

/* The first vCPU thread's error in pinning itself (sched_setaffinity's errno), 0 when all are pinned or none asked. */
JNIEXPORT jint JNICALL Java_org_ringorder_jni_NativeRing_workloadPinError(JNIEnv *env, jclass c, jlong p)
{
	struct workload *w = (struct workload *)(uintptr_t)p;
	for (uint32_t v = 0; v < w->vcpus; v++)
		if (w->threads[v].pin_error)
			return w->threads[v].pin_error;
	return 0;
}

JNIEXPORT void JNICALL Java_org_ringorder_jni_NativeRing_workloadDestroy(JNIEnv *env, jclass c, jlong p)
{
	workload_free((struct workload *)(uintptr_t)p);
}

/* The vCPU threads asleep (between JMH iterations) or spinning, ready for the next block. */
JNIEXPORT void JNICALL Java_org_ringorder_jni_NativeRing_workloadPark(JNIEnv *env, jclass c, jlong p, jboolean park)
{
	struct workload *w = (struct workload *)(uintptr_t)p;
	pthread_mutex_lock(&w->lock);
	__atomic_store_n(&w->parked, park ? 1u : 0u, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&w->wake);
	pthread_mutex_unlock(&w->lock);
}

/* Waits until a vCPU has exited since `seen` (then brought up to date): 0, or -1 once past `deadline`. */
static int wait_for_exit(struct workload *w, uint32_t *seen, uint64_t deadline)
{
	for (uint32_t polls = 0;; polls++) {
		int exited = 0;
		for (uint32_t v = 0; v < w->vcpus; v++) {
			uint32_t e = __atomic_load_n(&w->threads[v].exits, __ATOMIC_ACQUIRE);
			exited |= e != seen[v];
			seen[v] = e;
		}
		if (exited)
			return 0;
		if ((polls & 1023) == 0 && now_nanos() > deadline)
			return -1;
		cpu_relax();
	}
}

/*
 * One block of side `which` (0 the reference, 1 the test) on its copy `copy`: every vCPU pushes
 * `entries`; at each exit the calling thread collects, until all of them are reset. Returns the
 * block's nanoseconds, or -1 when it has not finished within `limit_nanos` (a lost entry would
 * otherwise hang the benchmark).
 */
JNIEXPORT jlong JNICALL Java_org_ringorder_jni_NativeRing_workloadBlock(JNIEnv *env, jclass c, jlong p, jint which, jint copy,
								       jint entries, jlong limit_nanos)
{
	struct workload *w = (struct workload *)(uintptr_t)p;
	struct side *s = &w->side[(uint32_t)which * w->copies + (uint32_t)copy];
	collect_fn collect = COLLECT[s->strategy];
	uint64_t want = (uint64_t)entries * w->vcpus, recycled = 0;
	uint32_t seen[w->vcpus];
	for (uint32_t v = 0; v < w->vcpus; v++)
		seen[v] = __atomic_load_n(&w->threads[v].exits, __ATOMIC_RELAXED); /* no vCPU runs between blocks */
	w->which = (uint32_t)which;
	w->copy = (uint32_t)copy;
	w->entries = (uint32_t)entries;
	uint32_t go = w->go + 1;
	uint64_t start = now_nanos();
	__atomic_store_n(&w->go, go, __ATOMIC_RELEASE);
	while (recycled < want) {
		if (wait_for_exit(w, seen, start + (uint64_t)limit_nanos)) {
			__atomic_store_n(&w->gave_up, 1, __ATOMIC_RELEASE);
			return -1;
		}
		uint32_t n = collect(s->vm, s->rings, w->vcpus, &s->short_resets);
		recycled += n;
		s->reaps += n != 0; /* with several vCPUs an exit's entries may have gone in the reap before */
	}
	uint64_t end = now_nanos();
	s->recycled += recycled;
	for (uint32_t v = 0; v < w->vcpus; v++)
		while (__atomic_load_n(&w->threads[v].done, __ATOMIC_ACQUIRE) != go)
			cpu_relax();
	return (jlong)(end - start);
}

/* A side's counters over its copies: 0 stale payloads, 1 short resets, 2 ring-full waits, 3 entries recycled, 4 reaps. */
JNIEXPORT jlong JNICALL Java_org_ringorder_jni_NativeRing_workloadCounter(JNIEnv *env, jclass c, jlong p, jint which,
									 jint counter)
{
	struct workload *w = (struct workload *)(uintptr_t)p;
	uint64_t n = 0;
	if (counter == 2) {
		for (uint32_t v = 0; v < w->vcpus; v++)
			n += __atomic_load_n(&w->threads[v].stalls[which], __ATOMIC_RELAXED);
		return (jlong)n;
	}
	for (uint32_t k = 0; k < w->copies; k++) {
		struct side *s = &w->side[(uint32_t)which * w->copies + k];
		for (uint32_t v = 0; counter == 0 && v < w->vcpus; v++)
			n += s->rings[v]->stale;
		n += counter == 1 ? s->short_resets : counter == 3 ? s->recycled : counter == 4 ? s->reaps : 0;
	}
	return (jlong)n;
}

/* The calling thread pinned to `cpu`: 0, or sched_setaffinity's errno. */
JNIEXPORT jint JNICALL Java_org_ringorder_jni_NativeRing_pinThread(JNIEnv *env, jclass c, jint cpu)
{
	return pin_to(cpu);
}

/* The CPUs this process may run on (its main thread's sched_getaffinity), in order; null when it cannot say. */
JNIEXPORT jintArray JNICALL Java_org_ringorder_jni_NativeRing_allowedCpus(JNIEnv *env, jclass c)
{
	cpu_set_t set;
	if (sched_getaffinity(getpid(), sizeof set, &set))
		return NULL;
	jint cpus[CPU_SETSIZE];
	jsize n = 0;
	for (int i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &set))
			cpus[n++] = i;
	jintArray out = (*env)->NewIntArray(env, n);
	if (out)
		(*env)->SetIntArrayRegion(env, out, 0, n, cpus);
	return out;
}
