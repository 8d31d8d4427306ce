/*
 * live/exchange.c: sockets, poll() and one deadline per attempt.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "live/exchange.h"
#include "live/reply.h"

#define MAX_MESSAGE 65535

typedef struct deadline {
	struct timespec end;
} deadline;

static void deadline_start(deadline *d, unsigned ms)
{
	clock_gettime(CLOCK_MONOTONIC, &d->end);
	d->end.tv_sec += (time_t)(ms / 1000);
	d->end.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (d->end.tv_nsec >= 1000000000L) {
		d->end.tv_sec++;
		d->end.tv_nsec -= 1000000000L;
	}
}

/* Milliseconds left, rounded up; 0 when the deadline has passed. */
static int deadline_left(const deadline *d)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long ns = (long long)(d->end.tv_sec - now.tv_sec) * 1000000000LL + (d->end.tv_nsec - now.tv_nsec);
	if (ns <= 0)
		return 0;
	long long ms = (ns + 999999LL) / 1000000LL;
	return ms > 0x7fffffffLL ? 0x7fffffff : (int)ms;
}

/* Wait for `events` on fd until the deadline: 1 ready, 0 timed out, -1 error. */
static int wait_fd(int fd, short events, const deadline *d)
{
	for (;;) {
		int left = deadline_left(d);
		if (left == 0)
			return 0;
		struct pollfd p = { .fd = fd, .events = events };
		int rc = poll(&p, 1, left);
		if (rc > 0)
			return 1;
		if (rc < 0 && errno != EINTR)
			return -1;
	}
}

uint16_t szi_live_random_id(void)
{
	uint16_t id;
	if (getrandom(&id, sizeof(id), 0) == (ssize_t)sizeof(id))
		return id;
	return ldns_get_random();
}

static void set_why(szi_live_exchange *x, const char *fmt, const char *arg)
{
	snprintf(x->why, sizeof(x->why), fmt, arg);
}

static void discard(szi_live_exchange *x, const char *reason)
{
	x->discarded++;
	snprintf(x->why, sizeof(x->why), "%u message%s discarded that %s not the reply (last: %s)",
		 x->discarded, x->discarded == 1 ? "" : "s", x->discarded == 1 ? "was" : "were", reason);
}

static bool same_peer(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return false;
	if (a->ss_family == AF_INET) {
		const struct sockaddr_in *x = (const void *)a, *y = (const void *)b;
		return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
	}
	if (a->ss_family == AF_INET6) {
		const struct sockaddr_in6 *x = (const void *)a, *y = (const void *)b;
		return x->sin6_port == y->sin6_port &&
		       memcmp(&x->sin6_addr, &y->sin6_addr, sizeof(x->sin6_addr)) == 0;
	}
	return false;
}

/*
 * The reply, or a reason to discard `wire`: it must match the query and,
 * for a signed query, it is verified (the verdict is kept; send.c judges).
 */
static ldns_pkt *accept_reply(szi_live_exchange *x, const ldns_pkt *query, const uint8_t *wire, size_t len)
{
	ldns_pkt *p = NULL;
	const char *why = szi_live_reply_match(query, wire, len, &p);
	if (why != NULL) {
		discard(x, why);
		return NULL;
	}
	if (x->key_name != NULL)
		x->tsig_ok = szi_live_tsig_verify(p, wire, len, x->key_name, x->key_secret, x->query_mac);
	return p;
}

/* ---- TCP ---- */

/* Read exactly n octets: 1 done, 0 timed out, -1 closed or failed (why set). */
static int read_full(szi_live_exchange *x, int fd, uint8_t *buf, size_t n, const deadline *d,
		     bool mid_message)
{
	size_t got = 0;
	while (got < n) {
		int w = wait_fd(fd, POLLIN, d);
		if (w == 0)
			return 0;
		if (w < 0) {
			set_why(x, "%s", strerror(errno));
			return -1;
		}
		ssize_t r = recv(fd, buf + got, n - got, 0);
		if (r > 0) {
			got += (size_t)r;
			continue;
		}
		if (r < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
			continue;
		if (r == 0)
			set_why(x, "%s", got > 0 || mid_message
					 ? "the server closed the TCP connection in the middle of its answer"
					 : "the server closed the TCP connection without answering");
		else
			set_why(x, "%s", strerror(errno));
		return -1;
	}
	return 1;
}

static int write_full(szi_live_exchange *x, int fd, const uint8_t *buf, size_t n, const deadline *d)
{
	size_t done = 0;
	while (done < n) {
		int w = wait_fd(fd, POLLOUT, d);
		if (w <= 0) {
			if (w < 0)
				set_why(x, "%s", strerror(errno));
			return w;
		}
		ssize_t r = send(fd, buf + done, n - done, MSG_NOSIGNAL);
		if (r > 0)
			done += (size_t)r;
		else if (r < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
			set_why(x, "%s", strerror(errno));
			return -1;
		}
	}
	return 1;
}

static int tcp_connect(szi_live_exchange *x, const deadline *d)
{
	int fd = socket(x->addr->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		set_why(x, "%s", strerror(errno));
		return -1;
	}
	if (connect(fd, (const struct sockaddr *)x->addr, x->addr_len) == 0)
		return fd;
	if (errno != EINPROGRESS) {
		set_why(x, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	int w = wait_fd(fd, POLLOUT, d), e = 0;
	socklen_t el = sizeof(e);
	if (w > 0 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &el) == 0 && e == 0)
		return fd;
	if (w == 0)
		set_why(x, "%s", "timed out connecting over TCP");
	else
		set_why(x, "%s", strerror(e != 0 ? e : errno));
	close(fd);
	return -1;
}

static sz_status over_tcp(szi_live_exchange *x, const ldns_pkt *query, const uint8_t *qwire, size_t qlen,
			  const deadline *d, ldns_pkt **reply)
{
	int fd = tcp_connect(x, d);
	if (fd < 0)
		return SZ_ERR_NETWORK;
	uint8_t *buf = malloc(2 + (qlen > MAX_MESSAGE ? qlen : MAX_MESSAGE));
	if (buf == NULL) {
		close(fd);
		return SZ_ERR_NOMEM;
	}
	sz_status s = SZ_ERR_NETWORK;
	buf[0] = (uint8_t)(qlen >> 8);
	buf[1] = (uint8_t)qlen;
	memcpy(buf + 2, qwire, qlen);
	int w = write_full(x, fd, buf, qlen + 2, d);
	if (w > 0)
		x->sent = true;
	else if (w == 0)
		set_why(x, "%s", "timed out sending over TCP");
	/* one message after another on the connection, until the reply */
	while (w > 0) {
		uint8_t lb[2];
		if ((w = read_full(x, fd, lb, 2, d, false)) <= 0)
			break;
		size_t n = (size_t)lb[0] << 8 | lb[1];
		if ((w = read_full(x, fd, buf, n, d, true)) <= 0)
			break;
		ldns_pkt *p = accept_reply(x, query, buf, n);
		if (p == NULL)
			continue;
		if (ldns_pkt_tc(p)) {
			ldns_pkt_free(p);
			set_why(x, "%s", "the answer over TCP is truncated (TC bit set), so no complete answer exists");
			s = SZ_ERR_DNS;
			break;
		}
		*reply = p;
		s = SZ_OK;
		break;
	}
	if (w == 0 && x->discarded == 0)
		set_why(x, "%s", "timed out (the deadline covers every TCP read)");
	free(buf);
	close(fd);
	return s;
}

/* ---- UDP ---- */

typedef enum { UDP_REPLY, UDP_TRUNCATED, UDP_NONE, UDP_WAIT } udp_result;

/* A UDP socket connected to the server, with the query sent: the fd, or -1
 * (x->why set). */
static int udp_send(szi_live_exchange *x, const uint8_t *qwire, size_t qlen)
{
	int fd = socket(x->addr->ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		set_why(x, "%s", strerror(errno));
		return -1;
	}
	/* connected: the kernel passes only datagrams from the server's address
	 * and port, and reports an ICMP refusal; recvfrom() checks again */
	if (connect(fd, (const struct sockaddr *)x->addr, x->addr_len) != 0 ||
	    send(fd, qwire, qlen, 0) != (ssize_t)qlen) {
		set_why(x, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	x->sent = true;
	return fd;
}

/* Read what is waiting on fd: the reply, a truncated reply, a failure
 * (UDP_NONE, x->why) or nothing yet (UDP_WAIT: every datagram read was
 * discarded). */
static udp_result udp_receive(szi_live_exchange *x, const ldns_pkt *query, int fd, ldns_pkt **reply,
			      uint8_t *buf)
{
	for (;;) {
		struct sockaddr_storage from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(fd, buf, MAX_MESSAGE, 0, (struct sockaddr *)&from, &fl);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return UDP_WAIT;
			set_why(x, "%s", strerror(errno));
			return UDP_NONE;
		}
		if (!same_peer(&from, x->addr)) {
			discard(x, "from another address or port");
			continue;
		}
		ldns_pkt *p = accept_reply(x, query, buf, (size_t)n);
		if (p == NULL)
			continue;
		if (ldns_pkt_tc(p)) {
			ldns_pkt_free(p);
			return UDP_TRUNCATED;
		}
		*reply = p;
		return UDP_REPLY;
	}
}

static udp_result over_udp(szi_live_exchange *x, const ldns_pkt *query, const uint8_t *qwire, size_t qlen,
			   const deadline *d, ldns_pkt **reply, uint8_t *buf)
{
	int fd = udp_send(x, qwire, qlen);
	if (fd < 0)
		return UDP_NONE;
	udp_result r = UDP_NONE;
	for (;;) {
		int w = wait_fd(fd, POLLIN, d);
		if (w <= 0) {
			if (w < 0)
				set_why(x, "%s", strerror(errno));
			else if (x->discarded == 0)
				set_why(x, "%s", "timed out");
			break;
		}
		r = udp_receive(x, query, fd, reply, buf);
		if (r != UDP_WAIT)
			break;
		r = UDP_NONE;
	}
	close(fd);
	return r;
}

/* An attempt starts: the outcome of the last one cleared. */
static void exchange_reset(szi_live_exchange *x)
{
	x->sent = false;
	x->tsig_ok = false;
	x->discarded = 0;
	x->why[0] = '\0';
}

/* A new exchange: its outcome cleared, the query in wire form (owned by
 * the caller). */
static sz_status exchange_begin(szi_live_exchange *x, const ldns_pkt *query, uint8_t **qwire,
				size_t *qlen)
{
	exchange_reset(x);
	*qwire = NULL;
	return ldns_pkt2wire(qwire, query, qlen) == LDNS_STATUS_OK && *qwire != NULL ? SZ_OK
										       : SZ_ERR_NOMEM;
}

sz_status szi_live_exchange_run(szi_live_exchange *x, const ldns_pkt *query, ldns_pkt **reply)
{
	deadline d;
	deadline_start(&d, x->timeout_ms);
	*reply = NULL;
	uint8_t *qwire = NULL;
	size_t qlen = 0;
	if (exchange_begin(x, query, &qwire, &qlen) != SZ_OK)
		return SZ_ERR_NOMEM;
	sz_status s = SZ_ERR_NETWORK;
	if (x->tcp_only) {
		s = over_tcp(x, query, qwire, qlen, &d, reply);
	} else {
		uint8_t *buf = malloc(MAX_MESSAGE);
		if (buf == NULL) {
			free(qwire);
			return SZ_ERR_NOMEM;
		}
		udp_result r = over_udp(x, query, qwire, qlen, &d, reply, buf);
		free(buf);
		if (r == UDP_REPLY)
			s = SZ_OK;
		else if (r == UDP_TRUNCATED) {
			x->discarded = 0;
			s = over_tcp(x, query, qwire, qlen, &d, reply);
		}
	}
	free(qwire);
	return s;
}

/* ---- a window of UDP exchanges ---- */

/* Send job's query: true when it is out and waiting, false when the
 * attempt already ended (job->status, job->x.why). */
static bool job_start(szi_live_job *j)
{
	deadline d;
	deadline_start(&d, j->x.timeout_ms);
	j->end = d.end;
	j->reply = NULL;
	j->fd = -1;
	exchange_reset(&j->x);
	j->status = SZ_ERR_NETWORK;
	if (j->qwire == NULL && (ldns_pkt2wire(&j->qwire, j->query, &j->qlen) != LDNS_STATUS_OK || j->qwire == NULL)) {
		free(j->qwire);
		j->qwire = NULL;
		j->status = SZ_ERR_NOMEM;
		return false;
	}
	j->fd = udp_send(&j->x, j->qwire, j->qlen);
	return j->fd >= 0;
}

static void job_end(szi_live_job *j)
{
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
}

/* Start j, again as long as its attempts end at once and the caller wants
 * another: true when it is out. */
static bool job_launch(const szi_live_window *w, szi_live_job *j)
{
	for (;;) {
		if (job_start(j))
			return true;
		job_end(j);
		if (!w->done(w->ctx, j)) {
			free(j->qwire);
			j->qwire = NULL;
			return false;
		}
	}
}

/* What arrived for j, or its deadline: true when its attempt ended. */
static bool job_step(szi_live_job *j, bool readable, uint8_t *buf)
{
	deadline d = { j->end };
	if (readable) {
		udp_result r = udp_receive(&j->x, j->query, j->fd, &j->reply, buf);
		if (r == UDP_REPLY) {
			j->status = SZ_OK;
			return true;
		}
		if (r == UDP_NONE)
			return true;
		if (r == UDP_TRUNCATED) {
			/* this query only, over TCP, within what is left of its own
			 * deadline; the other queries' replies wait in their sockets */
			j->x.discarded = 0;
			j->status = over_tcp(&j->x, j->query, j->qwire, j->qlen, &d, &j->reply);
			return true;
		}
	}
	if (deadline_left(&d) > 0)
		return false;
	if (j->x.discarded == 0)
		set_why(&j->x, "%s", "timed out");
	return true;
}

sz_status szi_live_exchange_window(const szi_live_window *w)
{
	size_t size = w->size == 0 ? 1 : w->size > SZI_LIVE_WINDOW_MAX ? SZI_LIVE_WINDOW_MAX : w->size;
	szi_live_job *active[SZI_LIVE_WINDOW_MAX], *ended[SZI_LIVE_WINDOW_MAX];
	struct pollfd pfd[SZI_LIVE_WINDOW_MAX];
	size_t n_active = 0;
	bool more = true;
	uint8_t *buf = malloc(MAX_MESSAGE);
	if (buf == NULL)
		return SZ_ERR_NOMEM;
	for (;;) {
		while (more && n_active < size) {
			szi_live_job *j = w->next(w->ctx);
			if (j == NULL)
				more = false;
			else if (job_launch(w, j))
				active[n_active++] = j;
		}
		if (n_active == 0)
			break;
		int wait = 0x7fffffff;
		for (size_t i = 0; i < n_active; i++) {
			deadline d = { active[i]->end };
			int left = deadline_left(&d);
			wait = left < wait ? left : wait;
			pfd[i] = (struct pollfd){ .fd = active[i]->fd, .events = POLLIN };
		}
		int rc = poll(pfd, (nfds_t)n_active, wait);
		if (rc < 0 && errno != EINTR) {
			for (size_t i = 0; i < n_active; i++)
				set_why(&active[i]->x, "%s", strerror(errno));
			wait = -1; /* every attempt ends */
		}
		/* replies first, then deadlines: a reply that arrived while
		 * another query went over TCP is still taken */
		size_t n_ended = 0, kept = 0;
		for (size_t i = 0; i < n_active; i++) {
			szi_live_job *j = active[i];
			bool readable = rc > 0 && pfd[i].revents != 0;
			if (wait < 0 || job_step(j, readable, buf))
				ended[n_ended++] = j;
			else
				active[kept++] = j;
		}
		n_active = kept;
		for (size_t i = 0; i < n_ended; i++) {
			job_end(ended[i]);
			if (w->done(w->ctx, ended[i])) {
				if (job_launch(w, ended[i]))
					active[n_active++] = ended[i];
			} else {
				free(ended[i]->qwire);
				ended[i]->qwire = NULL;
			}
		}
	}
	free(buf);
	return SZ_OK;
}

/* ---- a stream of messages (zone transfer) ---- */

/* The earlier of `per` and `total`. */
static const deadline *earlier(const deadline *per, const deadline *total)
{
	if (per->end.tv_sec != total->end.tv_sec)
		return per->end.tv_sec < total->end.tv_sec ? per : total;
	return per->end.tv_nsec <= total->end.tv_nsec ? per : total;
}

sz_status szi_live_exchange_stream(szi_live_exchange *x, const ldns_pkt *query, szi_live_on_message on_message,
				   void *ctx)
{
	deadline total, per;
	unsigned long long all = (unsigned long long)x->timeout_ms * SZI_LIVE_STREAM_TIMEOUTS;
	deadline_start(&total, all > 0x7fffffffULL ? 0x7fffffffU : (unsigned)all);
	deadline_start(&per, x->timeout_ms);
	uint8_t *qwire = NULL;
	size_t qlen = 0;
	if (exchange_begin(x, query, &qwire, &qlen) != SZ_OK)
		return SZ_ERR_NOMEM;
	int fd = tcp_connect(x, earlier(&per, &total));
	if (fd < 0) {
		free(qwire);
		return SZ_ERR_NETWORK;
	}
	uint8_t *buf = malloc(2 + (qlen > MAX_MESSAGE ? qlen : MAX_MESSAGE));
	if (buf == NULL) {
		free(qwire);
		close(fd);
		return SZ_ERR_NOMEM;
	}
	buf[0] = (uint8_t)(qlen >> 8);
	buf[1] = (uint8_t)qlen;
	memcpy(buf + 2, qwire, qlen);
	free(qwire);
	sz_status s = SZ_ERR_NETWORK;
	int w = write_full(x, fd, buf, qlen + 2, earlier(&per, &total));
	if (w > 0)
		x->sent = true;
	else if (w == 0)
		set_why(x, "%s", "timed out sending over TCP");
	size_t taken = 0;
	while (w > 0) {
		uint8_t lb[2];
		const deadline *d = earlier(&per, &total);
		if ((w = read_full(x, fd, lb, 2, d, taken > 0)) <= 0)
			break;
		size_t n = (size_t)lb[0] << 8 | lb[1];
		if ((w = read_full(x, fd, buf, n, d, true)) <= 0)
			break;
		ldns_pkt *p = NULL;
		const char *why = taken == 0 ? szi_live_reply_match(query, buf, n, &p)
					     : szi_live_reply_match_next(query, buf, n, &p);
		if (why != NULL) {
			discard(x, why);
			continue;
		}
		if (ldns_pkt_tc(p)) {
			ldns_pkt_free(p);
			set_why(x, "%s", "a message of the transfer is truncated (TC bit set)");
			s = SZ_ERR_DNS;
			break;
		}
		taken++;
		deadline_start(&per, x->timeout_ms);
		int r = on_message(ctx, x, p, buf, n);
		ldns_pkt_free(p);
		if (r == SZI_STREAM_MORE)
			continue;
		s = r == SZI_STREAM_DONE ? SZ_OK : r == SZI_STREAM_NOMEM ? SZ_ERR_NOMEM : SZ_ERR_DNS;
		break;
	}
	if (w == 0 && x->discarded == 0)
		set_why(x, "%s", deadline_left(&total) == 0 ? "the transfer took longer than its whole time"
							  : "timed out waiting for the next message");
	free(buf);
	close(fd);
	return s;
}
