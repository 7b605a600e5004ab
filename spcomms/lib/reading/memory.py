"""Give memory freed after loading a model back to the operating system (glibc keeps it in the heap otherwise)."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


@functools.cache
def _libc():
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name) if name else None


def release_freed_memory() -> None:
    libc = _libc()
    trim = getattr(libc, "malloc_trim", None) if libc is not None else None
    if trim is not None:  # glibc only; elsewhere the memory is simply reused by the process later
        trim(0)
