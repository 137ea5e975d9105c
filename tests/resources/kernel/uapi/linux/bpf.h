/* Written for the importer's tests. */
enum bpf_prog_type {
	BPF_PROG_TYPE_UNSPEC,
	BPF_PROG_TYPE_SOCKET_FILTER,
	BPF_PROG_TYPE_XDP = 6,
	__MAX_BPF_PROG_TYPE
};
