/* Written for the importer's tests. */
#define SO_REUSEPORT	15
#define SO_RCVLOWAT	18
#define SCM_RIGHTS	0x01
