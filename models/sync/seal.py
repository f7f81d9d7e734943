"""A package on disk: a readable manifest line, then the records, compressed and encrypted.

AES-256-GCM with a key from scrypt over the passphrase (cryptography, no network, no native
tools); the manifest line is the associated data, so changing a single byte of it or of the
records is found. A short check value derived from the key tells a wrong passphrase apart from
a damaged file. scrypt's cost is in the manifest: a later version can raise it and still open
older packages.
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
from pathlib import Path

from models.errors import ValidationError

MAGIC = b"XIANFENG-PACKAGE 1\n"
FORMAT = 1
SCRYPT_N = 2 ** 15  # about 0.1-0.3 s and 32 MB on an old PC
_MAX_N = 2 ** 20


class PackageError(ValidationError):
    """The package cannot be used; nothing was written."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _keys(passphrase: str, salt: bytes, n: int) -> tuple[bytes, str]:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    raw = Scrypt(salt=salt, length=64, n=n, r=8, p=1).derive(passphrase.encode("utf-8"))
    return raw[:32], _b64(hashlib.sha256(b"xianfeng-check" + raw[32:]).digest()[:12])


def seal(manifest: dict, records: dict, passphrase: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(passphrase) < 6:
        raise PackageError("数据包口令至少要 6 个字符。")
    payload = gzip.compress(json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)
    salt, nonce = os.urandom(16), os.urandom(12)
    key, check = _keys(passphrase, salt, SCRYPT_N)
    head = dict(manifest, format=FORMAT, checksum=hashlib.sha256(payload).hexdigest(), size=len(payload),
                kdf={"name": "scrypt", "n": SCRYPT_N, "r": 8, "p": 1, "salt": _b64(salt)},
                nonce=_b64(nonce), check=check)
    line = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return MAGIC + line + b"\n" + AESGCM(key).encrypt(nonce, payload, line)


def _split(data: bytes) -> tuple[bytes, dict, bytes]:
    if not data.startswith(MAGIC) or b"\n" not in data[len(MAGIC):]:
        raise PackageError("这不是先锋台账的数据包，或文件已损坏。请确认选择的是 .xfpkg 文件。")
    line, _, body = data[len(MAGIC):].partition(b"\n")
    try:
        head = json.loads(line.decode("utf-8"))
        if not isinstance(head, dict):
            raise ValueError
    except ValueError:
        raise PackageError("数据包的说明部分已损坏，无法读取。请让对方重新生成数据包。") from None
    return line, head, body


def manifest(data: bytes) -> dict:
    """The readable part, without the passphrase: who sent it, for whom, what it holds."""
    return _split(data)[1]


def unseal(data: bytes, passphrase: str) -> tuple[dict, dict]:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    line, head, body = _split(data)
    if int(head.get("format", 0)) > FORMAT:
        raise PackageError("这个数据包由较新版本的先锋台账生成，本程序读不了。请先把先锋台账升级到最新版本。")
    try:
        kdf = head["kdf"]
        n = int(kdf["n"])
        if kdf["name"] != "scrypt" or not 2 <= n <= _MAX_N:
            raise ValueError
        key, check = _keys(passphrase, base64.b64decode(kdf["salt"]), n)
        nonce = base64.b64decode(head["nonce"])
    except (KeyError, ValueError, TypeError):
        raise PackageError("数据包的说明部分已损坏，无法读取。请让对方重新生成数据包。") from None
    if check != head.get("check"):
        raise PackageError("数据包口令不对。请向生成数据包的同志核对口令（注意大小写和全角半角）。")
    try:
        payload = AESGCM(key).decrypt(nonce, body, line)
    except InvalidTag:
        raise PackageError("数据包已损坏或被改动过（也可能没有完整复制到U盘），没有接收。"
                           "请让对方重新生成数据包，或重新复制一次。") from None
    if hashlib.sha256(payload).hexdigest() != head.get("checksum"):
        raise PackageError("数据包的校验码不符，没有接收。请让对方重新生成数据包。")
    return head, json.loads(gzip.decompress(payload).decode("utf-8"))


def write_safely(path: Path, data: bytes) -> None:
    """Temporary file beside the target, flushed to the stick, then renamed over it: a pulled
    USB stick leaves either no package or a whole one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):  # the rename itself, on systems that can sync a folder
        fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
