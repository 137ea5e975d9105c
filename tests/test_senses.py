"""The traps table (pipeline/knowledge/data/senses.tsv and the taxonomy's own choices): one example of each
false sense seen in real LWN text, and the true sense next to it. Sentences written for these tests."""

import pytest

from pipeline.knowledge.senses import load_senses
from pipeline.knowledge.taxonomy import load_subsystems
from pipeline import config


def _subsystems(resources, text):
    doc = resources.nlp(text)
    return {(span.text, span.label_) for span in resources.sub_matcher.spans(doc)}


TRAPS = [
    # (sentence, subsystem, the word as written, is it the subsystem here?)
    ("The patch adds a new API for memory tiering.", "NAPI", "new API", False),
    ("Drivers now call NAPI from their interrupt handlers to poll for packets.", "NAPI", "NAPI", True),
    ("Please sit down while the build finishes.", "SIT", "sit", False),
    ("The SIT tunnel carries IPv6 packets over an IPv4 network.", "SIT", "SIT tunnel", True),
    ("Sparse files are handled by the filesystem without allocating blocks.", "sparse", "Sparse", False),
    ("Running sparse on the networking code turned up a few endian warnings.", "sparse", "sparse", True),
    ("The device drivers for graphics cards are large.", "network drivers", "device drivers", False),
    ("io_uring gained a new opcode for fixed files.", "io_uring networking", "io_uring", False),
    ("The io_uring zero-copy receive code uses the page pool for NIC buffers.", "io_uring networking",
     "io_uring zero-copy receive", True),
    ("PCI bridges forward configuration cycles to the buses behind them.", "bridging", "bridges", False),
    ("The bridges forward packets between the ports of a VLAN-aware switch.", "bridging", "bridges", True),
    ("The release notes arrived through the usual channels.", "netchannels", "channels", False),
    ("Sensors : generic AXI ADC IP blocks from several vendors, and more.", "xilinx_axienet", "AXI", False),
    ("Network: AXI Ethernet controllers from Xilinx.", "xilinx_axienet", "AXI", True),
    ("New drivers handle Renesas RZ/N1 real-time clocks.", "dwmac-rzn1", "RZ/N1", False),
    ("Network: TI DaVinci Ethernet MACs.", "cpsw", "DaVinci", True),
    ("Stateful failover needs the connection-tracking state on both firewalls.", "failover module", "failover",
     False),
    ("The Linux Storage, Filesystem, Memory-Management, and BPF Summit met in May.", "BPF", "BPF", False),
    ("LSFMM+BPF took place in Montreal.", "BPF", "BPF", False),
    ("A BPF program can drop the packet at the driver level.", "BPF", "BPF", True),
    ("BIC was the default congestion control algorithm before 2.6.19.", "CUBIC", "BIC", False),
    ("DCTCP reacts to the fraction of marked packets, not to losses.", "ECN", "DCTCP", False),
    ("The USB PHY needs a new power-sequencing hook.", "PHY", "PHY", False),
    ("The Ethernet PHY negotiates the link speed before packets can flow.", "PHY", "PHY", True),
    ("The gadget driver offers the picture transfer protocol (PTP) and mass storage.", "PTP", "PTP", False),
    ("PTP keeps the clocks of the hosts on a network within nanoseconds of each other.", "PTP", "PTP", True),
    ("CBS gives each real-time task a reserved share of CPU time in the deadline scheduler.",
     "CBS qdisc", "CBS", False),
    ("With CBS, traffic on each transmit queue of the network interface is shaped.", "CBS qdisc", "CBS", True),
    ("The send and receive queues of the TCP socket hold data the application has not consumed.",
     "network device queues", "receive queues", False),
    ("The NIC spreads incoming packets over its receive queues, one per CPU.", "network device queues",
     "receive queues", True),
    ("The block layer's multiqueue support maps request queues to CPUs for NVMe disks.", "multiqueue",
     "multiqueue", False),
    ("Multiqueue network interfaces spread packets from the NIC across CPUs.", "multiqueue", "Multiqueue", True),
    ("The verifier checks every program before it is loaded into the BPF virtual machine.", "BPF verifier",
     "verifier", True),
    ("The module signature verifier rejects unsigned modules.", "BPF verifier", "verifier", False),
    ("A zero-copy splice from the page cache into a pipe avoids a copy.", "zero-copy networking", "zero-copy",
     False),
    ("Zero-copy transmit lets the NIC read socket data straight from user memory.", "zero-copy networking",
     "Zero-copy transmit", True),
    ("Big TCP streams keep the interrupt rate low on a gigabit link.", "BIG TCP", "Big TCP", False),
    ("BIG TCP raises the size of a GSO packet beyond 64KB on IPv6.", "BIG TCP", "BIG TCP", True),
    ("Like the packet schedulers of the network stack, the completely fair queueing (CFQ) I/O scheduler shares bandwidth.", "fair queueing", "fair queueing", False),
    ("The fq qdisc brings fair queueing to every flow.", "fair queueing", "fair queueing", True),
    ("The Quick Fair Queue packet scheduler is new in this release.", "fair queueing", "Fair Queue", False),
    ("The new fair queue packet scheduler paces each flow.", "fair queueing", "fair queue", True),
    ("Classic BPF was designed for packet filtering in the 1990s.", "firewall", "packet filtering", False),
    ("The router does packet filtering with nftables rules.", "firewall", "packet filtering", True),
    ("BPF began as a packet-filtering language.", "firewall", "packet-filtering", False),  # a rule's alias, hyphened
    ("Signals are a form of software interrupt.", "softirq", "software interrupt", False),
    ("The timer function runs in software interrupt context.", "softirq", "software interrupt", True),
    ("Software interrupts run at a high priority; ksoftirqd takes the overflow.", "softirq", "Software interrupts", True),
    ("The front end is responsible for bridging gaps between the CLI and the daemon.", "bridging", "bridging", False),
    ("The cache is a hash map keyed by inode number.", "BPF maps", "hash map", False),
    ("BPF programs keep their counters in a hash map.", "BPF maps", "hash map", True),
    ("The driver has a helper function for DMA mapping.", "BPF helpers", "helper function", False),
    ("BPF programs may call only the helper functions the kernel exports.", "BPF helpers", "helper functions", True),
    ("The VFS fills in a struct ops table for each filesystem.", "BPF struct_ops", "struct ops", False),
    ("A BPF scheduler is a struct ops program.", "BPF struct_ops", "struct ops", True),
    ("The router has packet-filtering rules in nftables.", "firewall", "packet-filtering", True),
    ("Connection tracking can early drop old entries when the table fills.", "early packet drop", "early drop",
     False),
    ("An XDP program in the driver can early drop a flood of packets.", "early packet drop", "early drop", True),
    ("Each TXQ of the NIC is served by one CPU.", "mac80211 intermediate queues", "TXQ", False),
    ("Each station has its own TXQ in mac80211 now.", "mac80211 intermediate queues", "TXQ", True),
    ("Reading /dev/mem goes through the devmem driver.", "devmem TCP", "devmem", False),
    ("With devmem, TCP payloads land in GPU memory through a dma-buf.", "devmem TCP", "devmem", True),
    ("The Cobalt server appliances ran MIPS processors.", "COBALT", "Cobalt", False),
    ("Cobalt, the AQM inside CAKE, mixes CoDel and BLUE.", "COBALT", "Cobalt", True),
    # a name the taxonomy once gave to a different thing: the other thing under its own name
    ("The tail loss probe sends a segment when the ACKs stop coming.", "tail loss probe", "tail loss probe",
     True),
    ("The tail loss probe sends a segment when the ACKs stop coming.", "RACK", "tail loss probe", False),
    ("The TCP MD5 signature option protects BGP sessions.", "TCP-AO", "TCP MD5 signature", False),
    ("SCM_CREDENTIALS passes the sender's PID and UID.", "SCM_RIGHTS", "SCM_CREDENTIALS", False),
    ("The vhost-user backend runs in a DPDK process.", "vhost-net", "vhost-user", False),
    ("UFO was removed in 4.14.", "UDP segmentation offload", "UFO", False),
    ("UFO was removed in 4.14.", "UDP fragmentation offload", "UFO", True),
    ("MLD is the IPv6 counterpart of IGMP.", "IGMP", "MLD", False),
    ("The driver supports RDMA over Converged Ethernet.", "Ethernet", "Ethernet", False),
    ("Alexander Klimov converted thousands of HTTP links to HTTPS.", "HTTP", "HTTP", False),
    ("QUIC was designed to carry HTTP/3 over UDP.", "HTTP", "HTTP/3", True),
    ("The scheduler packs the tasks into one LLC domain to share the last-level cache.", "LLC", "LLC", False),
    ("The LLC layer of 802.2 sits between the Ethernet driver and the protocols.", "LLC", "LLC", True),
    ("Apple CPUs can run in TSO mode, the total store ordering memory model of x86.",
     "TCP segmentation offload (TSO)", "TSO", False),
    ("Requesting TSO on those processors succeeds.", "TCP segmentation offload (TSO)", "TSO", False),
    ("With TSO, the NIC splits one large buffer into many TCP packets.", "TCP segmentation offload (TSO)", "TSO",
     True),
    ("Each TSO transmission now carries about a millisecond of data.", "TCP segmentation offload (TSO)", "TSO",
     True),
    ("The Software Freedom Conservancy (SFC) said the GPL case would go on; the SFC network lawyers agreed.",
     "SFC", "SFC", False),
    ("The SFC driver for Solarflare NICs gained a new offload.", "SFC", "SFC", True),
    ("The RSS counters track how much memory each process has resident.", "RSS", "RSS", False),
    ("RSS spreads incoming packets across the receive queues of the NIC.", "RSS", "RSS", True),
    ("The merge window got off to a bit of a slow start this time.", "slow start", "slow start", False),
    ("In slow start, a TCP sender doubles its congestion window every round trip.", "slow start",
     "slow start", True),
    ("Part of the huge page pool can be given back to the system.", "page pool", "page pool", False),
    ("The DaVinci DM355 keypads and the AXI DMA engines are supported now.", "cpsw", "DaVinci", False),
    ("Firmware calls go to the secure monitor through an SMC.", "SMC-R", "SMC", False),
    ("The bug showed up on a Dell XPS 13.", "XPS", "XPS", False),
    ("That macro is a function masquerading as a loop.", "NAT", "masquerading", False),
    ("Masquerading rewrites the source address of packets leaving the router.", "NAT", "Masquerading", True),
    ("At the time t1 the LRU list is scanned again.", "t1", "t1", False),
    ("The Segment Info Table, or SIT, is journaled with the other metadata.", "SIT", "SIT", False),
    ("The vendors wanted the IP issues settled before the specification was published.", "Internet Protocol (IP)",
     "IP", False),
    ("Each router on the path decrements the IP TTL of the datagram.", "Internet Protocol (IP)", "IP", True),
    ("He spent the year converting the driver documents to RST for the Sphinx build.", "TCP reset", "RST", False),
    ("Her networking notes now sit under Documentation/ in the RST format.", "TCP reset", "RST", False),
    ("The peer answers a stale segment with an RST and drops the connection.", "TCP reset", "RST", True),
    ("The filesystem finds each node through its slot in the NAT.", "NAT", "NAT", False),
    ("Hosts behind a NAT gateway share one public address.", "NAT", "NAT", True),
    ("Pass the srcu_struct as ss to every SRCU call.", "iproute2", "ss", False),
    ("The ss command lists the sockets on the system through sock_diag.", "iproute2", "ss", True),
    ("The Radeon and Intel drivers render into the same buffer now.", "Intel Ethernet drivers", "Intel drivers",
     False),
    ("The Intel drivers now support receive-side scaling on every NIC.", "Intel Ethernet drivers",
     "Intel drivers", True),
    ("Spinlocks are a cause of latency in a non-realtime kernel.", "PREEMPT_RT", "realtime kernel", False),
    ("In the realtime kernel, spinlocks become sleeping locks.", "PREEMPT_RT", "realtime kernel", True),
    ("The storage stack carries Fibre Channel over Ethernet frames.", "Ethernet", "Ethernet", False),
    ("The storage stack carries Fibre Channel over Ethernet frames.", "FCoE", "Fibre Channel over Ethernet", True),
    ("Software interrupts are also called bottom halves.", "softirq", "bottom halves", True),
    ("The old cables in the lab showed rust.", "Rust", "rust", False),  # a short name, matched as written
    ("New Rust abstractions wrap the C API.", "Rust", "Rust", True),
]


@pytest.mark.parametrize("text, subsystem, written, expected", TRAPS, ids=[f"{t[2]}-{t[3]}" for t in TRAPS])
def test_senses_trap(resources, text, subsystem, written, expected):
    found = _subsystems(resources, text)
    assert ((written, subsystem) in found) is expected, found


def test_senses_a_longer_name_in_a_sense_it_lacks_leaves_the_names_inside_it(resources):
    found = _subsystems(resources, "Big TCP streams keep the interrupt rate low on a gigabit link.")
    assert ("TCP", "TCP") in found and not any(label == "BIG TCP" for _, label in found)


def test_senses_table_rows_name_known_subsystems(resources):
    senses = load_senses(config.SENSES_FILE)
    assert set(senses) <= set(resources.knowledge.subsystems)
    # a rule's alias is one its subsystem is matched by: a rule left behind when an alias moves rules nothing
    _, terms = load_subsystems(config.SUBSYSTEMS_FILE)
    names = {(term.canonical, term.alias.lower()) for term in terms}
    assert not [(s.subsystem, s.alias) for rules in senses.values() for s in rules
                if s.alias and (s.subsystem, s.alias.lower()) not in names]
