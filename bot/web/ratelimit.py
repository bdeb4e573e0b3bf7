"""How many messages, and how many new chats, one network address may send to the chat page.

Two token buckets per address: messages per minute, and new conversations (senders this
process has not seen) per hour. A survivor typing never comes near either; a script that
opens thousands of chats or floods messages gets a kind "429, please wait" instead of
filling the Rasa server's memory. Each page process keeps its own buckets in memory.

Configuration (0 turns a limit off):

- ``IMSA_RATE_MESSAGES_PER_MINUTE`` (default 240): messages per address, with bursts up to the same number;
- ``IMSA_RATE_NEW_CHATS_PER_HOUR`` (default 200): new conversations per address, bursts up to half that;
- ``IMSA_PROXY_HOPS`` (default 0): how many reverse proxies of your own stand in front of the page.
  With 1, the address is the last one in ``X-Forwarded-For`` (the one your proxy added);
  with 0, ``X-Forwarded-For`` is ignored (anyone could forge it). ``IMSA_TRUST_PROXY=1`` means 1 too.

Several people behind one address (a charity's drop-in centre) share its buckets: the
defaults leave room for dozens of them at once.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

from bot.settings import get_settings

MAX_ADDRESSES = 50_000  # buckets kept in memory; the least recently seen address is forgotten first
MAX_SENDERS = 200_000  # conversations remembered as "seen" (to count new ones)


@dataclass
class Bucket:
    tokens: float
    stamp: float


class TokenBuckets:
    """One token bucket per key: `capacity` tokens, refilled at `per_second`."""

    def __init__(self, capacity: float, per_second: float, max_keys: int = MAX_ADDRESSES) -> None:
        self.capacity, self.per_second, self.max_keys = capacity, per_second, max_keys
        self.buckets: OrderedDict[str, Bucket] = OrderedDict()

    def take(self, key: str, now: float | None = None) -> bool:
        """True (and one token spent) when the key may go on; False when its bucket is empty."""
        if self.per_second <= 0:
            return True
        now = time.monotonic() if now is None else now
        bucket = self.buckets.pop(key, None) or Bucket(self.capacity, now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.stamp) * self.per_second)
        bucket.stamp = now
        self.buckets[key] = bucket
        while len(self.buckets) > self.max_keys:
            self.buckets.popitem(last=False)
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True


class RateLimiter:
    def __init__(self, messages_per_minute: float | None = None, new_chats_per_hour: float | None = None) -> None:
        per_minute = messages_per_minute if messages_per_minute is not None else \
            get_settings().rate_messages_per_minute
        per_hour = new_chats_per_hour if new_chats_per_hour is not None else \
            get_settings().rate_new_chats_per_hour
        self.messages = TokenBuckets(max(per_minute, 1), per_minute / 60.0)
        self.new_chats = TokenBuckets(max(per_hour / 2, 1), per_hour / 3600.0)
        self.seen: OrderedDict[str, None] = OrderedDict()

    def allow(self, address: str, sender: str) -> bool:
        """May this address send this message now? A refused message is not counted as seen."""
        if not self.messages.take(address):
            return False
        if sender in self.seen:
            self.seen.move_to_end(sender)
            return True
        if not self.new_chats.take(address):
            return False
        self.seen[sender] = None
        while len(self.seen) > MAX_SENDERS:
            self.seen.popitem(last=False)
        return True


def client_address(remote: str | None, forwarded_for: str | None, hops: int | None = None) -> str:
    """The address to count: the peer, or with IMSA_PROXY_HOPS=n the n-th address from the right
    of X-Forwarded-For (the one your own n-th proxy saw)."""
    if hops is None:  # IMSA_PROXY_HOPS, or 1 with IMSA_TRUST_PROXY=1: as the staff area reads it
        hops = get_settings().proxy_hops
    if hops > 0 and forwarded_for:
        chain = [part.strip() for part in forwarded_for.split(",") if part.strip()]
        if len(chain) >= hops:
            return chain[-hops]
    return remote or "unknown"
