#!/usr/bin/env python3
"""Packs a built `harness` binary into a platform wheel, with Python's standard library only.

    python3 scripts/pack_wheel.py BINARY OUTDIR   # prints the wheel's path

The layout is ruff's: the binary is `NAME-VERSION.data/scripts/harness` (mode 0755), which pip
installs onto PATH; `WHEEL` says `Root-Is-Purelib: false` and the tag; `RECORD` holds the
sha256 of every file. The version is read from Sources/Harness/HarnessVersion.swift, the one
place `harness --version` also reads, so the two cannot disagree.

The platform tag is read from the binary, never assumed: the manylinux version is the highest
GLIBC_x.y symbol version the binary asks the dynamic loader for (a manylinux_2_17 tag on a
binary that needs glibc 2.35 would install where it cannot start). A binary that needs a
shared library outside the manylinux set (libswiftCore, libicu, libcurl...) is refused: it
would not run where Swift is not installed.
"""

import base64
import hashlib
import io
import os
import re
import struct
import sys
import zipfile

DISTRIBUTION = "nbharness"
SUMMARY = "Proves that a refactored data pipeline still behaves like the Jupyter notebook it came from"

# The libraries every manylinux platform promises (PEP 600 / auditwheel's policy), by soname.
MANYLINUX_LIBRARIES = {
    "libc.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libpthread.so.0", "libutil.so.1",
    "libgcc_s.so.1", "libstdc++.so.6", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
}
ELF_MACHINES = {62: "x86_64", 183: "aarch64"}
SHT_DYNAMIC, SHT_GNU_VERNEED = 6, 0x6FFFFFFE
DT_NEEDED = 1
# A statically linked binary asks the loader for nothing; it still needs a kernel, and
# manylinux2014 (glibc 2.17, kernel 3.10) is the oldest platform pip on any current Python
# accepts, so that is the honest floor to claim for it.
STATIC_FLOOR = (2, 17)


class PackError(Exception):
    pass


def read_version(root):
    path = os.path.join(root, "Sources", "Harness", "HarnessVersion.swift")
    with open(path, encoding="utf-8") as handle:
        match = re.search(r'static let current = "([^"]+)"', handle.read())
    if not match:
        raise PackError(f"{path}: no 'static let current = \"X.Y.Z\"' line; the wheel's version comes from there")
    version = match.group(1)
    if not re.fullmatch(r"\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?", version):
        raise PackError(f"{path}: version {version!r} is not a PEP 440 version (for example 0.2.0 or 0.2.0rc1)")
    return version


def elf_requirements(data, path):
    """(architecture, needed sonames, highest GLIBC_ version or None) of a 64-bit little-endian ELF."""
    if data[:4] != b"\x7fELF":
        raise PackError(f"{path}: not an ELF binary; only Linux wheels are packed so far")
    if data[4] != 2 or data[5] != 1:
        raise PackError(f"{path}: not a 64-bit little-endian ELF binary")
    machine, = struct.unpack_from("<H", data, 18)
    if machine not in ELF_MACHINES:
        raise PackError(f"{path}: ELF machine {machine} is neither x86_64 nor aarch64")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = []
    for index in range(shnum):
        name, kind, _flags, _addr, offset, size, link, info = struct.unpack_from(
            "<IIQQQQII", data, shoff + index * shentsize)
        sections.append((kind, offset, size, link, info))

    def string(table, offset):
        start = sections[table][1] + offset
        return data[start:data.index(b"\0", start)].decode("ascii", "replace")

    needed, glibc = [], []
    for kind, offset, size, link, info in sections:
        if kind == SHT_DYNAMIC:
            for entry in range(0, size, 16):
                tag, value = struct.unpack_from("<qQ", data, offset + entry)
                if tag == DT_NEEDED:
                    needed.append(string(link, value))
        elif kind == SHT_GNU_VERNEED:
            position = offset
            for _ in range(info):  # Elf64_Verneed records, each with its Vernaux list
                _version, count, _file, aux, following = struct.unpack_from("<HHIII", data, position)
                entry = position + aux
                for _ in range(count):
                    _hash, _flags, _other, name, next_aux = struct.unpack_from("<IHHII", data, entry)
                    match = re.fullmatch(r"GLIBC_(\d+)\.(\d+)(?:\.\d+)?", string(link, name))
                    if match:
                        glibc.append((int(match.group(1)), int(match.group(2))))
                    entry += next_aux
                position += following
    return ELF_MACHINES[machine], needed, max(glibc) if glibc else None


def platform_tag(binary):
    with open(binary, "rb") as handle:
        data = handle.read()
    arch, needed, glibc = elf_requirements(data, binary)
    foreign = sorted(set(needed) - MANYLINUX_LIBRARIES)
    if foreign:
        raise PackError(f"{binary}: needs {', '.join(foreign)}, which a machine without Swift does not have; "
                        "build it with scripts/build-release.sh (-static-executable), as scripts/build-wheel.sh does")
    major, minor = glibc or STATIC_FLOOR
    tag = f"manylinux_{major}_{minor}_{arch}"
    if (major, minor) == (2, 17):
        tag += f".manylinux2014_{arch}"  # the legacy alias older pips look for
    return tag, glibc, needed


def metadata(version, root):
    with open(os.path.join(root, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    header = [
        "Metadata-Version: 2.1",
        f"Name: {DISTRIBUTION}",
        f"Version: {version}",
        f"Summary: {SUMMARY}",
        "Requires-Python: >=3.8",
        "Classifier: Environment :: Console",
        "Classifier: Operating System :: POSIX :: Linux",
        "Classifier: Topic :: Software Development :: Testing",
        "Description-Content-Type: text/markdown",
    ]
    return "\n".join(header) + "\n\n" + readme


def record_line(name, payload):
    digest = base64.urlsafe_b64encode(hashlib.sha256(payload).digest()).rstrip(b"=").decode("ascii")
    return f"{name},sha256={digest},{len(payload)}"


def pack(binary, outdir, root):
    version = read_version(root)
    tag, glibc, needed = platform_tag(binary)
    stem = f"{DISTRIBUTION}-{version}"
    wheel_name = f"{stem}-py3-none-{tag}.whl"
    with open(binary, "rb") as handle:
        executable = handle.read()
    wheel_tags = "".join(f"Tag: py3-none-{one}\n" for one in tag.split("."))
    files = [
        (f"{stem}.data/scripts/harness", executable, 0o755),
        (f"{stem}.dist-info/METADATA", metadata(version, root).encode("utf-8"), 0o644),
        (f"{stem}.dist-info/WHEEL", ("Wheel-Version: 1.0\nGenerator: harness scripts/pack_wheel.py\n"
                                     "Root-Is-Purelib: false\n" + wheel_tags).encode("ascii"), 0o644),
    ]
    record_name = f"{stem}.dist-info/RECORD"
    record = "\n".join([record_line(name, payload) for name, payload, _ in files] + [f"{record_name},,"]) + "\n"
    files.append((record_name, record.encode("utf-8"), 0o644))

    os.makedirs(outdir, exist_ok=True)
    target = os.path.join(outdir, wheel_name)
    buffer = io.BytesIO()
    # Fixed timestamps and order: the same binary gives the same wheel, byte for byte.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, payload, mode in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, payload)
    temporary = target + ".partial"
    with open(temporary, "wb") as handle:
        handle.write(buffer.getvalue())
    os.replace(temporary, target)
    needs = f"glibc {glibc[0]}.{glibc[1]}" if glibc else "no glibc (static)"
    print(f"pack_wheel: {wheel_name}: {len(buffer.getvalue()) / 1e6:.1f} MB, binary {len(executable) / 1e6:.1f} MB, "
          f"needs {needs}; shared libraries: {', '.join(needed) or 'none'}", file=sys.stderr)
    return target


def main(arguments):
    if len(arguments) != 2:
        print("usage: pack_wheel.py BINARY OUTDIR", file=sys.stderr)
        return 2
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        print(pack(arguments[0], arguments[1], root))
    except (PackError, OSError) as error:
        print(f"pack_wheel: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
