/*
 * check/pipeline.c: parse batches of records on worker threads.
 *
 * ldns_rr_new_frm_str() is most of the cost of a check, and records parse
 * independently once the reader has resolved owners, origins and TTLs. The
 * batches form a ring in file order: the calling thread fills the batch at
 * `tail`, workers parse any submitted batch, and the calling thread merges
 * strictly from `head`, so the order of findings never depends on timing.
 * Threads start with the second full batch; small inputs never start any.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/checker.h"

static sz_batch *slot(sz_pipeline *p, uint64_t seq)
{
	return p->batches[seq % SZ_BATCHES];
}

sz_status szi_pipeline_init(sz_pipeline *p, const sz_rules *rules, int threads)
{
	memset(p, 0, sizeof(*p));
	p->rules = rules;
	if (threads < 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 1 ? (int)n : 0;
	}
	p->want_threads = threads > SZ_MAX_THREADS ? SZ_MAX_THREADS : threads;
	for (size_t i = 0; i < SZ_BATCHES; i++) {
		p->batches[i] = calloc(1, sizeof(sz_batch));
		if (p->batches[i] == NULL) {
			szi_pipeline_destroy(p);
			return SZ_ERR_NOMEM;
		}
	}
	return SZ_OK;
}

static bool any_ready(sz_pipeline *p, uint64_t *seq)
{
	for (uint64_t s = p->head; s < p->tail; s++) {
		if (slot(p, s)->state == SZ_B_READY) {
			*seq = s;
			return true;
		}
	}
	return false;
}

static void *worker(void *arg)
{
	sz_pipeline *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		uint64_t seq;
		while (!p->quit && !any_ready(p, &seq))
			pthread_cond_wait(&p->work, &p->mu);
		if (p->quit)
			break;
		sz_batch *b = slot(p, seq);
		b->state = SZ_B_BUSY;
		pthread_mutex_unlock(&p->mu);
		szi_parse_batch(p->rules, b);
		pthread_mutex_lock(&p->mu);
		b->state = SZ_B_DONE;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static sz_status start_threads(sz_pipeline *p)
{
	if (pthread_mutex_init(&p->mu, NULL) != 0)
		return SZ_ERR_NOMEM;
	if (pthread_cond_init(&p->work, NULL) != 0) {
		pthread_mutex_destroy(&p->mu);
		return SZ_ERR_NOMEM;
	}
	if (pthread_cond_init(&p->done, NULL) != 0) {
		pthread_cond_destroy(&p->work);
		pthread_mutex_destroy(&p->mu);
		return SZ_ERR_NOMEM;
	}
	p->sync_ok = true;
	for (int i = 0; i < p->want_threads; i++) {
		if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
			break;
		p->n_threads++;
	}
	/* Without any thread the caller parses: still correct, only slower. */
	return SZ_OK;
}

void szi_pipeline_destroy(sz_pipeline *p)
{
	if (p->sync_ok) {
		pthread_mutex_lock(&p->mu);
		p->quit = true;
		pthread_cond_broadcast(&p->work);
		pthread_mutex_unlock(&p->mu);
		for (int i = 0; i < p->n_threads; i++)
			pthread_join(p->threads[i], NULL);
		pthread_cond_destroy(&p->work);
		pthread_cond_destroy(&p->done);
		pthread_mutex_destroy(&p->mu);
	}
	for (size_t i = 0; i < SZ_BATCHES; i++) {
		sz_batch *b = p->batches[i];
		if (b == NULL)
			continue;
		for (size_t k = 0; k < b->n; k++)
			szi_origin_unref(b->entries[k].origin);
		szi_batch_reset(b);
		free(b->findings);
		sz_buf_free(&b->text);
		sz_buf_free(&b->wire);
		free(b);
	}
	memset(p, 0, sizeof(*p));
}

sz_batch *szi_pipeline_current(sz_pipeline *p)
{
	if (p->tail - p->head >= SZ_BATCHES)
		return NULL;
	return slot(p, p->tail);
}

sz_status szi_pipeline_submit(sz_pipeline *p)
{
	sz_batch *b = slot(p, p->tail);
	bool full = b->n == SZ_BATCH_RECORDS;
	/* Threads pay off from the second full batch on. */
	if (!p->sync_ok && p->want_threads > 0 && full && p->tail > 0) {
		sz_status st = start_threads(p);
		if (st != SZ_OK)
			return st;
	}
	if (p->n_threads == 0) {
		szi_parse_batch(p->rules, b);
		b->state = SZ_B_DONE;
		p->tail++;
		return SZ_OK;
	}
	pthread_mutex_lock(&p->mu);
	b->state = SZ_B_READY;
	p->tail++;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
	return SZ_OK;
}

sz_batch *szi_pipeline_head(sz_pipeline *p, bool wait)
{
	if (p->head == p->tail)
		return NULL;
	sz_batch *b = slot(p, p->head);
	if (p->n_threads == 0)
		return b->state == SZ_B_DONE ? b : NULL;
	pthread_mutex_lock(&p->mu);
	while (wait && b->state != SZ_B_DONE)
		pthread_cond_wait(&p->done, &p->mu);
	bool done = b->state == SZ_B_DONE;
	pthread_mutex_unlock(&p->mu);
	return done ? b : NULL;
}

void szi_pipeline_pop(sz_pipeline *p)
{
	sz_batch *b = slot(p, p->head);
	for (size_t k = 0; k < b->n; k++) {
		szi_origin_unref(b->entries[k].origin);
		b->entries[k].origin = NULL;
	}
	szi_batch_reset(b);
	/* workers read the states and `head` under the mutex */
	if (p->n_threads > 0)
		pthread_mutex_lock(&p->mu);
	b->state = SZ_B_FREE;
	p->head++;
	if (p->n_threads > 0)
		pthread_mutex_unlock(&p->mu);
}
