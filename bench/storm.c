/*
 * Load generator for the booking storm (see docs/BENCHMARKS.md), the HTTP counterpart of pgbench: one thread, epoll,
 * C keep-alive connections, each with exactly one request under way, so the time from sending a request to reading
 * its whole answer is that request's latency. Built and run by BookingStorm.java; loopback only; stops by itself.
 *
 *   storm <port> <sessions file> <first slot> <slots> <attempts> <connections> <seed>
 *
 * Sessions file: one "cookie<TAB>xsrf-token" line per signed-in jobseeker. Attempt k is made by person k (cycling when
 * there are fewer people) on a slot drawn at random. Prints one line:
 *   RESULT answered=.. created=.. taken=.. other=.. seconds=.. p50=.. p99=.. max=.. errors=..
 * (latencies in milliseconds). Answers other than 201 and 409 slot_taken are printed as they come.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
  int fd;
  char out[4096];
  size_t out_len, out_sent;
  char in[65536];
  size_t in_len;
  double sent_at;
  int busy;
} conn;

static char **cookies, **tokens;
static long people;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what) {
  perror(what);
  exit(2);
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The p-quantile of n sorted values (nearest rank). */
static double quantile(const double *sorted, long n, double p) {
  if (n == 0) return 0;
  long rank = (long) (p * n);
  if (rank < p * n) rank++;
  return sorted[rank > 0 ? rank - 1 : 0];
}

static void read_sessions(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) die(path);
  size_t cap = 1024;
  cookies = malloc(cap * sizeof *cookies);
  tokens = malloc(cap * sizeof *tokens);
  char *line = NULL;
  size_t n = 0;
  while (getline(&line, &n, f) > 0) {
    char *tab = strchr(line, '\t');
    if (!tab) continue;
    *tab = 0;
    tab[1 + strcspn(tab + 1, "\r\n")] = 0;
    if ((size_t) people == cap) {
      cap *= 2;
      cookies = realloc(cookies, cap * sizeof *cookies);
      tokens = realloc(tokens, cap * sizeof *tokens);
    }
    cookies[people] = strdup(line);
    tokens[people] = strdup(tab + 1);
    people++;
  }
  free(line);
  fclose(f);
  if (people == 0) {
    fprintf(stderr, "no sessions in %s\n", path);
    exit(2);
  }
}

static int connect_to(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd < 0) die("socket");
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *) &a, sizeof a) < 0 && errno != EINPROGRESS) die("connect");
  return fd;
}

/*
 * Length of the whole answer at the start of buf, once it has all arrived (0 until then), with its status and
 * where its body starts. Answers carry Content-Length or are chunked.
 */
static size_t answer_length(const char *buf, size_t len, int *status, size_t *body, size_t *body_len) {
  const char *end = memmem(buf, len, "\r\n\r\n", 4);
  if (!end) return 0;
  size_t head = end - buf + 4;
  *status = atoi(buf + 9);
  *body = head;
  const char *cl = memmem(buf, head, "\ncontent-length:", 16);
  if (!cl) cl = memmem(buf, head, "\nContent-Length:", 16);
  if (cl) {
    *body_len = strtoul(cl + 16, NULL, 10);
    return len >= head + *body_len ? head + *body_len : 0;
  }
  if (memmem(buf, head, "chunked", 7)) {
    size_t at = head;
    for (;;) {
      const char *crlf = memmem(buf + at, len - at, "\r\n", 2);
      if (!crlf) return 0;
      size_t size = strtoul(buf + at, NULL, 16);
      at = crlf - buf + 2 + size + 2;
      if (at > len) return 0;
      if (size == 0) {
        *body_len = at - head;
        return at;
      }
    }
  }
  *body_len = 0;
  return head; /* no body (e.g. 204) */
}

int main(int argc, char **argv) {
  if (argc != 8) {
    fprintf(stderr, "usage: storm <port> <sessions file> <first slot> <slots> <attempts> <connections> <seed>\n");
    return 2;
  }
  int port = atoi(argv[1]);
  read_sessions(argv[2]);
  long first_slot = atol(argv[3]), slots = atol(argv[4]), attempts = atol(argv[5]);
  int n = atoi(argv[6]);
  if (n > attempts) n = (int) attempts;
  srand48(atol(argv[7]));

  int ep = epoll_create1(0);
  if (ep < 0) die("epoll_create1");
  conn *cs = calloc(n, sizeof *cs);
  double *latencies = malloc(attempts * sizeof *latencies);
  long next = 0, answered = 0, created = 0, taken = 0, other = 0, errors = 0;
  double first = 0, last = 0;

  for (int i = 0; i < n; i++) {
    cs[i].fd = connect_to(port);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.u32 = i};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, cs[i].fd, &ev) < 0) die("epoll_ctl");
  }

  struct epoll_event evs[256];
  while (answered + errors < attempts) {
    /* Give every idle connection its next attempt. */
    for (int i = 0; i < n && next < attempts; i++) {
      conn *c = &cs[i];
      if (c->busy || c->fd < 0) continue;
      long person = next % people;
      long slot = first_slot + (long) (drand48() * slots);
      c->out_len = snprintf(c->out, sizeof c->out,
          "POST /api/slots/%ld/bookings HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nCookie: %s\r\nX-XSRF-TOKEN: %s\r\n"
          "Content-Length: 0\r\n\r\n", slot, port, cookies[person], tokens[person]);
      c->out_sent = 0;
      c->in_len = 0;
      c->busy = 1;
      c->sent_at = now();
      if (first == 0) first = c->sent_at;
      next++;
      struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.u32 = i};
      epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
    }
    int ready = epoll_wait(ep, evs, 256, 30000);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      fprintf(stderr, "no answer for 30 s\n");
      return 2;
    }
    for (int e = 0; e < ready; e++) {
      conn *c = &cs[evs[e].data.u32];
      if (c->fd < 0) continue;
      if ((evs[e].events & EPOLLOUT) && c->busy && c->out_sent < c->out_len) {
        ssize_t w = write(c->fd, c->out + c->out_sent, c->out_len - c->out_sent);
        if (w > 0) c->out_sent += w;
        if (c->out_sent == c->out_len) {
          struct epoll_event ev = {.events = EPOLLIN, .data.u32 = evs[e].data.u32};
          epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
        }
      }
      if (evs[e].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
        ssize_t r = read(c->fd, c->in + c->in_len, sizeof c->in - c->in_len - 1);
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) continue;
        if (r <= 0) {
          fprintf(stderr, "connection closed by the server%s\n", c->busy ? " with a request under way" : "");
          if (c->busy) errors++;
          close(c->fd);
          c->fd = -1;
          continue;
        }
        c->in_len += r;
        c->in[c->in_len] = 0;
        int status;
        size_t body, body_len;
        size_t whole = answer_length(c->in, c->in_len, &status, &body, &body_len);
        if (!whole || !c->busy) continue;
        last = now();
        latencies[answered++] = (last - c->sent_at) * 1000;
        if (status == 201) created++;
        else if (status == 409 && memmem(c->in + body, body_len, "slot_taken", 10)) taken++;
        else {
          other++;
          fprintf(stderr, "unexpected answer %d: %.*s\n", status, (int) body_len, c->in + body);
        }
        c->busy = 0;
        c->in_len = 0;
      }
    }
  }
  qsort(latencies, answered, sizeof *latencies, cmp);
  printf("RESULT answered=%ld created=%ld taken=%ld other=%ld seconds=%.3f p50=%.1f p99=%.1f max=%.1f errors=%ld\n",
      answered, created, taken, other, last - first, quantile(latencies, answered, 0.50), quantile(latencies, answered, 0.99),
      quantile(latencies, answered, 1.0), errors);
  return 0;
}
