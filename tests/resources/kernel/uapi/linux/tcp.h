/* A user-space API header written for the importer's tests, in the kernel's layout. */
#ifndef _UAPI_LINUX_TCP_H
#define _UAPI_LINUX_TCP_H

#define TCP_NODELAY		1	/* Turn off Nagle's algorithm. */
#define TCP_MAXSEG		2	/* Limit MSS */
#define TCP_ZEROCOPY_RECEIVE	35

enum {
	TCP_NLA_PAD,
	TCP_NLA_BUSY,		/* Time (usec) busy sending data */
};

#endif /* _UAPI_LINUX_TCP_H */
