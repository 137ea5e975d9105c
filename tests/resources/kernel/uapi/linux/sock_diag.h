/* Written for the importer's tests. */
#define SOCK_DIAG_BY_FAMILY 20
#define SOCK_DESTROY 21
