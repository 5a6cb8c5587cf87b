"""What every page repeats, kept in the shared cache and dropped when content changes.

Everything stored here is keyed by a *generation*: a token in the shared cache (Redis when
REDIS_URL is set) that is replaced whenever something a page shows may have changed: a page
saved, published, unpublished, moved or deleted, a snippet (menus, footer, categories...) or a
setting saved, a site, locale or view restriction changed. Nothing is ever deleted: entries of
an old generation are simply no longer asked for, and expire.

Entries of one generation never change, so each process also keeps the latest ones in memory:
in the steady state a request costs a single round trip to the shared cache (the generation),
and no query at all for its chrome. Every process reads the generation from the shared cache,
so a change made by any process is seen by all of them at their next request.
"""

import threading
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction

GENERATION_KEY = "content:generation"
LOCAL_ENTRIES = 512

_local = OrderedDict()
_local_lock = threading.Lock()


_current = threading.local()


class request_scope:
    """Within it, code that has no request at hand reads the request's generation too."""

    def __init__(self, request):
        self.request = request

    def __enter__(self):
        self.previous = getattr(_current, "request", None)
        _current.request = self.request

    def __exit__(self, *exc_info):
        _current.request = self.previous


def generation(request=None):
    """The current generation token (read once per request when a request is given or in scope)."""
    if request is None:
        request = getattr(_current, "request", None)
    if request is not None:
        token = getattr(request, "_content_generation", None)
        if token is not None:
            return token
    token = cache.get(GENERATION_KEY)
    if token is None:
        # A fresh token, never a counter: after a cache flush, a counter would start again at
        # a value whose entries some process may still hold in memory.
        token = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, token, None):
            token = cache.get(GENERATION_KEY) or token
    if request is not None:
        request._content_generation = token
    return token


def new_generation():
    """Make every cached entry obsolete, in every process."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    request = getattr(_current, "request", None)
    if request is not None:
        request.__dict__.pop("_content_generation", None)


def content_changed(*args, **kwargs):
    """Signal receiver: a new generation now (so this transaction reads its own changes) and
    again once the transaction commits (so no other process keeps what it read before)."""
    new_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(new_generation)


def _key(request, name, parts):
    return ":".join(["content", generation(request), name, *map(str, parts)])


def _remember(key, value):
    with _local_lock:
        _local[key] = value
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def peek(request, name, *parts):
    """The value stored for `name` and `parts` in this generation, or None."""
    key = _key(request, name, parts)
    with _local_lock:
        if key in _local:
            _local.move_to_end(key)
            return _local[key]
    stored = cache.get(key)
    if stored is None:
        return None
    _remember(key, stored[0])
    return stored[0]


def store(request, name, value, *parts, timeout=None):
    key = _key(request, name, parts)
    cache.set(key, (value,), settings.CONTENT_CACHE_TIMEOUT if timeout is None else timeout)
    _remember(key, value)


def cached(request, name, build, *parts, timeout=None):
    """`build()`'s value, computed once per generation and `parts` (site, language...)."""
    key = _key(request, name, parts)
    with _local_lock:
        if key in _local:
            _local.move_to_end(key)
            return _local[key]
    stored = cache.get(key)
    if stored is None:
        stored = (build(),)  # wrapped: a value of None is a value too
        cache.set(key, stored, settings.CONTENT_CACHE_TIMEOUT if timeout is None else timeout)
    _remember(key, stored[0])
    return stored[0]


def clear_local():
    """Forget what this process keeps in memory (the shared cache is left alone)."""
    with _local_lock:
        _local.clear()


def locales(request=None):
    """{locale id: language code} of every locale."""
    from wagtail.models import Locale

    return cached(request, "locales", lambda: dict(Locale.objects.values_list("pk", "language_code").order_by("pk")))


class CountedPaginator(Paginator):
    """A paginator told its count (e.g. from `cached`), so that it does not ask the database."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # Paginator.count is a cached property


def cached_count(queryset, name, *parts):
    """The number of rows of a listing's queryset, once per generation and `parts` (its filters)."""
    return cached(None, name, queryset.count, *parts)
