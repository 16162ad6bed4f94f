/*
 * privsep.c - the messages between quartierd's processes (privsep.h).
 */
#include "build-config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "privsep.h"

int
msg_sendv(int sock, int fd, int type, size_t count, const char *const *fields)
{
	char buf[MSG_MAX], control[CMSG_SPACE(sizeof(int))];
	struct msghdr mh;
	struct cmsghdr *cm;
	struct iovec iov;
	size_t len = 2, i, n;
	ssize_t sent;

	if (count > MSG_FIELDS_MAX || type < 0 || type > 255) {
		errno = EINVAL;
		return -1;
	}
	buf[0] = (char)type;
	buf[1] = (char)count;
	for (i = 0; i < count; i++) {
		n = strlen(fields[i]);
		if (n > sizeof buf - len - 5) {
			errno = EMSGSIZE;
			return -1;
		}
		buf[len++] = (char)(n >> 24);
		buf[len++] = (char)(n >> 16);
		buf[len++] = (char)(n >> 8);
		buf[len++] = (char)n;
		memcpy(buf + len, fields[i], n);
		len += n;
		buf[len++] = '\0';
	}
	memset(&mh, 0, sizeof mh);
	iov.iov_base = buf;
	iov.iov_len = len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (fd >= 0) {
		memset(control, 0, sizeof control);
		mh.msg_control = control;
		mh.msg_controllen = sizeof control;
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof fd);
	}
	do
		sent = sendmsg(sock, &mh, MSG_NOSIGNAL);
	while (sent < 0 && errno == EINTR);
	if (sent < 0)
		return -1;
	return (size_t)sent == len ? 0 : (errno = EMSGSIZE, -1);
}

int
msg_send(int sock, int fd, int type, ...)
{
	const char *fields[MSG_FIELDS_MAX], *f;
	size_t count = 0;
	va_list ap;

	va_start(ap, type);
	while ((f = va_arg(ap, const char *)) != NULL) {
		if (count == MSG_FIELDS_MAX) {
			va_end(ap);
			errno = EINVAL;
			return -1;
		}
		fields[count++] = f;
	}
	va_end(ap);
	return msg_sendv(sock, fd, type, count, fields);
}

void
msg_close_fd(struct msg *m)
{
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
}

bool
msg_ask(int sock, bool *gone, int type, int want, size_t count,
    const char *const *fields, struct msg *m)
{
	if (*gone || msg_sendv(sock, -1, type, count, fields) != 0) {
		*gone = true;
		return false;
	}
	for (;;) {
		if (msg_recv(sock, m) != 1) {
			*gone = true;
			return false;
		}
		if (m->type == want || m->type == MSG_REFUSE)
			return true;
		msg_close_fd(m);
	}
}

/* Take the descriptors that came with MH: keep one, close any more. */
static void
msg_take_fds(struct msghdr *mh, struct msg *m)
{
	struct cmsghdr *cm;
	size_t i, n;
	int fd;

	for (cm = CMSG_FIRSTHDR(mh); cm != NULL; cm = CMSG_NXTHDR(mh, cm)) {
		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		n = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++) {
			memcpy(&fd, CMSG_DATA(cm) + i * sizeof(int), sizeof fd);
			if (m->fd < 0)
				m->fd = fd;
			else
				close(fd);
		}
	}
}

int
msg_recv(int sock, struct msg *m)
{
	char control[CMSG_SPACE(4 * sizeof(int))];
	struct msghdr mh;
	struct iovec iov;
	size_t pos, i, n;
	ssize_t got;

	memset(&mh, 0, sizeof mh);
	iov.iov_base = m->buf;
	iov.iov_len = sizeof m->buf;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = control;
	mh.msg_controllen = sizeof control;
	m->fd = -1;
	m->count = 0;
	do
		got = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return -1;
	msg_take_fds(&mh, m);
	if (got == 0 && m->fd < 0)
		return 0;
	if ((mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0 || got < 2)
		goto bad;
	m->type = (unsigned char)m->buf[0];
	m->count = (unsigned char)m->buf[1];
	if (m->count > MSG_FIELDS_MAX)
		goto bad;
	pos = 2;
	for (i = 0; i < m->count; i++) {
		if ((size_t)got - pos < 5)
			goto bad;
		n = (size_t)(unsigned char)m->buf[pos] << 24 |
		    (size_t)(unsigned char)m->buf[pos + 1] << 16 |
		    (size_t)(unsigned char)m->buf[pos + 2] << 8 |
		    (unsigned char)m->buf[pos + 3];
		pos += 4;
		if (n > (size_t)got - pos - 1 || m->buf[pos + n] != '\0' ||
		    memchr(m->buf + pos, '\0', n) != NULL)
			goto bad;
		m->field[i] = m->buf + pos;
		m->len[i] = n;
		pos += n + 1;
	}
	if (pos != (size_t)got)
		goto bad;
	return 1;
bad:
	msg_close_fd(m);
	m->count = 0;
	errno = EBADMSG;
	return -1;
}

const char *
msg_str(const struct msg *m, size_t i)
{
	return i < m->count ? m->field[i] : "";
}

bool
msg_int(const struct msg *m, size_t i, long min, long max, long *out)
{
	const char *s = msg_str(m, i);
	char *end;
	long v;

	if (*s == '\0' || (*s != '-' && (*s < '0' || *s > '9')))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool
privsep_is_signup_name(const char *user)
{
	return strcasecmp(user, "new") == 0 || strcasecmp(user, "nouveau") == 0;
}

bool
privsep_term_ok(const char *term)
{
	size_t i;

	for (i = 0; term[i] != '\0'; i++) {
		char c = term[i];

		if (i == 63 || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '+' ||
		    c == '_'))
			return false;
	}
	return true;
}

bool
privsep_env_ok(const char *name, const char *value)
{
	size_t i;

	if (strcmp(name, "LANG") != 0 && strncmp(name, "LC_", 3) != 0)
		return false;
	if (strlen(name) > 20 || strlen(value) > 64)
		return false;
	for (i = 0; name[i] != '\0'; i++) {
		if (!((name[i] >= 'A' && name[i] <= 'Z') || name[i] == '_'))
			return false;
	}
	for (i = 0; value[i] != '\0'; i++) {
		char c = value[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		    c == '-' || c == '@'))
			return false;
	}
	return true;
}
