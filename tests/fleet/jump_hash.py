import hashlib, sys
def jch(key, buckets):
    b, j = -1, 0
    while j < buckets:
        b = j
        key = (key * 2862933555777941757 + 1) & 0xFFFFFFFFFFFFFFFF
        j = int((b + 1) * (float(1 << 31) / float((key >> 33) + 1)))
    return b
def shard(k, n):
    return jch(int.from_bytes(hashlib.sha256(k.encode()).digest()[:8], "big"), n)
