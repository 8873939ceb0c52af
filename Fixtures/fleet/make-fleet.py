#!/usr/bin/env python3
"""Generate the two-point-in-time fleet scenario under Fixtures/fleet/.

Standard library only, fully deterministic (no randomness, no clock): running it twice gives
byte-identical files. Writes t1/ and t2/ capture trees, expected-changes.json and
expected-counts.json. SCENARIO.md is hand-written and describes what this script produces.

    python3 Fixtures/fleet/make-fleet.py          # (re)writes everything beside this script
    python3 Fixtures/fleet/make-fleet.py --check  # regenerate into a temp dir and compare
"""

import copy
import filecmp
import gzip
import json
import os
import re
import shutil
import sys
import tempfile
import uuid
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
NS = uuid.UUID("6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5")  # fixed namespace for uuid5

ACCT = "111122223333"
ACCT2 = "444455556666"
USE1 = "us-east-1"
APNE1 = "ap-northeast-1"

T1 = "2026-11-01T03:00:00Z"
T2 = "2026-11-15T03:00:00Z"

# --------------------------------------------------------------------------------------------
# node ids (i- + 17 hex, mi- + 17 hex)
N1 = "i-0a3f9c27e81b4d5c6"   # Amazon Linux 2023, us-east-1      (resource data sync, AWS%3A folders)
N2 = "i-04d8e1b7c2a96f310"   # Ubuntu 22.04, us-east-1           (list-inventory-entries + get-inventory)
N3 = "i-0c71e5a9d3b28f4e7"   # Windows Server 2022, ap-northeast-1 (Config MII CI)
N4 = "mi-0f2a6b9c8d1e3a574"  # Rocky Linux 9.4 on premises, acct 444455556666 (Config MII CI)
N5 = "i-09b4c3e2d1f0a8765"   # Amazon Linux 2, us-east-1, terminated between T1 and T2
N6 = "i-0e6d2f8a4b7c1d903"   # Amazon Linux 2023 arm64, us-east-1, new at T2 (data sync, AWS: folders)

for _n in (N1, N2, N3, N5, N6):
    assert re.fullmatch(r"i-[0-9a-f]{17}", _n), _n
assert re.fullmatch(r"mi-[0-9a-f]{17}", N4)

VPC_USE1 = "vpc-0b7e4c1a9d2f3e586"
VPC_APNE1 = "vpc-05c2a9e8d7b6f1a34"
SG_WEB = "sg-0d94b1e6c2a7f3058"
SG_MON = "sg-07a3e5c1b9d2f4860"
SG_APP = "sg-0e1f2a3b4c5d6e7f8"
SG_WIN = "sg-03c8d9e0f1a2b3c4d"


def iso_ms(s):
    """'2026-10-20T08:14:37.412Z' -> epoch milliseconds (int)."""
    dt = datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    return int(round(dt.timestamp() * 1000))


def dumps(obj, indent=2):
    return json.dumps(obj, ensure_ascii=False, indent=indent) + "\n"


# --------------------------------------------------------------------------------------------
# writers (all go through these so we can validate and count)

WRITTEN = []  # (relpath, kind)


def write_bytes(root, rel, data):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    WRITTEN.append(rel)


def write_json(root, rel, obj, raw_numbers=None):
    text = dumps(obj)
    for placeholder, literal in (raw_numbers or {}).items():
        text = text.replace('"%s"' % placeholder, literal)
    write_bytes(root, rel, text.encode("utf-8"))


def write_jsonl(root, rel, rows):
    text = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in rows)
    write_bytes(root, rel, text.encode("utf-8"))


def write_gz_json(root, rel, obj):
    raw = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_bytes(root, rel, gzip.compress(raw, compresslevel=9, mtime=0))


# --------------------------------------------------------------------------------------------
# inventory data

def rpm(name, epoch, version, release, arch, installed, summary, url, srpm, group="Unspecified",
        publisher="Amazon Linux"):
    return {
        "Name": name,
        "ApplicationType": group,
        "Publisher": publisher,
        "Version": version,
        "Release": release,
        "Epoch": epoch,
        "InstalledTime": installed,
        "Architecture": arch,
        "URL": url,
        "Summary": summary,
        "PackageId": srpm,
    }


def deb(name, version, arch, section, summary, url=None,
        maintainer="Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>"):
    # dpkg: no InstalledTime, no Release/Epoch; PackageId built as name_version_arch.deb by the
    # agent from ${Package}_${Version}_${Architecture}; Architecture amd64 normalised to x86_64.
    row = {
        "Name": name,
        "ApplicationType": section,
        "Publisher": maintainer,
        "Version": version,
        "Architecture": "x86_64" if arch == "amd64" else arch,
    }
    if url:
        row["URL"] = url
    row["Summary"] = summary
    row["PackageId"] = "%s_%s_%s.deb" % (name, version, arch)
    return row


AMI_BUILD = "2026-03-14T19:52:10Z"

# N1 Amazon Linux 2023 x86_64 ---------------------------------------------------------------
N1_KERNEL_79 = rpm("kernel", "0", "6.1.79", "99.167.amzn2023", "x86_64", "2026-03-14T19:53:02Z",
                   "The Linux kernel", "https://www.kernel.org/",
                   "kernel-6.1.79-99.167.amzn2023.src.rpm", group="System Environment/Kernel")
N1_KERNEL_82 = rpm("kernel", "0", "6.1.82", "99.168.amzn2023", "x86_64", "2026-04-02T06:11:47Z",
                   "The Linux kernel", "https://www.kernel.org/",
                   "kernel-6.1.82-99.168.amzn2023.src.rpm", group="System Environment/Kernel")
N1_KERNEL_90 = rpm("kernel", "0", "6.1.90", "99.173.amzn2023", "x86_64", "2026-11-10T22:01:37Z",
                   "The Linux kernel", "https://www.kernel.org/",
                   "kernel-6.1.90-99.173.amzn2023.src.rpm", group="System Environment/Kernel")
N1_OPENSSL_T1 = rpm("openssl-libs", "1", "3.0.8", "1.amzn2023.0.14", "x86_64", "2026-05-21T04:37:55Z",
                    "A general purpose cryptography library with TLS implementation",
                    "http://www.openssl.org/", "openssl-3.0.8-1.amzn2023.0.14.src.rpm")
N1_OPENSSL_T2 = dict(N1_OPENSSL_T1, Release="2.amzn2023.0.1", InstalledTime="2026-11-10T22:01:12Z",
                     PackageId="openssl-3.0.8-2.amzn2023.0.1.src.rpm")

N1_APPS_COMMON = [
    rpm("bash", "0", "5.2.15", "1.amzn2023.0.2", "x86_64", AMI_BUILD,
        "The GNU Bourne Again shell", "https://www.gnu.org/software/bash",
        "bash-5.2.15-1.amzn2023.0.2.src.rpm"),
    rpm("glibc", "0", "2.34", "52.amzn2023.0.11", "x86_64", AMI_BUILD,
        "The GNU libc libraries", "http://www.gnu.org/software/glibc/",
        "glibc-2.34-52.amzn2023.0.11.src.rpm"),
    rpm("amazon-ssm-agent", "0", "3.3.987.0", "1.amzn2023", "x86_64", "2026-09-03T02:18:44Z",
        "Manage EC2 Instances using Systems Manager", "https://github.com/aws/amazon-ssm-agent",
        "amazon-ssm-agent-3.3.987.0-1.amzn2023.src.rpm"),
    rpm("python3", "0", "3.9.16", "1.amzn2023.0.9", "x86_64", AMI_BUILD,
        "Python 3.9 interpreter", "https://www.python.org/",
        "python3.9-3.9.16-1.amzn2023.0.9.src.rpm"),
    rpm("curl-minimal", "0", "8.5.0", "1.amzn2023.0.4", "x86_64", AMI_BUILD,
        "Conservatively configured build of curl for minimal installations", "https://curl.se/",
        "curl-8.5.0-1.amzn2023.0.4.src.rpm"),
    rpm("libcurl-minimal", "0", "8.5.0", "1.amzn2023.0.4", "x86_64", AMI_BUILD,
        "Conservatively configured build of libcurl for minimal installations", "https://curl.se/",
        "curl-8.5.0-1.amzn2023.0.4.src.rpm"),
    rpm("systemd", "0", "252.23", "2.amzn2023", "x86_64", AMI_BUILD,
        "System and Service Manager", "https://systemd.io",
        "systemd-252.23-2.amzn2023.src.rpm"),
    rpm("openssh-server", "0", "8.7p1", "8.amzn2023.0.11", "x86_64", AMI_BUILD,
        "An open source SSH server daemon", "http://www.openssh.com/portable.html",
        "openssh-8.7p1-8.amzn2023.0.11.src.rpm"),
    rpm("sudo", "0", "1.9.15", "1.p5.amzn2023.0.1", "x86_64", AMI_BUILD,
        "Allows restricted root access for specified users", "https://www.sudo.ws",
        "sudo-1.9.15-1.p5.amzn2023.0.1.src.rpm"),
    rpm("dnf", "0", "4.14.0", "1.amzn2023.0.5", "noarch", AMI_BUILD,
        "Package manager", "https://github.com/rpm-software-management/dnf",
        "dnf-4.14.0-1.amzn2023.0.5.src.rpm"),
    rpm("tzdata", "0", "2024a", "1.amzn2023.0.1", "noarch", AMI_BUILD,
        "Timezone data", "https://www.iana.org/time-zones",
        "tzdata-2024a-1.amzn2023.0.1.src.rpm"),
    rpm("ca-certificates", "0", "2023.2.68", "1.0.amzn2023.0.1", "noarch", AMI_BUILD,
        "The Mozilla CA root certificate bundle", "https://fedoraproject.org/wiki/CA-Certificates",
        "ca-certificates-2023.2.68-1.0.amzn2023.0.1.src.rpm"),
    rpm("cloud-init", "0", "22.2.2", "1.amzn2023.1.13", "noarch", AMI_BUILD,
        "Cloud instance init scripts", "https://launchpad.net/cloud-init",
        "cloud-init-22.2.2-1.amzn2023.1.13.src.rpm"),
    rpm("chrony", "0", "4.3", "1.amzn2023.0.4", "x86_64", AMI_BUILD,
        "An NTP client/server", "https://chrony.tuxfamily.org",
        "chrony-4.3-1.amzn2023.0.4.src.rpm"),
    rpm("nginx", "1", "1.24.0", "1.amzn2023.0.2", "x86_64", "2026-03-15T01:20:33Z",
        "A high performance web server and reverse proxy server", "https://nginx.org",
        "nginx-1.24.0-1.amzn2023.0.2.src.rpm"),
]

# T1 order: rpm -qa order (roughly install order); T2: a different order (dnf rebuilt the db)
N1_APPS_T1 = ([N1_APPS_COMMON[0], N1_APPS_COMMON[1], N1_KERNEL_79, N1_OPENSSL_T1]
              + N1_APPS_COMMON[2:] + [N1_KERNEL_82])
N1_APPS_T2 = ([N1_KERNEL_90, N1_OPENSSL_T2] + list(reversed(N1_APPS_COMMON)) + [N1_KERNEL_82])

N1_NET = [{
    "Name": "ens5", "SubnetMask": "255.255.255.0", "Gateway": "10.20.1.1",
    "DHCPServer": "10.20.1.1", "DNSServer": "10.20.0.2",
    "MacAddress": "0e:3a:91:5c:d2:47", "IPV4": "10.20.1.37",
    "IPV6": "fe80::c3a:91ff:fe5c:d247",
}]


def instinfo(iid, computer, ip, pname, ptype, pver, agent, rtype="EC2Instance", status="Active"):
    return {
        "AgentType": "amazon-ssm-agent",
        "AgentVersion": agent,
        "ComputerName": computer,
        "InstanceId": iid,
        "IpAddress": ip,
        "PlatformName": pname,
        "PlatformType": ptype,
        "PlatformVersion": pver,
        "ResourceType": rtype,
        "InstanceStatus": status,
    }


N1_INFO = instinfo(N1, "ip-10-20-1-37.ec2.internal", "10.20.1.37", "Amazon Linux", "Linux",
                   "2023", "3.3.987.0")

# N2 Ubuntu 22.04 -----------------------------------------------------------------------------
N2_TELNET = deb("telnet", "0.17-44build1", "amd64", "net", "basic telnet client")
N2_APPS_T1 = [
    deb("apt", "2.4.13", "amd64", "admin", "commandline package manager"),
    deb("bash", "5.1-6ubuntu1.1", "amd64", "shells", "GNU Bourne Again SHell",
        "http://tiswww.case.edu/php/chet/bash/bashtop.html"),
    deb("coreutils", "8.32-4.1ubuntu1.2", "amd64", "utils", "GNU core utilities",
        "http://gnu.org/software/coreutils"),
    deb("curl", "7.81.0-1ubuntu1.18", "amd64", "web",
        "command line tool for transferring data with URL syntax", "https://curl.se"),
    deb("libc6", "2.35-0ubuntu3.8", "amd64", "libs", "GNU C Library: Shared libraries",
        "https://www.gnu.org/software/libc/libc.html"),
    deb("libssl3", "3.0.2-0ubuntu1.18", "amd64", "libs",
        "Secure Sockets Layer toolkit - shared libraries", "https://www.openssl.org/"),
    deb("nginx", "1.18.0-6ubuntu14.4", "amd64", "httpd",
        "small, powerful, scalable web/proxy server", "https://nginx.org"),
    deb("openssh-server", "1:8.9p1-3ubuntu0.10", "amd64", "net",
        "secure shell (SSH) server, for secure access from remote machines",
        "https://www.openssh.com/"),
    deb("python3", "3.10.6-1~22.04.1", "amd64", "python",
        "interactive high-level object-oriented language (default python3 version)",
        "https://www.python.org/",
        maintainer="Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>"),
    deb("systemd", "249.11-0ubuntu3.12", "amd64", "admin", "system and service manager",
        "https://www.freedesktop.org/wiki/Software/systemd"),
    N2_TELNET,
    deb("tzdata", "2024a-0ubuntu0.22.04.1", "all", "localization",
        "time zone and daylight-saving time data", "https://www.iana.org/time-zones"),
]
# real .deb file names drop the epoch
N2_APPS_T1[7]["PackageId"] = "openssh-server_8.9p1-3ubuntu0.10_amd64.deb"
N2_APPS_T2 = [r for r in N2_APPS_T1 if r is not N2_TELNET]

N2_NET = [{
    "Name": "ens5", "SubnetMask": "255.255.255.0", "Gateway": "10.20.2.1",
    "DHCPServer": "10.20.2.1", "DNSServer": "127.0.0.53",
    "MacAddress": "0e:b7:44:19:a0:3c", "IPV4": "10.20.2.118",
    "IPV6": "fe80::cb7:44ff:fe19:a03c",
}]
N2_INFO = instinfo(N2, "ip-10-20-2-118", "10.20.2.118", "Ubuntu", "Linux", "22.04", "3.3.987.0")

# N3 Windows Server 2022 (ap-northeast-1) -----------------------------------------------------
def winapp(name, version, publisher, arch, package_id, installed=None, url=None):
    row = {"Name": name, "ApplicationType": "", "Publisher": publisher, "Version": version}
    if installed:
        row["InstalledTime"] = installed
    row["Architecture"] = arch
    if url:
        row["URL"] = url
    row["PackageId"] = package_id
    return row


N3_APPS = [
    winapp("Microsoft Office Professional Plus 2019 - ja-jp", "16.0.10417.20083",
           "Microsoft Corporation", "x86_64", "ProPlus2019Volume - ja-jp", "2026-03-20T00:00:00Z"),
    winapp("秀丸エディタ", "9.35", "サイトー企画", "x86_64", "Hidemaru", "2026-03-20T00:00:00Z",
           "https://hide.maruo.co.jp/"),
    winapp("サクラエディタ", "2.4.2.6048", "サクラエディタ開発チーム", "i386",
           "sakura editor_is1", "2026-03-21T00:00:00Z", "https://sakura-editor.github.io/"),
    # the agent is reported from both registry hives (64-bit and Wow6432Node)
    winapp("Amazon SSM Agent", "3.3.1142.0", "Amazon Web Services", "i386",
           "{3e8a92c1-6b7d-4f0e-a915-2c4d8b7e6f10}"),
    winapp("Amazon SSM Agent", "3.3.1142.0", "Amazon Web Services", "x86_64",
           "{b9d04f7a-1e2c-4a63-8d5b-7f0c9e1a2b34}", "2026-09-18T00:00:00Z"),
    winapp("Google Chrome", "130.0.6723.117", "Google LLC", "x86_64",
           "{4D0E5B3A-8F2C-3B91-A6E7-19C0D2F48B65}", "2026-10-29T00:00:00Z"),
    winapp("Microsoft Edge", "130.0.2849.80", "Microsoft Corporation", "i386",
           "Microsoft Edge", "2026-10-31T00:00:00Z"),
    winapp("7-Zip 23.01 (x64)", "23.01", "Igor Pavlov", "x86_64", "7-Zip"),
    winapp("Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.40.33810", "14.40.33810.0",
           "Microsoft Corporation", "i386", "{5af95fd8-a22e-458f-acee-c61bd787178e}",
           "2026-03-20T00:00:00Z"),
    winapp("Microsoft Visual C++ 2015-2022 Redistributable (x86) - 14.40.33810", "14.40.33810.0",
           "Microsoft Corporation", "i386", "{47109d57-d746-4f8b-9618-ed6a17cc922b}",
           "2026-03-20T00:00:00Z"),
    winapp("AWS Command Line Interface v2", "2.18.14.0", "Amazon Web Services", "x86_64",
           "{7F6E1A3B-5C2D-4E8F-9A0B-1C2D3E4F5A6B}", "2026-06-02T00:00:00Z"),
]
N3_AWSCOMP = [
    {"Name": "AWS PV Drivers", "ApplicationType": "Component", "Publisher": "Amazon Web Services",
     "Version": "8.4.3", "InstalledTime": "2026-03-14T00:00:00Z", "Architecture": "x86_64"},
    {"Name": "Amazon EC2Launch", "ApplicationType": "Component", "Publisher": "Amazon Web Services",
     "Version": "2.0.1981.0", "InstalledTime": "2026-03-14T00:00:00Z", "Architecture": "x86_64"},
    {"Name": "Amazon SSM Agent", "ApplicationType": "Component", "Publisher": "Amazon Web Services",
     "Version": "3.3.1142.0", "InstalledTime": "2026-09-18T00:00:00Z", "Architecture": "x86_64"},
    {"Name": "aws-cfn-bootstrap", "ApplicationType": "Component", "Publisher": "Amazon Web Services",
     "Version": "2.0.31", "InstalledTime": "2026-03-14T00:00:00Z", "Architecture": "x86_64",
     "URL": "https://aws.amazon.com/cloudformation/"},
]


def kb(hid, desc, installed, by="NT AUTHORITY\\SYSTEM"):
    return {"HotFixId": hid, "Description": desc, "InstalledTime": installed, "InstalledBy": by}


N3_UPDATES_T1 = [
    kb("KB5012170", "Security Update", "2026-03-14T00:00:00Z"),
    kb("KB5034439", "Security Update", "2026-03-14T00:00:00Z"),
    kb("KB5041590", "Update", "2026-03-20T00:00:00Z", "EC2AMAZ-4QJ8N2B\\Administrator"),
    kb("KB5065306", "Update", "2026-09-10T00:00:00Z"),
    kb("KB5066782", "Security Update", "2026-10-15T00:00:00Z"),
]
N3_NEW_KB = kb("KB5068787", "Security Update", "2026-11-12T00:00:00Z")
N3_UPDATES_T2 = N3_UPDATES_T1 + [N3_NEW_KB]
N3_NET = [{
    "Name": "Amazon Elastic Network Adapter", "SubnetMask": "255.255.255.0",
    "Gateway": "10.30.1.1", "DHCPServer": "10.30.1.1", "DNSServer": "10.30.0.2",
    "MacAddress": "06:5f:c2:8a:1d:e9", "IPV4": "10.30.1.84",
    "IPV6": "fe80::91d2:6c3a:4b7e:22f1",
}]
N3_INFO = instinfo(N3, "EC2AMAZ-4QJ8N2B.WORKGROUP", "10.30.1.84",
                   "Microsoft Windows Server 2022 Datacenter", "Windows", "10.0.20348", "3.3.1142.0")

# N4 Rocky Linux 9.4 on premises (hybrid, account 444455556666) --------------------------------
ROCKY = "Rocky Enterprise Software Foundation"
N4_APPS = [
    rpm("kernel", "0", "5.14.0", "427.13.1.el9_4", "x86_64", "2026-05-08T13:02:19Z",
        "The Linux kernel, based on version 5.14.0, heavily modified with backports",
        "https://www.kernel.org/", "kernel-5.14.0-427.13.1.el9_4.src.rpm", publisher=ROCKY),
    rpm("kernel", "0", "5.14.0", "427.18.1.el9_4", "x86_64", "2026-06-11T13:05:51Z",
        "The Linux kernel, based on version 5.14.0, heavily modified with backports",
        "https://www.kernel.org/", "kernel-5.14.0-427.18.1.el9_4.src.rpm", publisher=ROCKY),
    rpm("kernel-core", "0", "5.14.0", "427.13.1.el9_4", "x86_64", "2026-05-08T13:01:58Z",
        "The Linux kernel", "https://www.kernel.org/",
        "kernel-5.14.0-427.13.1.el9_4.src.rpm", publisher=ROCKY),
    rpm("kernel-core", "0", "5.14.0", "427.18.1.el9_4", "x86_64", "2026-06-11T13:05:30Z",
        "The Linux kernel", "https://www.kernel.org/",
        "kernel-5.14.0-427.18.1.el9_4.src.rpm", publisher=ROCKY),
    rpm("bash", "0", "5.1.8", "9.el9", "x86_64", "2026-05-08T12:41:07Z",
        "The GNU Bourne Again shell", "https://www.gnu.org/software/bash",
        "bash-5.1.8-9.el9.src.rpm", publisher=ROCKY),
    rpm("glibc", "0", "2.34", "100.el9_4.2", "x86_64", "2026-05-08T12:40:55Z",
        "The GNU libc libraries", "http://www.gnu.org/software/glibc/",
        "glibc-2.34-100.el9_4.2.src.rpm", publisher=ROCKY),
    rpm("openssl-libs", "1", "3.0.7", "27.el9", "x86_64", "2026-05-08T12:41:30Z",
        "A general purpose cryptography library with TLS implementation",
        "http://www.openssl.org/", "openssl-3.0.7-27.el9.src.rpm", publisher=ROCKY),
    rpm("systemd", "0", "252", "32.el9_4", "x86_64", "2026-05-08T12:42:11Z",
        "System and Service Manager", "https://systemd.io",
        "systemd-252-32.el9_4.src.rpm", publisher=ROCKY),
    rpm("openssh-server", "0", "8.7p1", "38.el9_4.4", "x86_64", "2026-05-08T12:43:02Z",
        "An open source SSH server daemon", "http://www.openssh.com/portable.html",
        "openssh-8.7p1-38.el9_4.4.src.rpm", publisher=ROCKY),
    rpm("python3", "0", "3.9.18", "3.el9_4.5", "x86_64", "2026-05-08T12:42:40Z",
        "Python 3.9 interpreter", "https://www.python.org/",
        "python3.9-3.9.18-3.el9_4.5.src.rpm", publisher=ROCKY),
    rpm("sudo", "0", "1.9.5p2", "10.el9_3", "x86_64", "2026-05-08T12:42:58Z",
        "Allows restricted root access for specified users", "https://www.sudo.ws",
        "sudo-1.9.5p2-10.el9_3.src.rpm", publisher=ROCKY),
    rpm("rocky-release", "0", "9.4", "1.7.el9", "noarch", "2026-05-08T12:40:12Z",
        "Rocky Linux release files", "https://rockylinux.org",
        "rocky-release-9.4-1.7.el9.src.rpm", publisher=ROCKY),
    # agent rpm from the S3 download has an empty Vendor -> Publisher ""
    rpm("amazon-ssm-agent", "0", "3.3.987.0", "1", "x86_64", "2026-09-03T03:40:27Z",
        "Manage EC2 Instances using Systems Manager", "https://github.com/aws/amazon-ssm-agent",
        "amazon-ssm-agent-3.3.987.0-1.src.rpm", publisher=""),
]
N4_NET = [
    {"Name": "ens192", "SubnetMask": "255.255.252.0", "Gateway": "10.80.12.1",
     "DNSServer": "10.80.0.10", "MacAddress": "00:50:56:9a:3c:71", "IPV4": "10.80.12.34",
     "IPV6": "fe80::250:56ff:fe9a:3c71"},
    {"Name": "ens224", "SubnetMask": "255.255.255.0",
     "MacAddress": "00:50:56:9a:8e:02", "IPV4": "10.80.200.34",
     "IPV6": "fe80::250:56ff:fe9a:8e02"},
]
N4_INFO = instinfo(N4, "dc1-app-rocky01.corp.example.local", "10.80.12.34", "Rocky Linux",
                   "Linux", "9.4", "3.3.987.0", rtype="ManagedInstance")

# N5 Amazon Linux 2 (terminated between T1 and T2) --------------------------------------------
AL2_BUILD = "2025-12-02T21:14:50Z"
N5_APPS = [
    rpm("bash", "0", "4.2.46", "34.amzn2", "x86_64", AL2_BUILD, "The GNU Bourne Again shell",
        "http://www.gnu.org/software/bash", "bash-4.2.46-34.amzn2.src.rpm",
        group="System Environment/Shells"),
    rpm("glibc", "0", "2.26", "64.amzn2.0.2", "x86_64", AL2_BUILD,
        "The GNU libc libraries", "http://www.gnu.org/software/glibc/",
        "glibc-2.26-64.amzn2.0.2.src.rpm", group="System Environment/Libraries"),
    rpm("openssl-libs", "1", "1.0.2k", "24.amzn2.0.12", "x86_64", AL2_BUILD,
        "A general purpose cryptography library with TLS implementation",
        "http://www.openssl.org/", "openssl-1.0.2k-24.amzn2.0.12.src.rpm",
        group="System Environment/Libraries"),
    rpm("kernel", "0", "5.10.225", "213.878.amzn2", "x86_64", AL2_BUILD,
        "The Linux kernel", "http://www.kernel.org/",
        "kernel-5.10.225-213.878.amzn2.src.rpm", group="System Environment/Kernel"),
    rpm("amazon-ssm-agent", "0", "3.3.859.0", "1.amzn2", "x86_64", "2026-07-22T02:05:13Z",
        "Manage EC2 Instances using Systems Manager", "https://github.com/aws/amazon-ssm-agent",
        "amazon-ssm-agent-3.3.859.0-1.amzn2.src.rpm", group="Unspecified"),
    rpm("python", "0", "2.7.18", "1.amzn2.0.10", "x86_64", AL2_BUILD,
        "An interpreted, interactive, object-oriented programming language",
        "http://www.python.org/", "python-2.7.18-1.amzn2.0.10.src.rpm",
        group="Development/Languages"),
    rpm("curl", "0", "8.3.0", "1.amzn2.0.5", "x86_64", AL2_BUILD,
        "A utility for getting files from remote servers (FTP, HTTP, and others)",
        "https://curl.se/", "curl-8.3.0-1.amzn2.0.5.src.rpm", group="Applications/Internet"),
    rpm("systemd", "0", "219", "78.amzn2.0.22", "x86_64", AL2_BUILD,
        "A System and Service Manager", "http://www.freedesktop.org/wiki/Software/systemd",
        "systemd-219-78.amzn2.0.22.src.rpm", group="System Environment/Base"),
    rpm("yum", "0", "3.4.3", "158.amzn2.0.7", "noarch", AL2_BUILD,
        "RPM package installer/updater/manager", "http://yum.baseurl.org/",
        "yum-3.4.3-158.amzn2.0.7.src.rpm", group="System Environment/Base"),
    rpm("aws-cfn-bootstrap", "0", "2.0", "29.amzn2", "noarch", AL2_BUILD,
        "An EC2 bootstrapper for CloudFormation", "https://aws.amazon.com/cloudformation/",
        "aws-cfn-bootstrap-2.0-29.amzn2.src.rpm", group="Applications/System"),
]
N5_NET = [{
    "Name": "eth0", "SubnetMask": "255.255.255.0", "Gateway": "10.20.3.1",
    "DHCPServer": "10.20.3.1", "DNSServer": "10.20.0.2",
    "MacAddress": "0e:71:d8:2b:94:c5", "IPV4": "10.20.3.54",
    "IPV6": "fe80::c71:d8ff:fe2b:94c5",
}]
N5_INFO_T1 = instinfo(N5, "ip-10-20-3-54.ec2.internal", "10.20.3.54", "Amazon Linux", "Linux",
                      "2", "3.3.859.0")
N5_INFO_T2 = dict(N5_INFO_T1, InstanceStatus="Terminated")

# N6 Amazon Linux 2023 aarch64 (new at T2) ------------------------------------------------------
N6_BUILD = "2026-10-22T18:30:41Z"
N6_APPS = [
    rpm("bash", "0", "5.2.15", "1.amzn2023.0.2", "aarch64", N6_BUILD,
        "The GNU Bourne Again shell", "https://www.gnu.org/software/bash",
        "bash-5.2.15-1.amzn2023.0.2.src.rpm"),
    rpm("glibc", "0", "2.34", "52.amzn2023.0.11", "aarch64", N6_BUILD,
        "The GNU libc libraries", "http://www.gnu.org/software/glibc/",
        "glibc-2.34-52.amzn2023.0.11.src.rpm"),
    rpm("openssl-libs", "1", "3.0.8", "2.amzn2023.0.1", "aarch64", N6_BUILD,
        "A general purpose cryptography library with TLS implementation",
        "http://www.openssl.org/", "openssl-3.0.8-2.amzn2023.0.1.src.rpm"),
    rpm("kernel", "0", "6.1.90", "99.173.amzn2023", "aarch64", N6_BUILD,
        "The Linux kernel", "https://www.kernel.org/",
        "kernel-6.1.90-99.173.amzn2023.src.rpm", group="System Environment/Kernel"),
    rpm("amazon-ssm-agent", "0", "3.3.987.0", "1.amzn2023", "aarch64", N6_BUILD,
        "Manage EC2 Instances using Systems Manager", "https://github.com/aws/amazon-ssm-agent",
        "amazon-ssm-agent-3.3.987.0-1.amzn2023.src.rpm"),
    rpm("python3", "0", "3.9.16", "1.amzn2023.0.9", "aarch64", N6_BUILD,
        "Python 3.9 interpreter", "https://www.python.org/",
        "python3.9-3.9.16-1.amzn2023.0.9.src.rpm"),
    rpm("systemd", "0", "252.23", "2.amzn2023", "aarch64", N6_BUILD,
        "System and Service Manager", "https://systemd.io",
        "systemd-252.23-2.amzn2023.src.rpm"),
    rpm("java-21-amazon-corretto-headless", "1", "21.0.5+11", "1.amzn2023.1", "aarch64",
        "2026-11-13T07:45:02Z", "Amazon Corretto headless development environment",
        "https://github.com/corretto/corretto-21",
        "java-21-amazon-corretto-21.0.5+11-1.amzn2023.1.src.rpm"),
    rpm("tzdata", "0", "2024a", "1.amzn2023.0.1", "noarch", N6_BUILD,
        "Timezone data", "https://www.iana.org/time-zones",
        "tzdata-2024a-1.amzn2023.0.1.src.rpm"),
    rpm("ca-certificates", "0", "2023.2.68", "1.0.amzn2023.0.1", "noarch", N6_BUILD,
        "The Mozilla CA root certificate bundle", "https://fedoraproject.org/wiki/CA-Certificates",
        "ca-certificates-2023.2.68-1.0.amzn2023.0.1.src.rpm"),
]
N6_NET = [{
    "Name": "ens5", "SubnetMask": "255.255.255.0", "Gateway": "10.20.4.1",
    "DHCPServer": "10.20.4.1", "DNSServer": "10.20.0.2",
    "MacAddress": "0e:a4:6f:13:7b:d8", "IPV4": "10.20.4.201",
    "IPV6": "fe80::ca4:6fff:fe13:7bd8",
}]
N6_INFO = instinfo(N6, "ip-10-20-4-201.ec2.internal", "10.20.4.201", "Amazon Linux", "Linux",
                   "2023", "3.3.987.0")

# --------------------------------------------------------------------------------------------
# the state model: (account, region, node) -> {typeName: rows}; used for counts and change checks

def fleet_state(point):
    t2 = point == "t2"
    s = {
        (ACCT, USE1, N1): {"AWS:Application": N1_APPS_T2 if t2 else N1_APPS_T1,
                           "AWS:Network": N1_NET, "AWS:InstanceInformation": [N1_INFO]},
        (ACCT, USE1, N2): {"AWS:Application": N2_APPS_T2 if t2 else N2_APPS_T1,
                           "AWS:Network": N2_NET, "AWS:InstanceInformation": [N2_INFO]},
        (ACCT, APNE1, N3): {"AWS:Application": N3_APPS, "AWS:AWSComponent": N3_AWSCOMP,
                            "AWS:Network": N3_NET,
                            "AWS:WindowsUpdate": N3_UPDATES_T2 if t2 else N3_UPDATES_T1,
                            "AWS:InstanceInformation": [N3_INFO]},
        (ACCT2, USE1, N4): {"AWS:Application": N4_APPS, "AWS:Network": N4_NET,
                            "AWS:InstanceInformation": [N4_INFO]},
        (ACCT, USE1, N5): {"AWS:Application": N5_APPS, "AWS:Network": N5_NET,
                           "AWS:InstanceInformation": [N5_INFO_T2 if t2 else N5_INFO_T1]},
    }
    if t2:
        s[(ACCT, USE1, N6)] = {"AWS:Application": N6_APPS, "AWS:Network": N6_NET,
                               "AWS:InstanceInformation": [N6_INFO]}
    return s


# capture times per node/type (SSM CaptureTime, second precision Z)
CAPTURE = {
    "t1": {N1: "2026-11-01T02:41:17Z", N2: "2026-11-01T02:48:05Z", N5: "2026-11-01T02:37:52Z"},
    # N5 is terminated before T2: its data-sync objects are kept as they were (same captureTime);
    # its InstanceInformation (get-inventory) keeps the last capture before termination.
    "t2": {N1: "2026-11-15T02:43:09Z", N2: "2026-11-15T02:51:36Z", N5: "2026-11-08T09:02:44Z",
           N6: "2026-11-15T02:39:58Z"},
}

# --------------------------------------------------------------------------------------------
# (a) resource data sync

def ds_path(type_folder, acct, region, node):
    return "datasync/%s/accountid=%s/region=%s/resourcetype=ManagedInstanceInventory/%s.json" % (
        type_folder, acct, region, node)


def ds_rows(rows, node, capture, schema, with_resource_id=True):
    out = []
    for r in rows:
        line = dict(r)
        if with_resource_id:
            line["resourceId"] = node
        line["captureTime"] = capture
        line["schemaVersion"] = schema
        out.append(line)
    return out


def write_datasync(root, point):
    ct = CAPTURE[point]
    t2 = point == "t2"
    # N1: every folder spelled AWS%3A<Type> (URL-encoded colon)
    write_jsonl(root, ds_path("AWS%3AApplication", ACCT, USE1, N1),
                ds_rows(N1_APPS_T2 if t2 else N1_APPS_T1, N1, ct[N1], "1.1"))
    write_jsonl(root, ds_path("AWS%3ANetwork", ACCT, USE1, N1),
                ds_rows(N1_NET, N1, ct[N1], "1.0"))
    write_jsonl(root, ds_path("AWS%3AInstanceInformation", ACCT, USE1, N1),
                ds_rows([N1_INFO], N1, ct[N1], "1.0"))
    # N5: folders spelled AWS_<Type>; after termination the objects stay as they were (T1 copy)
    write_jsonl(root, ds_path("AWS_Application", ACCT, USE1, N5),
                ds_rows(N5_APPS, N5, CAPTURE["t1"][N5], "1.1"))
    write_jsonl(root, ds_path("AWS_Network", ACCT, USE1, N5),
                ds_rows(N5_NET, N5, CAPTURE["t1"][N5], "1.0"))
    if t2:
        # N6 (new): plain AWS:<Type> folders for Application and InstanceInformation (the only
        # colon folder names in the fixture), AWS-Network with a hyphen. Its InstanceInformation
        # line has no resourceId (tool must fall back to InstanceId / the file name).
        write_jsonl(root, ds_path("AWS:Application", ACCT, USE1, N6),
                    ds_rows(N6_APPS, N6, ct[N6], "1.1"))
        write_jsonl(root, ds_path("AWS:InstanceInformation", ACCT, USE1, N6),
                    ds_rows([N6_INFO], N6, ct[N6], "1.0", with_resource_id=False))
        write_jsonl(root, ds_path("AWS-Network", ACCT, USE1, N6),
                    ds_rows(N6_NET, N6, ct[N6], "1.0"))


# --------------------------------------------------------------------------------------------
# (b) SSM CLI output: list-inventory-entries (one node+type per file) and get-inventory

CLI_DIR = "cli/accountid=%s/region=%s/" % (ACCT, USE1)
PAGE1_SIZE = 8  # the capture script used --max-results 8


def write_cli(root, point):
    ct = CAPTURE[point]
    apps = N2_APPS_T2 if point == "t2" else N2_APPS_T1
    token = ("AAEAAeXa1xHkNzX0tRcxBiM2Y+qS1m0pQy6x0nWb4iO5AAAAAAAAAC9y3V7uH4mVf7mYw8Q1c2Vh"
             "c1f3bGlzdC1pbnZlbnRvcnktZW50cmllcy0%s-page2" % point)
    write_json(root, CLI_DIR + "list-inventory-entries_%s_AWS-Application_page1.json" % N2, {
        "TypeName": "AWS:Application", "InstanceId": N2, "SchemaVersion": "1.1",
        "CaptureTime": ct[N2], "Entries": apps[:PAGE1_SIZE], "NextToken": token})
    write_json(root, CLI_DIR + "list-inventory-entries_%s_AWS-Application_page2.json" % N2, {
        "TypeName": "AWS:Application", "InstanceId": N2, "SchemaVersion": "1.1",
        "CaptureTime": ct[N2], "Entries": apps[PAGE1_SIZE:]})
    # identical re-upload between T1 and T2: same Entries, only CaptureTime differs
    write_json(root, CLI_DIR + "list-inventory-entries_%s_AWS-Network.json" % N2, {
        "TypeName": "AWS:Network", "InstanceId": N2, "SchemaVersion": "1.0",
        "CaptureTime": ct[N2], "Entries": N2_NET})
    # get-inventory --filters Key=AWS:InstanceInformation.InstanceId,Values=N2,N5,Type=Equal
    hashes = {
        ("t1", N2): "9f0c1e5b7a3d2c8e4f6a1b0d9e8c7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e",
        ("t2", N2): "3b7e2a9c1d0f8e6b5a4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a",
        ("t1", N5): "c4d2e8f1a7b3c9d5e0f6a2b8c4d0e6f2a8b4c0d6e2f8a4b0c6d2e8f4a0b6c2d8",
        ("t2", N5): "e7a1c5f9b3d7e1a5c9f3b7d1e5a9c3f7b1d5e9a3c7f1b5d9e3a7c1f5b9d3e7a1",
    }
    n5info = N5_INFO_T2 if point == "t2" else N5_INFO_T1
    ents = [
        {"Id": N2, "Data": {"AWS:InstanceInformation": {
            "TypeName": "AWS:InstanceInformation", "SchemaVersion": "1.0",
            "CaptureTime": ct[N2], "ContentHash": hashes[(point, N2)], "Content": [N2_INFO]}}},
        {"Id": N5, "Data": {"AWS:InstanceInformation": {
            "TypeName": "AWS:InstanceInformation", "SchemaVersion": "1.0",
            "CaptureTime": ct[N5], "ContentHash": hashes[(point, N5)], "Content": [n5info]}}},
    ]
    if point == "t2":
        ents.reverse()  # service order differs between calls
    write_json(root, CLI_DIR + "get-inventory_AWS-InstanceInformation.json", {"Entities": ents})


# --------------------------------------------------------------------------------------------
# (c) AWS Config

def rel(rtype, rid, name, rname=None):
    return {"resourceId": rid, "resourceName": rname, "resourceType": rtype, "name": name}


def ec2_config(iid, itype, ami, az, subnet, vpc, ip, mac, eni, vol, sgs, tags, launch,
               key, profile, windows=False, arch="x86_64", state=("running", 16),
               attach_time=None):
    attach_time = attach_time or launch
    region = az[:-1]
    dns = ("ip-%s.ec2.internal" % ip.replace(".", "-")) if region == USE1 else \
        ("ip-%s.%s.compute.internal" % (ip.replace(".", "-"), region))
    groups = [{"groupName": n, "groupId": g} for g, n in sgs]
    cfg = {
        "amiLaunchIndex": 0,
        "imageId": ami,
        "instanceId": iid,
        "instanceType": itype,
        "kernelId": None,
        "keyName": key,
        "launchTime": launch,
        "monitoring": {"state": "disabled"},
        "placement": {"availabilityZone": az, "groupName": "", "tenancy": "default"},
        "platform": "windows" if windows else None,
        "privateDnsName": dns,
        "privateIpAddress": ip,
        "productCodes": [],
        "publicDnsName": "",
        "publicIpAddress": None,
        "state": {"code": state[1], "name": state[0]},
        "stateTransitionReason": "",
        "subnetId": subnet,
        "vpcId": vpc,
        "architecture": arch,
        "blockDeviceMappings": [{
            "deviceName": "/dev/sda1" if windows else "/dev/xvda",
            "ebs": {"attachTime": attach_time, "deleteOnTermination": True,
                    "status": "attached", "volumeId": vol}}],
        "clientToken": "terraform-%s" % uuid.uuid5(NS, iid).hex[:20],
        "ebsOptimized": True,
        "enaSupport": True,
        "hypervisor": "xen",
        "iamInstanceProfile": {"arn": "arn:aws:iam::%s:instance-profile/%s" % (ACCT, profile),
                               "id": "AIPA" + uuid.uuid5(NS, profile).hex[:17].upper()},
        "networkInterfaces": [{
            "attachment": {"attachTime": attach_time, "attachmentId": "eni-attach-" + eni[4:],
                           "deleteOnTermination": True, "deviceIndex": 0, "status": "attached",
                           "networkCardIndex": 0},
            "description": "",
            "groups": copy.deepcopy(groups),
            "ipv6Addresses": [],
            "macAddress": mac,
            "networkInterfaceId": eni,
            "ownerId": ACCT,
            "privateDnsName": dns,
            "privateIpAddress": ip,
            "privateIpAddresses": [{"primary": True, "privateDnsName": dns,
                                    "privateIpAddress": ip}],
            "sourceDestCheck": True,
            "status": "in-use",
            "subnetId": subnet,
            "vpcId": vpc,
            "interfaceType": "interface"}],
        "rootDeviceName": "/dev/sda1" if windows else "/dev/xvda",
        "rootDeviceType": "ebs",
        "securityGroups": groups,
        "sourceDestCheck": True,
        "tags": [{"key": k, "value": v} for k, v in tags.items()],
        "virtualizationType": "hvm",
        "cpuOptions": {"coreCount": 1, "threadsPerCore": 2},
        "capacityReservationSpecification": {"capacityReservationPreference": "open"},
        "hibernationOptions": {"configured": False},
        "metadataOptions": {"state": "applied", "httpTokens": "required",
                            "httpPutResponseHopLimit": 2, "httpEndpoint": "enabled",
                            "httpProtocolIpv6": "disabled", "instanceMetadataTags": "disabled"},
        "enclaveOptions": {"enabled": False},
        "platformDetails": "Windows" if windows else "Linux/UNIX",
        "usageOperation": "RunInstances:0002" if windows else "RunInstances",
        "privateDnsNameOptions": {"hostnameType": "ip-name", "enableResourceNameDnsARecord": False,
                                  "enableResourceNameDnsAAAARecord": False},
        "maintenanceOptions": {"autoRecovery": "default"},
    }
    return cfg


def ec2_relationships(eni, sgs, subnet, vol, vpc):
    r = [rel("AWS::EC2::NetworkInterface", eni, "Contains NetworkInterface")]
    r += [rel("AWS::EC2::SecurityGroup", g, "Is associated with SecurityGroup") for g, _ in sgs]
    r += [rel("AWS::EC2::Subnet", subnet, "Is contained in Subnet"),
          rel("AWS::EC2::Volume", vol, "Is attached to Volume"),
          rel("AWS::EC2::VPC", vpc, "Is contained in Vpc")]
    return r


def s3_ci(rtype, rid, acct, region, az, capture, status, arn, config, relationships, tags,
          created, name=None, supplementary=None):
    ci = {
        "relatedEvents": [],
        "relationships": relationships,
        "configuration": config,
        "supplementaryConfiguration": supplementary if supplementary is not None else {},
        "tags": tags,
        "configurationItemVersion": "1.3",
        "configurationItemCaptureTime": capture,
        "configurationStateId": iso_ms(capture),
        "awsAccountId": acct,
        "configurationItemStatus": status,
        "resourceType": rtype,
        "resourceId": rid,
        "resourceName": name,
        "ARN": arn,
        "awsRegion": region,
        "availabilityZone": az,
        "configurationStateMd5Hash": "",
        "resourceCreationTime": created,
    }
    if config is None and status == "ResourceDeleted":
        del ci["configuration"]
    return ci


# EC2 instance descriptions -------------------------------------------------------------------
N1_TAGS_T1 = {"Name": "web-al2023-01", "Environment": "prod", "CostCenter": "cc-1042",
              "Owner": "platform-team"}
N1_TAGS_T2 = dict(N1_TAGS_T1, CostCenter="cc-2077")
N1_LAUNCH_T1 = "2026-03-14T20:05:44.000Z"
N1_LAUNCH_T2 = "2026-11-10T22:05:11.000Z"  # stop/start needed to change the instance type
N1_SGS_T1 = [(SG_WEB, "web-al2023")]
N1_SGS_T2 = [(SG_WEB, "web-al2023"), (SG_MON, "monitoring-agents")]
N1_EC2 = dict(ami="ami-0f3c7d07486cad139", az="us-east-1a", subnet="subnet-0c8e2f1a4b7d9e350",
              vpc=VPC_USE1, ip="10.20.1.37", mac="0e:3a:91:5c:d2:47", eni="eni-0a7c3e9f1b5d2c846",
              vol="vol-0b2e8d4f6a1c3e597", key="prod-use1", profile="ssm-managed-ec2")

N2_TAGS = {"Name": "web-ubuntu-01", "Environment": "prod", "CostCenter": "cc-1042",
           "Owner": "platform-team"}
N2_SGS = [(SG_WEB, "web-al2023"), (SG_MON, "monitoring-agents")]
N2_EC2 = dict(ami="ami-0e86e20dae9224db8", az="us-east-1b", subnet="subnet-07d1b3f5e9a2c4e68",
              vpc=VPC_USE1, ip="10.20.2.118", mac="0e:b7:44:19:a0:3c", eni="eni-0d3f7b1e9c5a2f461",
              vol="vol-0e5a9c3d7b1f2e684", key="prod-use1", profile="ssm-managed-ec2")

N5_TAGS = {"Name": "batch-al2-legacy", "Environment": "prod", "CostCenter": "cc-1042",
           "Owner": "data-team"}
N5_SGS = [(SG_MON, "monitoring-agents")]
N5_EC2 = dict(ami="ami-0ebfd941bbafe70c6", az="us-east-1c", subnet="subnet-02a6c8e0f4b1d3e57",
              vpc=VPC_USE1, ip="10.20.3.54", mac="0e:71:d8:2b:94:c5", eni="eni-06b8d0f2a4c6e1d93",
              vol="vol-03f7b1d5e9a2c6d80", key="prod-use1", profile="ssm-managed-ec2")

N6_TAGS = {"Name": "api-graviton-01", "Environment": "prod", "CostCenter": "cc-2077",
           "Owner": "platform-team"}
N6_SGS = [(SG_WEB, "web-al2023"), (SG_MON, "monitoring-agents")]
N6_EC2 = dict(ami="ami-0c9e8a7b6d5f4e312", az="us-east-1a", subnet="subnet-0c8e2f1a4b7d9e350",
              vpc=VPC_USE1, ip="10.20.4.201", mac="0e:a4:6f:13:7b:d8", eni="eni-0f1e2d3c4b5a69788",
              vol="vol-0a9b8c7d6e5f40312", key="prod-use1", profile="ssm-managed-ec2")

N3_TAGS = {"Name": "jp-office-win01", "Environment": "prod", "CostCenter": "cc-3150",
           "Owner": "tokyo-it", "部署": "情報システム部"}
N3_SGS = [(SG_WIN, "win-rdp-from-corp")]
N3_EC2 = dict(ami="ami-0a7d3b9c4e1f25d86", az="ap-northeast-1a", subnet="subnet-0e4b6d8f0a2c1e375",
              vpc=VPC_APNE1, ip="10.30.1.84", mac="06:5f:c2:8a:1d:e9", eni="eni-0c5e7a9b1d3f2e684",
              vol="vol-0d8f2a4c6e0b1d397", key="prod-apne1", profile="ssm-managed-ec2")


def ec2_arn(region, iid):
    return "arn:aws:ec2:%s:%s:instance/%s" % (region, ACCT, iid)


def ec2_ci(desc, iid, itype, tags, sgs, launch, capture, status="OK", windows=False,
           arch="x86_64", shuffle_rel=False, attach_time=None, state=("running", 16)):
    d = desc
    cfg = ec2_config(iid, itype, d["ami"], d["az"], d["subnet"], d["vpc"], d["ip"], d["mac"],
                     d["eni"], d["vol"], sgs, tags, launch, d["key"], d["profile"],
                     windows=windows, arch=arch, attach_time=attach_time, state=state)
    rels = ec2_relationships(d["eni"], sgs, d["subnet"], d["vol"], d["vpc"])
    if shuffle_rel:
        rels = [rels[i] for i in (3, 0, 4, 2, 1, 5)[:len(rels)]] if len(rels) == 6 else rels[::-1]
    region = d["az"][:-1]
    return s3_ci("AWS::EC2::Instance", iid, ACCT, region, d["az"], capture, status,
                 ec2_arn(region, iid), cfg, rels, dict(tags), attach_time or launch)


def sg_ci(gid, name, desc, perms, capture, created):
    cfg = {
        "description": desc,
        "groupName": name,
        "ipPermissions": perms,
        "ownerId": ACCT,
        "groupId": gid,
        "ipPermissionsEgress": [{"ipProtocol": "-1", "ipv6Ranges": [], "prefixListIds": [],
                                 "userIdGroupPairs": [], "ipv4Ranges": [{"cidrIp": "0.0.0.0/0"}],
                                 "ipRanges": ["0.0.0.0/0"]}],
        "tags": [],
        "vpcId": VPC_USE1,
    }
    return s3_ci("AWS::EC2::SecurityGroup", gid, ACCT, USE1, "Not Applicable", capture, "OK",
                 "arn:aws:ec2:%s:%s:security-group/%s" % (USE1, ACCT, gid), cfg,
                 [rel("AWS::EC2::VPC", VPC_USE1, "Is contained in Vpc")], {}, None, name=name)


SG_WEB_PERMS = [
    {"fromPort": 443, "ipProtocol": "tcp", "ipv6Ranges": [], "prefixListIds": [], "toPort": 443,
     "userIdGroupPairs": [], "ipv4Ranges": [{"cidrIp": "10.20.0.0/16"}], "ipRanges": ["10.20.0.0/16"]},
    {"fromPort": 80, "ipProtocol": "tcp", "ipv6Ranges": [], "prefixListIds": [], "toPort": 80,
     "userIdGroupPairs": [], "ipv4Ranges": [{"cidrIp": "10.20.0.0/16"}], "ipRanges": ["10.20.0.0/16"]},
]
SG_MON_PERMS = [
    {"fromPort": 9100, "ipProtocol": "tcp", "ipv6Ranges": [], "prefixListIds": [], "toPort": 9100,
     "userIdGroupPairs": [], "ipv4Ranges": [{"cidrIp": "10.20.250.0/24",
                                             "description": "prometheus"}],
     "ipRanges": ["10.20.250.0/24"]},
]


def mii_config(info, apps=None, awscomp=None, net=None, updates=None, app_order=None):
    """Current (map-keyed) ManagedInstanceInventory configuration."""
    cfg = {"AWS:InstanceInformation": {"SchemaVersion": "1.0",
                                       "Content": {info["InstanceId"]: info}}}

    def by_key(rows, keyf):
        m = {}
        for r in rows:
            k = keyf(r)
            if k in m:
                m[k] = (m[k] if isinstance(m[k], list) else [m[k]]) + [r]
            else:
                m[k] = r
        return m

    if apps is not None:
        content = by_key(apps, lambda r: r["Name"])
        if app_order == "reverse":
            content = dict(reversed(list(content.items())))
        cfg["AWS:Application"] = {"SchemaVersion": "1.1", "Content": content}
    if awscomp is not None:
        cfg["AWS:AWSComponent"] = {"SchemaVersion": "1.0",
                                   "Content": by_key(awscomp, lambda r: r["Name"])}
    if net is not None:
        cfg["AWS:Network"] = {"SchemaVersion": "1.0", "Content": by_key(net, lambda r: r["Name"])}
    if updates is not None:
        cfg["AWS:WindowsUpdate"] = {"SchemaVersion": "1.0",
                                    "Content": by_key(updates, lambda r: r["HotFixId"])}
    return cfg


def mii_ci(acct, region, node, cfg, capture, rels):
    return s3_ci("AWS::SSM::ManagedInstanceInventory", node, acct, region, None, capture, "OK",
                 "arn:aws:ssm:%s:%s:managed-instance-inventory/%s" % (region, acct, node),
                 cfg, rels, {}, None, name="")


def snapshot_doc(acct, region, stamp, cis):
    sid = str(uuid.uuid5(NS, "%s/%s/%s" % (acct, region, stamp)))
    return sid, {"fileVersion": "1.0", "configSnapshotId": sid, "configurationItems": cis}


def snapshot_key(acct, region, point, sid):
    stamp = "20261101T030000Z" if point == "t1" else "20261115T030000Z"
    day = "1" if point == "t1" else "15"  # not zero-padded
    return ("config/AWSLogs/%s/Config/%s/2026/11/%s/ConfigSnapshot/"
            "%s_Config_%s_ConfigSnapshot_%s_%s.json.gz" % (acct, region, day, acct, region, stamp, sid))


CFG_CAPTURE = {
    "t1": {"N1": "2026-10-20T08:14:37.412Z", "N2": "2026-10-22T11:02:51.905Z",
           "N3": "2026-10-16T00:21:44.118Z", "N5": "2026-10-09T17:45:03.270Z",
           "SG_WEB": "2026-09-30T05:12:40.601Z", "SG_MON": "2026-09-30T05:12:41.227Z",
           "MII3": "2026-10-31T23:47:12.530Z", "MII4": "2026-10-31T22:05:37.084Z"},
    "t2": {"N1": "2026-11-10T22:06:02.733Z", "N2": "2026-11-12T04:31:19.046Z",
           "N3": "2026-11-12T15:03:27.891Z", "N6": "2026-11-13T07:12:48.310Z",
           "SG_WEB": "2026-11-06T05:12:40.950Z", "SG_MON": "2026-11-06T05:12:41.613Z",
           "MII3": "2026-11-14T23:52:06.147Z", "MII4": "2026-11-14T22:08:15.962Z"},
}


def write_config(root, point):
    c = CFG_CAPTURE[point]
    t2 = point == "t2"
    stamp = "20261101T030000Z" if point == "t1" else "20261115T030000Z"

    # 111122223333 / us-east-1: recorder records EC2 instances and security groups (not MII)
    cis = [
        ec2_ci(N1_EC2, N1, "t3.large" if t2 else "t3.medium", N1_TAGS_T2 if t2 else N1_TAGS_T1,
               N1_SGS_T2 if t2 else N1_SGS_T1, N1_LAUNCH_T2 if t2 else N1_LAUNCH_T1, c["N1"],
               attach_time=N1_LAUNCH_T1),
        ec2_ci(N2_EC2, N2, "t3.small", N2_TAGS, N2_SGS, "2026-02-03T09:41:26.000Z", c["N2"],
               shuffle_rel=t2),
    ]
    if not t2:
        cis.append(ec2_ci(N5_EC2, N5, "m5.large", N5_TAGS, N5_SGS, "2025-12-02T21:20:18.000Z",
                          c["N5"]))
    else:
        cis.append(ec2_ci(N6_EC2, N6, "t4g.medium", N6_TAGS, N6_SGS, "2026-11-13T07:10:55.000Z",
                          c["N6"], status="ResourceDiscovered", arch="arm64"))
    cis.append(sg_ci(SG_WEB, "web-al2023", "web tier (ALB to instances)", SG_WEB_PERMS,
                     c["SG_WEB"], None))
    cis.append(sg_ci(SG_MON, "monitoring-agents", "node exporter scrape from monitoring subnet",
                     SG_MON_PERMS, c["SG_MON"], None))
    sid, doc = snapshot_doc(ACCT, USE1, stamp, cis)
    write_gz_json(root, snapshot_key(ACCT, USE1, point, sid), doc)

    # 111122223333 / ap-northeast-1: records everything incl. MII
    mii3 = mii_ci(ACCT, APNE1, N3,
                  mii_config(N3_INFO, N3_APPS, N3_AWSCOMP, N3_NET,
                             N3_UPDATES_T2 if t2 else N3_UPDATES_T1,
                             app_order="reverse" if t2 else None),
                  c["MII3"], [rel("AWS::EC2::Instance", N3, "Is associated with ", "")])
    cis = [ec2_ci(N3_EC2, N3, "m6i.xlarge", N3_TAGS, N3_SGS, "2026-03-14T02:30:19.000Z", c["N3"],
                  windows=True), mii3]
    sid, doc = snapshot_doc(ACCT, APNE1, stamp, cis)
    write_gz_json(root, snapshot_key(ACCT, APNE1, point, sid), doc)

    # 444455556666 / us-east-1: only the hybrid node's MII CI
    mii4 = mii_ci(ACCT2, USE1, N4, mii_config(N4_INFO, N4_APPS, None, N4_NET, None),
                  c["MII4"], [])
    sid, doc = snapshot_doc(ACCT2, USE1, stamp, [mii4])
    write_gz_json(root, snapshot_key(ACCT2, USE1, point, sid), doc)

    if t2:
        write_history(root)


def write_history(root):
    """get-resource-config-history for the terminated N5 (AWS CLI v1 output, newest first)."""
    base = ec2_ci(N5_EC2, N5, "m5.large", N5_TAGS, N5_SGS, "2025-12-02T21:20:18.000Z",
                  "2026-11-08T09:14:22.000Z", state=("terminated", 48))
    term_cfg = base["configuration"]
    term_cfg["stateTransitionReason"] = "User initiated (2026-11-08 09:13:51 GMT)"
    term_cfg["stateReason"] = {"code": "Client.UserInitiatedShutdown",
                               "message": "Client.UserInitiatedShutdown: User initiated shutdown"}
    term_cfg["privateDnsName"] = ""
    term_cfg["blockDeviceMappings"] = []
    term_cfg["networkInterfaces"] = []
    term_cfg["privateIpAddress"] = None
    arn = ec2_arn(USE1, N5)
    created = "__RAW_CREATED__"
    deleted = {
        "version": "1.3",
        "accountId": ACCT,
        "configurationItemCaptureTime": "__RAW_DEL__",
        "configurationItemStatus": "ResourceDeleted",
        "configurationStateId": "1794133131512",
        "configurationItemMD5Hash": "",
        "arn": arn,
        "resourceType": "AWS::EC2::Instance",
        "resourceId": N5,
        "awsRegion": USE1,
        "availabilityZone": "us-east-1c",
        "resourceCreationTime": created,
        "tags": {},
        "relatedEvents": [],
        "relationships": [],
        "supplementaryConfiguration": {},
    }
    terminated = {
        "version": "1.3",
        "accountId": ACCT,
        "configurationItemCaptureTime": "__RAW_TERM__",
        "configurationItemStatus": "OK",
        "configurationStateId": "1794129262229",
        "configurationItemMD5Hash": "",
        "arn": arn,
        "resourceType": "AWS::EC2::Instance",
        "resourceId": N5,
        "awsRegion": USE1,
        "availabilityZone": "us-east-1c",
        "resourceCreationTime": created,
        "tags": dict(N5_TAGS),
        "relatedEvents": [],
        "relationships": [
            {"resourceType": "AWS::EC2::SecurityGroup", "resourceId": SG_MON,
             "relationshipName": "Is associated with SecurityGroup"},
            {"resourceType": "AWS::EC2::Subnet", "resourceId": N5_EC2["subnet"],
             "relationshipName": "Is contained in Subnet"},
            {"resourceType": "AWS::EC2::VPC", "resourceId": VPC_USE1,
             "relationshipName": "Is contained in Vpc"},
        ],
        "configuration": json.dumps(term_cfg, separators=(",", ":")),
        "supplementaryConfiguration": {},
    }
    # 2026-11-08T10:18:51.512Z and 2026-11-08T09:14:22.229Z, printed the way CLI v1 on an
    # old Python re-prints floats (binary noise); resourceCreationTime 2025-12-02T21:20:18Z
    assert iso_ms("2026-11-08T10:18:51.512Z") == 1794133131512
    assert iso_ms("2026-11-08T09:14:22.229Z") == 1794129262229
    raw = {"__RAW_DEL__": "1794133131.5120001", "__RAW_TERM__": "1794129262.2290001",
           "__RAW_CREATED__": "1764710418.0"}
    assert iso_ms("2025-12-02T21:20:18.000Z") == 1764710418000
    write_json(root, "config-history/get-resource-config-history_AWS-EC2-Instance_%s.json" % N5,
               {"configurationItems": [deleted, terminated]}, raw_numbers=raw)


# --------------------------------------------------------------------------------------------
# expected changes and counts

def app_key(r):
    v = r.get("Version", "")
    if r.get("Release"):
        v += "-" + r["Release"]
    return "%s %s %s" % (r["Name"], v, r.get("Architecture", ""))


def app_key_fields(r):
    return {k: r[k] for k in ("Name", "Version", "Release", "Architecture", "Publisher") if k in r}


def expected_changes():
    ch = []

    def add(change, acct, region, rid, tname, key, fields=None, key_fields=None, note=None):
        e = {"change": change, "accountId": acct, "region": region, "resourceId": rid,
             "typeName": tname, "key": key}
        if key_fields is not None:
            e["keyFields"] = key_fields
        if fields is not None:
            e["fields"] = fields
        if note:
            e["note"] = note
        ch.append(e)

    # N1 AL2023: openssl-libs upgrade (one changed row)
    fields = [{"name": f, "before": N1_OPENSSL_T1[f], "after": N1_OPENSSL_T2[f]}
              for f in N1_OPENSSL_T1 if N1_OPENSSL_T1[f] != N1_OPENSSL_T2[f]]
    add("changed", ACCT, USE1, N1, "AWS:Application", "openssl-libs x86_64", fields,
        {"Name": "openssl-libs", "Architecture": "x86_64", "Publisher": "Amazon Linux"})
    # kernels: remove 6.1.79, add 6.1.90 (6.1.82 untouched)
    add("removed", ACCT, USE1, N1, "AWS:Application", app_key(N1_KERNEL_79),
        key_fields=app_key_fields(N1_KERNEL_79))
    add("added", ACCT, USE1, N1, "AWS:Application", app_key(N1_KERNEL_90),
        key_fields=app_key_fields(N1_KERNEL_90))
    # N2 Ubuntu: telnet removed
    add("removed", ACCT, USE1, N2, "AWS:Application", app_key(N2_TELNET),
        key_fields=app_key_fields(N2_TELNET))
    # N3 Windows: new update
    add("added", ACCT, APNE1, N3, "AWS:WindowsUpdate", N3_NEW_KB["HotFixId"],
        key_fields={"HotFixId": N3_NEW_KB["HotFixId"]})
    # N5 terminated: status change only (its rows are kept, not removed)
    add("statusChanged", ACCT, USE1, N5, "AWS:InstanceInformation", N5,
        [{"name": "InstanceStatus", "before": "Active", "after": "Terminated"}],
        {"InstanceId": N5})
    add("statusChanged", ACCT, USE1, N5, "AWS::EC2::Instance", N5,
        [{"name": "configurationItemStatus", "before": "OK", "after": "ResourceDeleted"}],
        note="latest CI is ResourceDeleted (get-resource-config-history, newest first); "
             "configuration absent, so no field-level diff is expected")
    # N1 EC2 configuration change
    sg_before = [{"groupName": n, "groupId": g} for g, n in N1_SGS_T1]
    sg_after = [{"groupName": n, "groupId": g} for g, n in N1_SGS_T2]
    add("changed", ACCT, USE1, N1, "AWS::EC2::Instance", N1, [
        {"name": "configuration.instanceType", "before": "t3.medium", "after": "t3.large"},
        {"name": "configuration.launchTime", "before": N1_LAUNCH_T1, "after": N1_LAUNCH_T2},
        {"name": "configuration.securityGroups", "before": sg_before, "after": sg_after},
        {"name": "tags.CostCenter", "before": "cc-1042", "after": "cc-2077"},
    ], note="the same edits also show in configuration.tags (CostCenter value), "
            "configuration.networkInterfaces[0].groups (SG added) and relationships (one "
            "'Is associated with SecurityGroup' to %s added); launchTime changed because the "
            "type change needs a stop/start" % SG_MON)
    # N6: new node, every row is an addition, plus its EC2 CI
    for r in N6_APPS:
        add("added", ACCT, USE1, N6, "AWS:Application", app_key(r), key_fields=app_key_fields(r))
    for r in N6_NET:
        add("added", ACCT, USE1, N6, "AWS:Network", r["Name"],
            key_fields={"Name": r["Name"], "MacAddress": r["MacAddress"]})
    add("added", ACCT, USE1, N6, "AWS:InstanceInformation", N6, key_fields={"InstanceId": N6})
    add("added", ACCT, USE1, N6, "AWS::EC2::Instance", N6)
    return ch


def counts(point):
    st = fleet_state(point)
    rows_by_type = {}
    by_node = {}
    for (acct, region, node), types in sorted(st.items()):
        by_node[node] = {"accountId": acct, "region": region,
                         "instanceStatus": types["AWS:InstanceInformation"][0]["InstanceStatus"],
                         "rows": {t: len(r) for t, r in sorted(types.items())}}
        for t, r in types.items():
            rows_by_type[t] = rows_by_type.get(t, 0) + len(r)
    if point == "t1":
        cfg = {"AWS::EC2::Instance": 4, "AWS::EC2::SecurityGroup": 2,
               "AWS::SSM::ManagedInstanceInventory": 2}
        cfg_status = {"AWS::EC2::Instance": {"OK": 4}}
        files = {"datasync": 5, "list-inventory-entries": 3, "get-inventory": 1,
                 "config-snapshot": 3, "get-resource-config-history": 0}
    else:
        cfg = {"AWS::EC2::Instance": 5, "AWS::EC2::SecurityGroup": 2,
               "AWS::SSM::ManagedInstanceInventory": 2}
        cfg_status = {"AWS::EC2::Instance": {"OK": 3, "ResourceDiscovered": 1,
                                             "ResourceDeleted": 1}}
        files = {"datasync": 8, "list-inventory-entries": 3, "get-inventory": 1,
                 "config-snapshot": 3, "get-resource-config-history": 1}
    statuses = {}
    for n in by_node.values():
        statuses[n["instanceStatus"]] = statuses.get(n["instanceStatus"], 0) + 1
    return {
        "captureTime": T1 if point == "t1" else T2,
        "nodes": len(st),
        "nodesByStatus": statuses,
        "accounts": sorted({k[0] for k in st}),
        "regions": sorted({k[1] for k in st}),
        "inventoryRows": dict(sorted(rows_by_type.items())),
        "inventoryRowsTotal": sum(rows_by_type.values()),
        "inventoryRowsByNode": by_node,
        "configResources": cfg,
        "configResourcesTotal": sum(cfg.values()),
        "configResourceStatus": cfg_status,
        "configItemsInFiles": sum(cfg.values()) + (1 if point == "t2" else 0),
        "sourceFiles": files,
        "sourceFilesTotal": sum(files.values()),
    }


# --------------------------------------------------------------------------------------------

def validate(root):
    """Every file parses: .json as JSON, datasync .json as JSON Lines, .json.gz after gunzip."""
    n = 0
    for dirpath, _, files in os.walk(root):
        for fn in files:
            p = os.path.join(dirpath, fn)
            rel = os.path.relpath(p, root)
            with open(p, "rb") as f:
                data = f.read()
            if fn.endswith(".gz"):
                data = gzip.decompress(data)
            if not (fn.endswith(".json") or fn.endswith(".json.gz")):
                continue
            text = data.decode("utf-8")
            if "datasync" + os.sep in rel or rel.startswith("datasync"):
                for i, line in enumerate(text.splitlines(), 1):
                    obj = json.loads(line)
                    assert isinstance(obj, dict), (rel, i)
            else:
                json.loads(text)
            n += 1
    return n


def generate(out):
    for sub in ("t1", "t2"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    for point in ("t1", "t2"):
        root = os.path.join(out, point)
        write_datasync(root, point)
        write_cli(root, point)
        write_config(root, point)
        validate(root)
    with open(os.path.join(out, "expected-changes.json"), "w", encoding="utf-8") as f:
        ch = expected_changes()
        summary = {}
        for c in ch:
            summary[c["change"]] = summary.get(c["change"], 0) + 1
        f.write(dumps({"base": "t1", "target": "t2", "summary": summary, "changes": ch}))
    with open(os.path.join(out, "expected-counts.json"), "w", encoding="utf-8") as f:
        f.write(dumps({"t1": counts("t1"), "t2": counts("t2")}))
    # sanity: counted files match what was written
    for point in ("t1", "t2"):
        total = sum(len(fs) for _, _, fs in os.walk(os.path.join(out, point)))
        assert total == counts(point)["sourceFilesTotal"], (point, total)


def main():
    if "--check" in sys.argv:
        tmp = tempfile.mkdtemp()
        try:
            generate(tmp)
            cmp = filecmp.dircmp(HERE, tmp)
            bad = []

            def walk(d, prefix=""):
                bad.extend(prefix + x for x in d.diff_files + d.right_only)
                for name, sub in d.subdirs.items():
                    walk(sub, prefix + name + "/")
            walk(cmp)
            if bad:
                print("out of date: " + ", ".join(bad))
                sys.exit(1)
            print("fixtures up to date")
        finally:
            shutil.rmtree(tmp)
        return
    generate(HERE)
    print("wrote %d files" % len(WRITTEN))


if __name__ == "__main__":
    main()
